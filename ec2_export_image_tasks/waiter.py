"""Wait for an export image task to complete; boto3 has a waiter for instance exports only.

Exports take hours, so a wait outlives the network's bad moments: a transient failure
(throttling, a 5xx, a dropped connection, expired credentials) is tried again after a growing
delay, and only :data:`MAX_CONSECUTIVE_FAILURES` of them in a row end the wait. A permanent
failure (unauthorized, an unknown task) ends it at once. The command line's ``watch`` polls
through the same :func:`retrying`.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, TypeVar

from botocore.exceptions import ClientError, CredentialRetrievalError, HTTPClientError
from botocore.exceptions import ConnectionError as BotocoreConnectionError

from .errors import ExportFailedError, StatusMissingError, TaskNotFoundError, WaitTimeoutError
from .models import DescribeExportImageTasksRequest, ExportImageTaskStatus
from .paginator.export_image_tasks import ExportImageTaskPaginator

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client

    from .models import ExportImageTask

__all__ = [
    "MAX_CONSECUTIVE_FAILURES",
    "MAX_RETRY_DELAY",
    "describe_export",
    "is_transient",
    "retry_delay",
    "retrying",
    "wait_for_export",
]

T = TypeVar("T")

MAX_CONSECUTIVE_FAILURES = 5
"""Failed polls in a row (or answers without a ``Status``) after which a wait gives up."""

MAX_RETRY_DELAY = 300.0
"""The delay after a failure doubles from the polling interval up to this (or the interval)."""

MAX_INTERVAL = 86400.0
"""The longest polling interval: a day. Exports take hours; and ``time.sleep`` overflows on
a finite but huge one (``1e10``), after the first poll, far from the mistake."""

_FAILED = frozenset({ExportImageTaskStatus.DELETING, ExportImageTaskStatus.DELETED})

_TRANSIENT_CODES = frozenset(
    {
        # Throttling, as EC2 and botocore's retry handlers name it.
        "RequestLimitExceeded",
        "Throttling",
        "ThrottlingException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "SlowDown",
        # The service's own trouble.
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "Unavailable",
        "RequestTimeout",
        "RequestTimeoutException",
        # Credentials that expired mid-wait: botocore refreshes them before the next call.
        "ExpiredToken",
        "ExpiredTokenException",
        "RequestExpired",
    }
)


def is_transient(error: Exception) -> bool:
    """Whether asking again later may succeed, judged by botocore's error code or class."""
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "")
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        return code in _TRANSIENT_CODES or status >= 500
    # A dropped or timed-out connection; a credentials refresh that failed on its way.
    return isinstance(error, BotocoreConnectionError | HTTPClientError | CredentialRetrievalError)


def retry_delay(interval: float, failures: int) -> float:
    """The wait after ``failures`` failures in a row: the interval (at least 1 s), doubling."""
    return min(max(interval, 1.0) * 2.0 ** (failures - 1), max(interval, MAX_RETRY_DELAY))


def retrying(
    poll: Callable[[], T],
    *,
    interval: float,
    sleep: Callable[[float], None],
    on_retry: Callable[[Exception, float], None] | None = None,
    remaining: Callable[[], float] | None = None,
) -> T:
    """``poll()``'s answer, trying again after each transient failure.

    Gives up, raising the last failure with a note saying so, after
    :data:`MAX_CONSECUTIVE_FAILURES` failures in a row, or once ``remaining()`` (seconds left
    before a deadline) reaches 0. ``on_retry`` hears of each failure and the delay before the
    next try.
    """
    failures = 0
    while True:
        try:
            return poll()
        except Exception as error:
            if not is_transient(error):
                raise
            failures += 1
            left = math.inf if remaining is None else remaining()
            if failures >= MAX_CONSECUTIVE_FAILURES or left <= 0:
                error.add_note(f"gave up after {failures} failed attempt(s) in a row")
                raise
            delay = min(retry_delay(interval, failures), left)
            if on_retry is not None:
                on_retry(error, delay)
            sleep(delay)


def describe_export(client: EC2Client, task_id: str) -> ExportImageTask:
    """The export image task ``task_id``, validated; its form is checked before anything is sent.

    Raises :class:`TaskNotFoundError` when the answer does not hold that very task.
    """
    # In boto3's form, so that an error names the field as boto3 users know it.
    request = DescribeExportImageTasksRequest.model_validate({"ExportImageTaskIds": [task_id]})
    for task in ExportImageTaskPaginator(client).paginate(request):
        if task.export_image_task_id == task_id:
            return task
    raise TaskNotFoundError(task_id)


def _check_seconds(name: str, value: float) -> None:
    if math.isnan(value) or value < 0:
        raise ValueError(f"{name} must be a number of seconds >= 0, got {value!r}")


def wait_for_export(
    client: EC2Client,
    task_id: str,
    *,
    interval: float = 15.0,
    timeout: float | None = None,
    on_progress: Callable[[ExportImageTask], None] | None = None,
    on_retry: Callable[[Exception, float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ExportImageTask:
    """Poll every ``interval`` seconds until the export completes; return it, completed.

    ``on_progress`` sees the task after every poll, the last one included; ``on_retry`` sees
    each transient failure and the delay before the next try (see :func:`retrying`). Raises
    :class:`ExportFailedError` when it is deleting or deleted, :class:`WaitTimeoutError` when
    ``timeout`` seconds pass first, :class:`StatusMissingError` after
    :data:`MAX_CONSECUTIVE_FAILURES` answers in a row without a ``Status`` (one such answer is
    waited out: the service model leaves it optional), :class:`TaskNotFoundError` when the
    answer holds another task, and botocore's errors for what AWS refuses (an unknown id is
    ``InvalidExportImageTaskId.NotFound``) or what keeps failing. ``interval`` must be at most
    :data:`MAX_INTERVAL` (a day) and ``timeout`` a number, both >= 0 (``ValueError`` before any
    request). ``sleep`` and
    ``clock`` are for tests.
    """
    _check_seconds("interval", interval)
    if interval > MAX_INTERVAL:
        raise ValueError(f"interval must be at most {MAX_INTERVAL:g} s (a day), got {interval!r}")
    if timeout is not None:
        _check_seconds("timeout", timeout)
    deadline = math.inf if timeout is None else clock() + timeout
    statusless = 0
    while True:
        task = retrying(
            lambda: describe_export(client, task_id),
            interval=interval,
            sleep=sleep,
            on_retry=on_retry,
            remaining=lambda: deadline - clock(),
        )
        if on_progress is not None:
            on_progress(task)
        if task.status is ExportImageTaskStatus.COMPLETED:
            return task
        if task.status in _FAILED:
            raise ExportFailedError(task)
        statusless = statusless + 1 if task.status is None else 0
        if statusless >= MAX_CONSECUTIVE_FAILURES:
            raise StatusMissingError(task, statusless)
        remaining = deadline - clock()
        if remaining <= 0:
            raise WaitTimeoutError(task_id, timeout or 0.0, task)
        sleep(min(interval, remaining))  # the last poll falls on the deadline itself
