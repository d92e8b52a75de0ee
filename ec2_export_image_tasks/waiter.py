"""Wait for an export image task to complete; boto3 has a waiter for instance exports only."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from .errors import ExportFailedError, TaskNotFoundError, WaitTimeoutError
from .models import DescribeExportImageTasksRequest, ExportImageTaskStatus
from .paginator.export_image_tasks import ExportImageTaskPaginator

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client

    from .models import ExportImageTask

__all__ = ["describe_export", "wait_for_export"]

_FAILED = frozenset({ExportImageTaskStatus.DELETING, ExportImageTaskStatus.DELETED})


def describe_export(client: EC2Client, task_id: str) -> ExportImageTask:
    """One export image task, validated; the id's form is checked before anything is sent."""
    # In boto3's form, so that an error names the field as boto3 users know it.
    request = DescribeExportImageTasksRequest.model_validate({"ExportImageTaskIds": [task_id]})
    for task in ExportImageTaskPaginator(client).paginate(request):
        return task
    raise TaskNotFoundError(task_id)


def wait_for_export(
    client: EC2Client,
    task_id: str,
    *,
    interval: float = 15.0,
    timeout: float | None = None,
    on_progress: Callable[[ExportImageTask], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ExportImageTask:
    """Poll every ``interval`` seconds until the export completes; return it, completed.

    ``on_progress`` sees the task after every poll, the last one included. Raises
    :class:`ExportFailedError` when it is deleting or deleted, :class:`WaitTimeoutError` when
    ``timeout`` seconds pass first, and botocore's ``ClientError`` for what AWS refuses (an
    unknown id is ``InvalidExportImageTaskId.NotFound``). ``sleep`` and ``clock`` are for tests.
    """
    deadline = None if timeout is None else clock() + timeout
    while True:
        task = describe_export(client, task_id)
        if on_progress is not None:
            on_progress(task)
        if task.status is ExportImageTaskStatus.COMPLETED:
            return task
        if task.status in _FAILED:
            raise ExportFailedError(task)
        if deadline is None:
            sleep(interval)
            continue
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeoutError(task_id, timeout or 0.0, task)
        sleep(min(interval, remaining))  # the last poll falls on the deadline itself
