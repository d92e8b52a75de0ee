"""The backend alone: storing tasks as given, sample tasks, and the rules no client can reach."""

from __future__ import annotations

import pytest

from ec2_export_image_tasks import ExportImageTask, ExportImageTaskStatus
from ec2_export_image_tasks.testing import (
    DescribeQuery,
    Ec2Error,
    ExportImageTasksBackend,
    TaskPage,
    sample_task,
)


def test_a_raw_task_is_stored_exactly_as_given() -> None:
    raw = {"ExportImageTaskId": "not-an-id", "Status": "exploded", "Extra": 1}
    backend = ExportImageTasksBackend()

    assert backend.add_task(raw) == raw
    assert backend.tasks == [raw]


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
    backend = ExportImageTasksBackend()
    backend.add_task({"Status": "active"})

    added = backend.add_tasks(2, ExportImageTaskStatus.COMPLETED)

    assert added == [sample_task(n, ExportImageTaskStatus.COMPLETED).to_boto() for n in (1, 2)]


def test_max_results_below_1_is_an_invalid_parameter_value() -> None:
    # botocore refuses 0 before sending; the backend must refuse it too, as EC2 does.
    with pytest.raises(Ec2Error) as raised:
        ExportImageTasksBackend().describe(DescribeQuery(max_results=0))

    assert raised.value.code == "InvalidParameterValue"


def test_a_token_outlives_the_tasks_it_pointed_past() -> None:
    backend = ExportImageTasksBackend()
    backend.add_tasks(3)
    first = backend.describe(DescribeQuery(max_results=2))
    del backend.tasks[1:]

    rest = backend.describe(DescribeQuery(max_results=2, next_token=first.next_token))

    assert rest == TaskPage([], None)


def test_an_identical_query_is_given_an_identical_token() -> None:
    backend = ExportImageTasksBackend()
    backend.add_tasks(3)

    tokens = {backend.describe(DescribeQuery(max_results=1)).next_token for _ in range(2)}

    assert len(tokens) == 1
