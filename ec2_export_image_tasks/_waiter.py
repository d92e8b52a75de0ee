"""Wait for an export image task to complete; boto3 has a waiter for instance exports only.

Exports take hours, so a wait outlives the network's bad moments: a transient failure
(throttling, a 5xx, a dropped connection, expired credentials) is tried again after a growing
delay, and only five of them in a row end the wait. A permanent failure (unauthorized, a skewed
clock) ends it at once; a task EC2 does not show yet is polled for :data:`NOT_VISIBLE_GRACE`
seconds. The rules live in one I/O-free core (:class:`._waiting.Waiting`, retrying by
:data:`._retry.RETRY_POLICY`, as the command line's ``watch`` and the many-region listing do);
:func:`wait_for_export` and :func:`async_wait_for_export` only send, sleep and read the clock.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from ._wait_loops import async_poll_until_done, poll_until_done
from ._waiting import MAX_INTERVAL, MIN_INTERVAL, NOT_VISIBLE_GRACE, Waiting

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._clients import AsyncEC2ClientProtocol, EC2ClientProtocol
    from .models import ExportImageTask

__all__ = [
    "MAX_INTERVAL",
    "MIN_INTERVAL",
    "NOT_VISIBLE_GRACE",
    "async_wait_for_export",
    "wait_for_export",
]


def wait_for_export(
    client: EC2ClientProtocol,
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
    each failure to be tried again and the delay before the next try. Raises:

    - :class:`ExportFailedError` when the export is deleting or deleted;
    - :class:`WaitTimeoutError` once ``timeout`` seconds have passed, whatever the failures on
      the way (``.last_seen`` is the task as last seen, None if never);
    - :class:`TaskNotFoundError` when EC2 still does not show the task (an unknown id, or an
      answer without it) after :data:`NOT_VISIBLE_GRACE` seconds: right after ``ExportImage``
      it may not show it yet. Once seen, a task that vanishes ends the wait at once;
    - :class:`StatusMissingError` after five answers in a row without a ``Status`` (one is
      waited out: the service model leaves it optional);
    - botocore's errors for what AWS refuses, or for five transient failures in a row (with a
      note saying so; :class:`._retry.RetryPolicy` says why five, and which delays).
      ``RequestExpired`` (a skewed clock) ends the wait at once, with a note saying to check
      the system clock.

    The deadline: no poll starts after it, and the last poll falls on it. This function does
    not own ``client``, so what bounds one poll is the client's own configuration: botocore's
    ``connect_timeout`` and ``read_timeout`` (per socket read: a server that sends a byte now
    and then is never timed out) times its retries (``retries={"total_max_attempts": ...}``).
    A poll in flight at the deadline ends when the client gives up; the wait then raises
    :class:`WaitTimeoutError`. Use :func:`async_wait_for_export` for a deadline that cuts a poll
    short.

    ``interval`` below :data:`MIN_INTERVAL` (1 s; 0 included) is raised to it; it must be at
    most :data:`MAX_INTERVAL` (a day) and ``timeout`` a number, both >= 0 (``ValueError``
    before any request). ``sleep`` and ``clock`` are for tests.
    """
    return poll_until_done(
        client,
        Waiting(task_id, interval=interval, timeout=timeout, now=clock()),
        on_progress=on_progress,
        on_retry=on_retry,
        sleep=sleep,
        clock=clock,
    )


async def async_wait_for_export(
    client: AsyncEC2ClientProtocol,
    task_id: str,
    *,
    interval: float = 15.0,
    timeout: float | None = None,
    on_progress: Callable[[ExportImageTask], None] | None = None,
    on_retry: Callable[[Exception, float], None] | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> ExportImageTask:
    """:func:`wait_for_export` over an aiobotocore client: the same rules, errors and checks.

    One difference: a poll still in flight at the deadline is cancelled there (it is given the
    seconds left, by ``clock``, and at least one second, so that the poll due on the deadline
    can be answered), so the wait ends at most a second after its deadline whatever the server
    does.
    """
    return await async_poll_until_done(
        client,
        Waiting(task_id, interval=interval, timeout=timeout, now=clock()),
        on_progress=on_progress,
        on_retry=on_retry,
        sleep=sleep,
        clock=clock,
    )
