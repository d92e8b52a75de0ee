"""The waiter's drivers: they send, sleep and read the clock; :class:`.Waiting` decides.

One loop over a boto3 client and one over an aiobotocore client, each a few lines around the
same I/O-free core, so that both wait by the same rules.
"""

from __future__ import annotations

import asyncio
from contextlib import nullcontext
from typing import TYPE_CHECKING

from ._paginators import AsyncExportImageTaskPaginator, ExportImageTaskPaginator
from ._waiting import AttemptCutShort
from .errors import TaskNotFoundError
from .models import DescribeExportImageTasksRequest, ExportImageTask

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable
    from contextlib import AbstractContextManager

    from ._clients import AsyncEC2ClientProtocol, EC2ClientProtocol
    from ._waiting import Waiting

    AttemptBound = Callable[[float | None], AbstractContextManager[object]]
    """Given the seconds a poll may take (None: no deadline), a context that raises
    :class:`.AttemptCutShort` inside the poll once they have passed."""

__all__ = ["async_describe_export", "async_poll_until_done", "describe_export", "poll_until_done"]


def _request(task_id: str) -> DescribeExportImageTasksRequest:
    # In boto3's form, so that an error names the field as boto3 users know it.
    return DescribeExportImageTasksRequest.model_validate({"ExportImageTaskIds": [task_id]})


def _the_task(tasks: Iterable[ExportImageTask], task_id: str) -> ExportImageTask:
    for task in tasks:
        if task.export_image_task_id == task_id:
            return task
    raise TaskNotFoundError(task_id)


def describe_export(client: EC2ClientProtocol, task_id: str) -> ExportImageTask:
    """The export image task ``task_id``, validated; its form is checked before anything is sent.

    Raises :class:`TaskNotFoundError` when the answer does not hold that very task.
    """
    return _the_task(ExportImageTaskPaginator(client).paginate(_request(task_id)), task_id)


async def async_describe_export(client: AsyncEC2ClientProtocol, task_id: str) -> ExportImageTask:
    """:func:`describe_export` over an aiobotocore client."""
    tasks = AsyncExportImageTaskPaginator(client).paginate(_request(task_id))
    return _the_task([task async for task in tasks], task_id)


def _unbounded(seconds: float | None) -> AbstractContextManager[object]:
    return nullcontext()


def poll_until_done(
    client: EC2ClientProtocol,
    waiting: Waiting,
    *,
    on_progress: Callable[[ExportImageTask], None] | None,
    on_retry: Callable[[Exception, float], None] | None,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    bound: AttemptBound = _unbounded,
) -> ExportImageTask:
    """The completed task; ``bound`` cuts each poll short at the deadline when the caller owns
    the client and can (the command line does)."""
    while True:
        limit = waiting.attempt_limit(clock())
        try:
            with bound(limit):
                task = describe_export(client, waiting.task_id)
        except AttemptCutShort:
            raise waiting.cut_short() from None
        except Exception as error:
            delay = waiting.failed(error, clock())
            if on_retry is not None:
                on_retry(error, delay)
            sleep(delay)
            continue
        if on_progress is not None:
            on_progress(task)
        outcome = waiting.answered(task, clock())
        if isinstance(outcome, ExportImageTask):
            return outcome
        sleep(outcome)


async def async_poll_until_done(
    client: AsyncEC2ClientProtocol,
    waiting: Waiting,
    *,
    on_progress: Callable[[ExportImageTask], None] | None,
    on_retry: Callable[[Exception, float], None] | None,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
) -> ExportImageTask:
    """The completed task; a poll still in flight at the deadline is cancelled there."""
    while True:
        scope = asyncio.timeout(waiting.attempt_limit(clock()))
        try:
            async with scope:
                task = await async_describe_export(client, waiting.task_id)
        except Exception as error:
            if scope.expired():
                raise waiting.cut_short() from None
            delay = waiting.failed(error, clock())
            if on_retry is not None:
                on_retry(error, delay)
            await sleep(delay)
            continue
        if on_progress is not None:
            on_progress(task)
        outcome = waiting.answered(task, clock())
        if isinstance(outcome, ExportImageTask):
            return outcome
        await sleep(outcome)
