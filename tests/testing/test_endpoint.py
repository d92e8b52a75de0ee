"""The local endpoint answers a real boto3 client as EC2 would, through botocore's own parser."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import ExportImageTaskStatus
from ec2_export_image_tasks.testing import LocalEC2

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import DescribeExportImageTasksRequestTypeDef

# Text XML 1.0 can carry: no control characters but tab, LF and CR; no surrogates.
xml_text = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters=[chr(c) for c in range(32) if chr(c) not in "\t\n\r"]
        + ["\ufffe", "\uffff"],
    )
)


def test_plain_boto3_pages_through_every_task(local_ec2: LocalEC2) -> None:
    stored = local_ec2.backend.add_tasks(5)
    pages = local_ec2.client.get_paginator("describe_export_image_tasks").paginate(
        PaginationConfig={"PageSize": 2}
    )

    assert [task for page in pages for task in page["ExportImageTasks"]] == stored
    assert [request.get("MaxResults") for request in local_ec2.requests] == ["2", "2", "2"]


@given(key=xml_text.filter(bool), value=xml_text)
def test_tag_text_survives_the_xml_and_botocores_parser(key: str, value: str) -> None:
    local = LocalEC2()
    stored = local.backend.add_task({"Tags": [{"Key": key, "Value": value}]})

    assert local.client.describe_export_image_tasks()["ExportImageTasks"] == [stored]


def test_a_task_that_breaks_the_contract_is_served_as_stored(local_ec2: LocalEC2) -> None:
    stored = local_ec2.backend.add_task({"Status": "exploded", "Progress": "101"})

    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == [stored]


def test_the_task_state_filter_selects_by_status(local_ec2: LocalEC2) -> None:
    local_ec2.backend.add_tasks(1, ExportImageTaskStatus.COMPLETED)
    active = local_ec2.backend.add_tasks(2, ExportImageTaskStatus.ACTIVE)

    answer = local_ec2.client.describe_export_image_tasks(
        Filters=[{"Name": "task-state", "Values": ["active"]}]
    )

    assert answer["ExportImageTasks"] == active


@pytest.mark.parametrize(
    ("request_kwargs", "code"),
    [
        (
            {"ExportImageTaskIds": ["export-ami-0000000000000dead"]},
            "InvalidExportImageTaskId.NotFound",
        ),
        ({"Filters": [{"Name": "status", "Values": ["active"]}]}, "InvalidParameterValue"),
        ({"MaxResults": 501}, "InvalidParameterValue"),
        ({"NextToken": "not-issued-here"}, "InvalidPaginationToken"),
        ({"DryRun": True}, "DryRunOperation"),
    ],
)
def test_bad_requests_get_ec2s_error_codes(
    local_ec2: LocalEC2, request_kwargs: DescribeExportImageTasksRequestTypeDef, code: str
) -> None:
    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(**request_kwargs)

    assert raised.value.response.get("Error", {}).get("Code") == code


def test_an_unauthorized_caller_is_refused(local_ec2: LocalEC2) -> None:
    local_ec2.backend.authorized = False

    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        local_ec2.client.describe_export_image_tasks(DryRun=True)
