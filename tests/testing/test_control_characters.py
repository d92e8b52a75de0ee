"""The local endpoint, given request text that EC2's XML cannot carry back (a C0 control)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks.testing import LocalEC2

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import ExportImageRequestTypeDef

IMAGE = "ami-0123456789abcdef0"
BUCKET = "exports"
ESCAPE = "\x1b[31m"
"""A terminal escape: U+001B is in no XML 1.0 document, not even as a character reference."""


@pytest.fixture
def local() -> LocalEC2:
    local = LocalEC2()
    local.images.add(IMAGE)
    local.buckets.add(BUCKET)
    return local


def _export(**changes: object) -> ExportImageRequestTypeDef:
    request: dict[str, object] = {
        "ImageId": IMAGE,
        "DiskImageFormat": "VMDK",
        "S3ExportLocation": {"S3Bucket": BUCKET},
    }
    request.update(changes)
    return request  # type: ignore[return-value]  # a test's deliberately free-form request


def _error(error: ClientError) -> tuple[str, str]:
    """EC2's error code and message."""
    details = error.response.get("Error", {})
    return details.get("Code", ""), details.get("Message", "")


@pytest.mark.parametrize(
    "changes",
    [
        {"Description": f"nightly {ESCAPE}"},
        {"S3ExportLocation": {"S3Bucket": BUCKET, "S3Prefix": ESCAPE}},
        {"ImageId": f"ami-{ESCAPE}"},
        {
            "TagSpecifications": [
                {"ResourceType": "export-image-task", "Tags": [{"Key": "k", "Value": ESCAPE}]}
            ]
        },
    ],
    ids=["description", "prefix", "image id", "tag value"],
)
def test_export_with_a_control_character_is_an_invalid_parameter_value(
    local: LocalEC2, changes: dict[str, object]
) -> None:
    with pytest.raises(ClientError) as raised:
        local.client.export_image(**_export(**changes))
    code, message = _error(raised.value)
    assert code == "InvalidParameterValue"
    assert "U+001B" in message


def test_a_refused_control_character_leaves_the_endpoint_answering(local: LocalEC2) -> None:
    with pytest.raises(ClientError):
        local.client.export_image(**_export(Description=ESCAPE))
    assert local.client.describe_export_image_tasks()["ExportImageTasks"] == []


def test_a_control_character_is_refused_naming_its_parameter(local: LocalEC2) -> None:
    with pytest.raises(ClientError) as raised:
        local.client.cancel_export_task(ExportTaskId=f"export-ami-{ESCAPE}")
    code, message = _error(raised.value)
    assert code == "InvalidParameterValue"
    assert "ExportTaskId" in message
