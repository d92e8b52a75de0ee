"""ExportImageTaskStatus: the four wire strings, and nothing else, wherever a status is read."""

from __future__ import annotations

import re

import pytest
from hypothesis import given

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import ExportImageTask, ExportImageTaskStatus

from .helpers import rejected

NOT_STATUSES = ["Active", "ACTIVE", "running", "cancelled", "", " active", "active\n", "activ"]


def test_the_statuses_are_the_four_the_api_documents() -> None:
    assert [status.value for status in ExportImageTaskStatus] == [
        "active",
        "completed",
        "deleting",
        "deleted",
    ]


@given(strategies.statuses())
def test_a_status_round_trips_through_its_wire_string(status: ExportImageTaskStatus) -> None:
    assert ExportImageTaskStatus(str(status)) is status


@given(strategies.statuses())
def test_a_status_equals_its_wire_string(status: ExportImageTaskStatus) -> None:
    assert status == status.value


@pytest.mark.parametrize("status", list(ExportImageTaskStatus), ids=str)
def test_a_task_reads_each_status_from_its_wire_string(status: ExportImageTaskStatus) -> None:
    task = ExportImageTask.model_validate({"Status": status.value})

    assert task.status is status
    assert task.to_boto() == {"Status": status.value}


@pytest.mark.parametrize("status", list(ExportImageTaskStatus), ids=str)
def test_a_task_built_with_a_status_writes_its_wire_string(status: ExportImageTaskStatus) -> None:
    assert ExportImageTask(status=status).to_boto() == {"Status": status.value}


@pytest.mark.parametrize("value", [*NOT_STATUSES, b"active", 1, True], ids=repr)
def test_a_task_rejects_anything_else_as_a_status(value: object) -> None:
    with rejected("Status", value):
        ExportImageTask.model_validate({"Status": value})


@pytest.mark.parametrize("value", NOT_STATUSES, ids=repr)
def test_the_enum_rejects_anything_else(value: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        ExportImageTaskStatus(value)
