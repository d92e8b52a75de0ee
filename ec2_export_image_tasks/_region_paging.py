"""One region of the many-region listing: paged under its own deadline, by the one retry policy.

A region's deadline counts only its own time (its client, its requests, the waits between its
tries), never the time it waits for the caller to take its tasks, so a slow reader never fails a
healthy region; and it ends whatever the server does (silent, dripping one byte at a time), so a
stuck region gives its concurrency slot back. A transient failure resumes from the resume token:
each task is handed out once, whichever page failed. Retries follow :data:`._retry.RETRY_POLICY`
from a first delay of 1 s (a region has no polling interval); the region's deadline is hard, so a
try it would cut short is not made: the region gives up with the last error instead.
"""

from __future__ import annotations

import asyncio
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._paginators import AsyncExportImageTaskPaginator
from ._retry import RETRY_POLICY, is_transient
from .errors import RegionError
from .models import DescribeExportImageTasksRequest, PaginationConfig

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from aiobotocore.config import AioConfig
    from aiobotocore.session import AioSession

    from .errors import InvalidItemError
    from .models import ExportImageTask
    from .paginator import OnInvalid

    Found = tuple[str, ExportImageTask]


@dataclass
class Region:
    """What one region's paging needs, and what it leaves behind: its skipped tasks."""

    name: str
    session: AioSession
    config: AioConfig
    request: DescribeExportImageTasksRequest
    on_invalid: OnInvalid
    timeout: float | None
    skipped: list[InvalidItemError] = field(default_factory=list["InvalidItemError"])
    resume_token: str | None = None


def _resumed(
    request: DescribeExportImageTasksRequest, resume_token: str | None
) -> DescribeExportImageTasksRequest:
    """``request`` starting at ``resume_token``: where the region's last run stopped."""
    if resume_token is None:
        return request
    config = request.pagination_config or PaginationConfig()
    return request.model_copy(
        update={"pagination_config": config.model_copy(update={"starting_token": resume_token})}
    )


async def page_region(region: Region, queue: asyncio.Queue[Found | None]) -> None:
    """Put each of ``region``'s tasks on ``queue``; raise :class:`RegionError` if it cannot finish.

    A wait for room on the queue (the caller busy with other tasks) is outside the deadline.
    """
    now = asyncio.get_running_loop().time()
    deadline = asyncio.timeout_at(None if region.timeout is None else now + region.timeout)
    try:
        async with deadline:
            await _page_with_retries(region, _handing_over(region.name, queue, deadline), deadline)
    except TimeoutError as error:
        if not deadline.expired():
            raise RegionError(region.name, error, region.resume_token) from error
        expired = TimeoutError(f"no end within region_timeout ({region.timeout:g} s)")
        raise RegionError(region.name, expired, region.resume_token) from error
    except Exception as error:
        raise RegionError(region.name, error, region.resume_token) from error


def _handing_over(
    name: str, queue: asyncio.Queue[Found | None], deadline: asyncio.Timeout
) -> Callable[[ExportImageTask], Awaitable[None]]:
    """What puts a task on the queue, the deadline paused while the queue is full."""
    loop = asyncio.get_running_loop()

    async def hand_over(task: ExportImageTask) -> None:
        if not queue.full():  # the usual case: no wait, nothing to pause
            queue.put_nowait((name, task))
            return
        when = deadline.when()
        deadline.reschedule(None)
        left = None if when is None else when - loop.time()
        await queue.put((name, task))
        if left is not None:
            deadline.reschedule(loop.time() + left)

    return hand_over


async def _page_with_retries(
    region: Region,
    hand_over: Callable[[ExportImageTask], Awaitable[None]],
    deadline: asyncio.Timeout,
) -> None:
    loop = asyncio.get_running_loop()
    # The stubs' overloads name every service; those of services not installed are unknown.
    client_context = region.session.create_client(  # pyright: ignore[reportUnknownMemberType]
        "ec2", region_name=region.name, config=region.config
    )
    async with client_context as client:
        paginator = AsyncExportImageTaskPaginator(client, on_invalid=region.on_invalid)
        failures = 0
        while True:
            started_from = region.resume_token
            run = paginator.paginate(_resumed(region.request, started_from))
            try:
                async for task in run:
                    await hand_over(task)
                return
            except Exception as error:
                if not is_transient(error):
                    raise
                # A run that moved on is a success followed by a failure: the count starts over.
                failures = 1 if run.resume_token != started_from else failures + 1
                when = deadline.when()
                left = math.inf if when is None else when - loop.time()
                delay = RETRY_POLICY.next_delay(error, failures, left=left)
                # A try that would start with less than a poll's floor left could only be cut
                # short: the region ends now, with the error it had, not a timeout.
                if delay + RETRY_POLICY.min_attempt > left:
                    RETRY_POLICY.note_giving_up(error, failures)
                    raise
            finally:
                region.resume_token = run.resume_token
                region.skipped.extend(run.errors)
            await asyncio.sleep(delay)
