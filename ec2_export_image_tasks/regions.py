"""Export image tasks of many regions at once, over asyncio, with bounded concurrency.

A service watching exports across regions wants every region's tasks as they come, and one
region's outage must not hide the others: failures are gathered and raised at the end.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from .errors import RegionError, RegionsFailedError
from .models import DescribeExportImageTasksRequest
from .paginator.export_image_tasks import AsyncExportImageTaskPaginator

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Iterable

    from aiobotocore.session import AioSession

    from .models import ExportImageTask
    from .paginator.generic import OnInvalid

__all__ = ["list_export_image_tasks_in_regions"]


async def list_export_image_tasks_in_regions(
    session: AioSession,
    regions: Iterable[str],
    request: DescribeExportImageTasksRequest | None = None,
    *,
    concurrency: int = 4,
    on_invalid: OnInvalid = "raise",
) -> AsyncGenerator[tuple[str, ExportImageTask]]:
    """Yield ``(region, task)`` from every region, paging at most ``concurrency`` at once.

    Tasks arrive as pages come in, interleaved across regions; a small queue holds them, so
    memory stays bounded however many regions there are. A region that fails (an AWS error,
    an invalid task under ``on_invalid="raise"``) stops only itself; once every other region is
    done, :class:`RegionsFailedError` names each failed region and its error.
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    request = request or DescribeExportImageTasksRequest()
    # None marks a region done; the bound keeps memory flat however fast the regions answer.
    queue: asyncio.Queue[tuple[str, ExportImageTask] | None] = asyncio.Queue(concurrency * 4)
    slots = asyncio.Semaphore(concurrency)
    failures: list[RegionError] = []

    async def page(region: str) -> None:
        try:
            async with slots:
                client_context = session.create_client("ec2", region_name=region)  # pyright: ignore[reportUnknownMemberType]
                async with client_context as client:
                    paginator = AsyncExportImageTaskPaginator(client, on_invalid=on_invalid)
                    async for task in paginator.paginate(request):
                        await queue.put((region, task))
        except Exception as error:  # reported at the end, with its region
            failures.append(RegionError(region, error))
        # Not in a finally: a region cancelled because the caller stopped reading must not
        # wait for room in a queue that nobody reads any more.
        await queue.put(None)  # this region is done

    producers = [asyncio.create_task(page(region)) for region in dict.fromkeys(regions)]
    try:
        remaining = len(producers)
        while remaining:
            found = await queue.get()
            if found is None:
                remaining -= 1
            else:
                yield found
    finally:
        for producer in producers:
            producer.cancel()
        await asyncio.gather(*producers, return_exceptions=True)
    if failures:
        raise RegionsFailedError(sorted(failures, key=lambda failure: failure.region))
