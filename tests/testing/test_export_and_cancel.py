"""ExportImage and CancelExportTask as a real boto3 client sees them: lifecycle and EC2's errors,
text XML cannot carry back (a C0 control) among them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import ExportImageTaskStatus, wait_for_export
from ec2_export_image_tasks.models._facts import MAX_TAGS
from ec2_export_image_tasks.testing import LocalEC2, Reply

from ..stub_clients import stubs_client

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ec2.type_defs import ExportImageRequestTypeDef, ExportImageResultTypeDef

IMAGE = "ami-0123456789abcdef0"
BUCKET = "exports"
SECONDS = 10.0
EXPORT: ExportImageRequestTypeDef = {
    "ImageId": IMAGE,
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": BUCKET, "S3Prefix": "images/"},
}


@pytest.fixture
def local() -> LocalEC2:
    """An endpoint that knows one image and one bucket; exports take ten seconds."""
    local = LocalEC2(export_seconds=SECONDS)
    local.images.add(IMAGE)
    local.buckets.add(BUCKET)
    return local


def _export(local: LocalEC2[EC2Client], **changes: Any) -> ExportImageResultTypeDef:
    request: dict[str, Any] = {**EXPORT, **changes}
    return local.client.export_image(**request)


def _code(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return raised.value.response.get("Error", {}).get("Code", "")


def _message(raised: pytest.ExceptionInfo[ClientError]) -> str:
    return raised.value.response.get("Error", {}).get("Message", "")


def _state(local: LocalEC2[EC2Client], task_id: str) -> tuple[str | None, str | None]:
    (task,) = local.client.describe_export_image_tasks(ExportImageTaskIds=[task_id])[
        "ExportImageTasks"
    ]
    return task.get("Status"), task.get("Progress")


def test_an_export_starts_active_at_0_percent_with_what_was_asked(
    local: LocalEC2[EC2Client],
) -> None:
    answer = _export(
        local,
        Description="nightly",
        TagSpecifications=[
            {"ResourceType": "export-image-task", "Tags": [{"Key": "team", "Value": "x"}]}
        ],
    )

    assert re.fullmatch(r"export-ami-[0-9a-f]{17}", answer.get("ExportImageTaskId", ""))
    assert {key: value for key, value in answer.items() if key != "ResponseMetadata"} == {
        "Description": "nightly",
        "DiskImageFormat": "VMDK",
        "ExportImageTaskId": answer.get("ExportImageTaskId"),
        "ImageId": IMAGE,
        "Progress": "0",
        "RoleName": "vmimport",
        "S3ExportLocation": {"S3Bucket": BUCKET, "S3Prefix": "images/"},
        "Status": "active",
        "StatusMessage": "converting",
        "Tags": [{"Key": "team", "Value": "x"}],
    }


def test_the_role_named_is_the_role_answered(local: LocalEC2[EC2Client]) -> None:
    assert _export(local, RoleName="exporter").get("RoleName") == "exporter"


def test_describe_shows_the_export_as_started_without_format_and_role(
    local: LocalEC2[EC2Client],
) -> None:
    answer = _export(local)

    (task,) = local.client.describe_export_image_tasks()["ExportImageTasks"]

    unshown = ("DiskImageFormat", "RoleName", "ResponseMetadata")
    assert task == {key: value for key, value in answer.items() if key not in unshown}


def test_an_export_progresses_with_the_clock_and_completes(local: LocalEC2[EC2Client]) -> None:
    task_id = _export(local).get("ExportImageTaskId", "")
    local.advance(SECONDS * 0.6)
    halfway = _state(local, task_id)
    local.advance(SECONDS * 0.4)

    assert halfway == ("active", "60")
    assert _state(local, task_id) == ("completed", None)


def test_by_default_an_export_takes_a_minute(local_ec2: LocalEC2[EC2Client]) -> None:
    local_ec2.images.add(IMAGE)
    local_ec2.buckets.add(BUCKET)
    task_id = _export(local_ec2).get("ExportImageTaskId", "")

    local_ec2.advance(30)
    halfway = _state(local_ec2, task_id)
    local_ec2.advance(30)

    assert halfway == ("active", "50")
    assert _state(local_ec2, task_id) == ("completed", None)


def test_a_cancelled_export_is_deleting_then_deleted(local: LocalEC2[EC2Client]) -> None:
    task_id = _export(local).get("ExportImageTaskId", "")

    local.client.cancel_export_task(ExportTaskId=task_id)
    deleting = _state(local, task_id)
    local.advance(2.0)

    assert deleting == ("deleting", None)
    assert _state(local, task_id) == ("deleted", None)


def test_a_seeded_active_task_can_be_cancelled(local: LocalEC2[EC2Client]) -> None:
    (seeded,) = local.add_tasks(1, ExportImageTaskStatus.ACTIVE)
    task_id = str(seeded["ExportImageTaskId"])

    local.client.cancel_export_task(ExportTaskId=task_id)

    assert _state(local, task_id) == ("deleting", None)


@pytest.mark.parametrize(
    ("task_id", "code"),
    [
        ("export-ami-0000000000000ffff", "InvalidExportTaskID.NotFound"),
        ("export-ami-nothex", "InvalidExportTaskID.Malformed"),
        ("ami-0123456789abcdef0", "InvalidExportTaskID.Malformed"),
    ],
)
def test_cancelling_an_unknown_or_malformed_id_is_ec2s_error(
    local: LocalEC2[EC2Client], task_id: str, code: str
) -> None:
    with pytest.raises(ClientError) as raised:
        local.client.cancel_export_task(ExportTaskId=task_id)

    assert _code(raised) == code
    assert task_id in str(raised.value)


@pytest.mark.parametrize(
    ("seconds", "status"), [(SECONDS, "completed"), (0.0, "deleting"), (2.0, "deleted")]
)
def test_cancelling_a_task_no_longer_active_is_an_incorrect_state(
    local: LocalEC2[EC2Client], seconds: float, status: str
) -> None:
    task_id = _export(local).get("ExportImageTaskId", "")
    if status != "completed":
        local.client.cancel_export_task(ExportTaskId=task_id)
    local.advance(seconds)

    with pytest.raises(ClientError) as raised:
        local.client.cancel_export_task(ExportTaskId=task_id)

    assert _code(raised) == "IncorrectState"
    assert status in str(raised.value)
    assert _state(local, task_id)[0] == status


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ImageId": "ami-12345"}, "InvalidAMIID.Malformed"),
        ({"ImageId": "ami-0000000000000dead"}, "InvalidAMIID.NotFound"),
        ({"DiskImageFormat": "OVA"}, "InvalidParameterValue"),
        ({"S3ExportLocation": {"S3Bucket": "nobody-s-bucket"}}, "InvalidParameter"),
        ({"Description": "d" * 256}, "InvalidParameterValue"),
        ({"ClientToken": "t" * 65}, "InvalidParameterValue"),
        (
            {"TagSpecifications": [{"ResourceType": "image", "Tags": [{"Key": "a", "Value": ""}]}]},
            "InvalidParameterValue",
        ),
    ],
    ids=[
        "malformed-image",
        "missing-image",
        "format",
        "bucket",
        "description",
        "client-token",
        "resource-type",
    ],
)
def test_a_bad_export_is_refused_with_ec2s_code_and_starts_nothing(
    local: LocalEC2[EC2Client], changes: dict[str, object], code: str
) -> None:
    with pytest.raises(ClientError) as raised:
        _export(local, **changes)

    assert _code(raised) == code
    assert local.tasks == ()


@pytest.mark.parametrize(
    "tags",
    [
        [{"Key": "aws:owner", "Value": ""}],
        [{"Key": "AWS:owner", "Value": ""}],
        [{"Key": "k" * 128, "Value": ""}],
        [{"Key": "k", "Value": "v" * 257}],
        [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}],
        [{"Key": f"k{number}", "Value": ""} for number in range(MAX_TAGS + 1)],
    ],
    ids=["aws-prefix", "aws-prefix-any-case", "long-key", "long-value", "duplicate-key", "51-tags"],
)
def test_tags_the_tag_model_refuses_are_refused(
    local: LocalEC2[EC2Client], tags: list[Any]
) -> None:
    with pytest.raises(ClientError) as raised:
        _export(local, TagSpecifications=[{"ResourceType": "export-image-task", "Tags": tags}])

    assert _code(raised) == "InvalidParameterValue"
    assert local.tasks == ()


def test_a_key_given_in_two_tag_specifications_is_refused(local: LocalEC2[EC2Client]) -> None:
    one = {"ResourceType": "export-image-task", "Tags": [{"Key": "team", "Value": "a"}]}

    with pytest.raises(ClientError) as raised:
        _export(local, TagSpecifications=[one, one])

    assert _code(raised) == "InvalidParameterValue"
    assert "the tag key 'team' is given twice" in str(raised.value)
    assert local.tasks == ()


def test_the_same_client_token_and_parameters_are_the_same_export(
    local: LocalEC2[EC2Client],
) -> None:
    first = _export(local, ClientToken="retry-1")
    local.advance(SECONDS / 2)

    again = _export(local, ClientToken="retry-1")

    assert again.get("ExportImageTaskId") == first.get("ExportImageTaskId")
    assert again.get("Progress") == "50"
    assert len(local.tasks) == 1


def test_the_same_client_token_with_other_parameters_is_refused(local: LocalEC2[EC2Client]) -> None:
    _export(local, ClientToken="retry-1")

    with pytest.raises(ClientError) as raised:
        _export(local, ClientToken="retry-1", DiskImageFormat="RAW")

    assert _code(raised) == "IdempotentParameterMismatch"
    assert len(local.tasks) == 1


def test_botocore_sends_a_fresh_client_token_so_two_calls_are_two_exports(
    local: LocalEC2[EC2Client],
) -> None:
    ids = {_export(local).get("ExportImageTaskId") for _ in range(2)}

    tokens = [request.get("ClientToken") for request in local.requests]
    assert len(ids) == 2
    assert None not in tokens
    assert len(set(tokens)) == 2


@pytest.mark.parametrize(
    ("authorized", "dry_run", "code"),
    [
        (False, False, "UnauthorizedOperation"),
        (False, True, "UnauthorizedOperation"),
        (True, True, "DryRunOperation"),
    ],
)
def test_export_answers_access_and_dry_run_as_describe_does(
    local: LocalEC2[EC2Client], authorized: bool, dry_run: bool, code: str
) -> None:
    local.authorized = authorized

    with pytest.raises(ClientError) as raised:
        _export(local, DryRun=dry_run)

    assert _code(raised) == code
    assert local.tasks == ()


def test_cancelling_needs_the_permission_too(local: LocalEC2[EC2Client]) -> None:
    task_id = _export(local).get("ExportImageTaskId", "")
    local.authorized = False

    with pytest.raises(ClientError) as raised:
        local.client.cancel_export_task(ExportTaskId=task_id)

    assert _code(raised) == "UnauthorizedOperation"


ESCAPE = "\x1b[31m"
"""A terminal escape: U+001B is in no XML 1.0 document, not even as a character reference."""


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
    local: LocalEC2[EC2Client], changes: dict[str, object]
) -> None:
    with pytest.raises(ClientError) as raised:
        _export(local, **changes)

    assert _code(raised) == "InvalidParameterValue"
    assert "U+001B" in _message(raised)


def test_a_refused_control_character_leaves_the_endpoint_answering(
    local: LocalEC2[EC2Client],
) -> None:
    with pytest.raises(ClientError):
        _export(local, Description=ESCAPE)

    assert local.client.describe_export_image_tasks()["ExportImageTasks"] == []


def test_a_control_character_is_refused_naming_its_parameter(local: LocalEC2[EC2Client]) -> None:
    with pytest.raises(ClientError) as raised:
        local.client.cancel_export_task(ExportTaskId=f"export-ami-{ESCAPE}")

    assert _code(raised) == "InvalidParameterValue"
    assert "ExportTaskId" in _message(raised)


def test_a_request_without_a_required_field_is_a_missing_parameter() -> None:
    # botocore checks required fields before sending; a hand-made request reaches EC2's check.
    reply = LocalEC2()("CancelExportTask", {"Action": "CancelExportTask"})

    assert reply.status == 400
    assert b"<Code>MissingParameter</Code>" in reply.body
    assert b"ExportTaskId" in reply.body


def test_code_that_sleeps_can_be_handed_advance_and_now(local: LocalEC2[EC2Client]) -> None:
    task_id = _export(local).get("ExportImageTaskId", "")

    task = wait_for_export(
        local.client, task_id, interval=4.0, sleep=local.advance, clock=local.now
    )

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert local.now() == 12.0


_optional_parameters = st.fixed_dictionaries(
    {"DiskImageFormat": st.sampled_from(["VMDK", "RAW", "VHD"])},
    optional={
        "Description": st.text(
            st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=20
        ),
        "RoleName": st.sampled_from(["vmimport", "exporter"]),
        "S3ExportLocation": st.sampled_from([{"S3Bucket": BUCKET, "S3Prefix": p} for p in "ab"]),
    },
)


@given(first=_optional_parameters, second=_optional_parameters)
def test_a_client_token_stands_for_exactly_its_parameters(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    local: LocalEC2[EC2Client] = LocalEC2()
    local.images.add(IMAGE)
    local.buckets.add(BUCKET)
    started = _export(local, ClientToken="token", **first).get("ExportImageTaskId")

    try:
        answer: object = _export(local, ClientToken="token", **second).get("ExportImageTaskId")
    except ClientError as error:
        answer = error.response.get("Error", {}).get("Code")

    same = {**EXPORT, **first} == {**EXPORT, **second}
    assert answer == (started if same else "IdempotentParameterMismatch")
    assert len(local.tasks) == 1


def test_botocores_retry_after_a_dropped_response_is_the_same_export(
    local: LocalEC2[EC2Client],
) -> None:
    dropped: list[str] = []

    def drop_the_first_answer(action: str, parameters: Mapping[str, str]) -> Reply:
        reply = local(action, parameters)
        if not dropped:
            dropped.append(parameters["ClientToken"])
            raise ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com")
        return reply

    answer = stubs_client(drop_the_first_answer, max_attempts=2).export_image(**EXPORT)

    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert [request["ClientToken"] for request in local.requests] == dropped * 2
    assert [task["ExportImageTaskId"] for task in local.tasks] == [answer.get("ExportImageTaskId")]
