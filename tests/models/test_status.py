"""ExportImageTaskStatus: the four wire strings, in any letter case in an answer, nothing else."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import (
    DiskImageFormat,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskStatus,
)

from .helpers import any_casing, rejected

OTHER_CASES = ["Active", "ACTIVE", "aCtIvE"]
NOT_STATUSES = ["running", "cancelled", "", " active", "active\n", "ACTIVE\n", "activ"]
NOT_ASCII_CASES = ["ACT\u0130VE", "acti\u0307ve"]
"""Letters that only Unicode case mapping would match (a dotted capital I); ASCII case only."""


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


@given(data=st.data())
def test_a_task_reads_a_status_in_any_letter_case_as_the_member(data: st.DataObject) -> None:
    status = data.draw(strategies.statuses())
    sent = data.draw(any_casing(status.value))

    task = ExportImageTask.model_validate({"Status": sent})

    assert task.status is status
    assert task.to_boto() == {"Status": status.value}  # the documented form
    assert ExportImageTask.model_validate_json(f'{{"Status": "{sent}"}}').status is status


@given(data=st.data())
def test_an_export_answer_reads_a_disk_image_format_in_any_letter_case(
    data: st.DataObject,
) -> None:
    image_format = data.draw(st.sampled_from(DiskImageFormat))
    sent = data.draw(any_casing(image_format.value))

    documented = image_format.value

    answer = ExportImageResponse.model_validate({"DiskImageFormat": sent})

    assert answer.disk_image_format is image_format
    assert answer.to_boto() == {"DiskImageFormat": documented}


@pytest.mark.parametrize(
    "value", [*NOT_STATUSES, *NOT_ASCII_CASES, b"active", b"ACTIVE", 1, True], ids=repr
)
def test_a_task_rejects_anything_else_as_a_status(value: object) -> None:
    with rejected("Status", value):
        ExportImageTask.model_validate({"Status": value})


@pytest.mark.parametrize("value", ["qcow2", "VMDK ", "vmdk\n", "VMD\u212a", b"vmdk"], ids=repr)
def test_an_export_answer_rejects_anything_else_as_a_disk_image_format(value: object) -> None:
    with rejected("DiskImageFormat", value):
        ExportImageResponse.model_validate({"DiskImageFormat": value})


@pytest.mark.parametrize("value", NOT_STATUSES + OTHER_CASES, ids=repr)
def test_the_enum_itself_takes_only_the_documented_spelling(value: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(value))):
        ExportImageTaskStatus(value)
