"""The service's state: tasks as given, sample tasks, time, and rules botocore keeps from EC2."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import ExportImageTask, ExportImageTaskStatus
from ec2_export_image_tasks.testing import LocalEC2, sample_task

if TYPE_CHECKING:
    from mypy_boto3_ec2.client import EC2Client

IMAGE = "ami-0123456789abcdef0"


def _exporting(export_seconds: float = 10.0) -> tuple[LocalEC2, object]:
    """A backend with one export just started, and the export's id."""
    local = LocalEC2(export_seconds=export_seconds)
    local.images.add(IMAGE)
    local.buckets.add("exports")
    reply = local(
        "ExportImage",
        {"ImageId": IMAGE, "DiskImageFormat": "VMDK", "S3ExportLocation.S3Bucket": "exports"},
    )
    assert reply.status == 200
    return local, local.tasks[0]["ExportImageTaskId"]


def test_a_raw_task_is_stored_exactly_as_given() -> None:
    raw = {"ExportImageTaskId": "not-an-id", "Status": "exploded", "Extra": 1}
    local = LocalEC2()

    assert local.add_task(raw) == raw
    assert local.tasks == (raw,)


@pytest.mark.parametrize("status", list(ExportImageTaskStatus))
def test_a_sample_task_is_valid_and_the_same_for_the_same_number(
    status: ExportImageTaskStatus,
) -> None:
    task = sample_task(12, status)

    assert task == sample_task(12, status)
    assert ExportImageTask.model_validate(task.to_boto()) == task
    assert task.export_image_task_id == "export-ami-0000000000000000c"
    assert task.status is status


def test_add_tasks_numbers_on_from_the_tasks_held() -> None:
    local = LocalEC2()
    local.add_task({"Status": "active"})

    added = local.add_tasks(2, ExportImageTaskStatus.COMPLETED)

    assert added == [sample_task(n, ExportImageTaskStatus.COMPLETED).to_boto() for n in (1, 2)]


def test_max_results_below_1_is_an_invalid_parameter_value() -> None:
    # botocore refuses 0 before sending; the service must refuse it too, as EC2 does.
    reply = LocalEC2()("DescribeExportImageTasks", {"MaxResults": "0"})

    assert reply.status == 400
    assert b"<Code>InvalidParameterValue</Code>" in reply.body


def test_an_identical_query_is_given_an_identical_token() -> None:
    local: LocalEC2[EC2Client] = LocalEC2()
    local.add_tasks(3)

    tokens = {local.client.describe_export_image_tasks(MaxResults=1).get("NextToken") for _ in "ab"}

    assert len(tokens) == 1


def test_without_a_clock_time_stands_still_until_advanced() -> None:
    local, _ = _exporting(export_seconds=10.0)
    before = local.tasks[0].get("Progress")
    local.advance(2.5)

    assert (before, local.tasks[0].get("Progress")) == ("0", "25")
    assert local.now() == 2.5


def test_advance_adds_to_the_clock_given() -> None:
    local = LocalEC2(lambda: 100.0)
    local.advance(1.5)

    assert local.now() == 101.5


def test_time_cannot_go_back() -> None:
    with pytest.raises(ValueError, match=r"advance\(-1\)"):
        LocalEC2().advance(-1)


@given(steps=st.lists(st.floats(min_value=0, max_value=4), max_size=12))
def test_an_exports_progress_never_goes_back_and_it_completes_on_time(steps: list[float]) -> None:
    local, _ = _exporting(export_seconds=10.0)
    seen: list[int] = []
    for step in steps:
        local.advance(step)
        (task,) = local.tasks
        if local.now() < 10.0:
            assert task["Status"] == "active"
            seen.append(int(str(task["Progress"])))
        else:
            assert task["Status"] == "completed"
            assert "Progress" not in task

    assert seen == sorted(seen)
    assert all(0 <= percent < 100 for percent in seen)


def test_a_cancelled_task_keeps_every_field_time_does_not_rewrite() -> None:
    local = LocalEC2()
    seeded = sample_task(1).to_boto() | {"RoleName": "exporter", "FutureField": {"Nested": 1}}
    local.add_task(seeded)

    local.client.cancel_export_task(ExportTaskId=str(seeded["ExportImageTaskId"]))

    timed = {"Status", "Progress", "StatusMessage"}
    (cancelled,) = local.tasks
    assert {key: cancelled[key] for key in seeded.keys() - timed} == {
        key: seeded[key] for key in seeded.keys() - timed
    }
    assert cancelled["Status"] == "deleting"
    assert "Progress" not in cancelled
