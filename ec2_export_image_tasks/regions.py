"""Export image tasks of many regions at once, over asyncio, with bounded concurrency.

A service watching exports across regions wants every region's tasks as they come, and one
region's outage must not hide the others: failures are gathered and raised at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from .errors import RegionError, RegionsFailedError
from .models import DescribeExportImageTasksRequest
from .paginator.export_image_tasks import AsyncExportImageTaskPaginator
from .paginator.generic import check_on_invalid

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Iterable, Sequence

    from aiobotocore.session import AioSession

    from .models import ExportImageTask
    from .paginator.generic import OnInvalid

    Found = tuple[str, ExportImageTask]

__all__ = ["list_export_image_tasks_in_regions"]


def list_export_image_tasks_in_regions(
    session: AioSession,
    regions: Iterable[str],
    request: DescribeExportImageTasksRequest | None = None,
    *,
    concurrency: int = 4,
    on_invalid: OnInvalid = "raise",
) -> AsyncGenerator[Found]:
    """Yield ``(region, task)`` from every region, paging at most ``concurrency`` at once.

    Tasks arrive as pages come in, interleaved across regions; a small queue holds them, so
    memory stays bounded however many regions there are. A region that fails (an AWS error,
    an invalid task under ``on_invalid="raise"``, a cancellation this listing did not ask for)
    stops only itself; once every other region is done, :class:`RegionsFailedError` names each
    failed region and its error. A wrong ``concurrency`` or ``on_invalid`` is a ``ValueError``
    (``regions`` given as one string, a ``TypeError``) here, at the call, before any request.
    Close the listing (``contextlib.aclosing``) to stop early: every region's paging stops
    with it.
    """
    if isinstance(regions, str):  # an Iterable[str] to a type checker: one region a letter
        raise TypeError(
            f"regions must be region names, such as [{regions!r}], not the string {regions!r}"
        )
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    return _listing(
        session,
        tuple(dict.fromkeys(regions)),
        request or DescribeExportImageTasksRequest(),
        concurrency,
        check_on_invalid(on_invalid),
    )


async def _listing(
    session: AioSession,
    regions: Sequence[str],
    request: DescribeExportImageTasksRequest,
    concurrency: int,
    on_invalid: OnInvalid,
) -> AsyncGenerator[Found]:
    # None wakes the reader when a region ends; the bound keeps memory flat however fast the
    # regions answer.
    queue: asyncio.Queue[Found | None] = asyncio.Queue(concurrency * 4)
    slots = asyncio.Semaphore(concurrency)
    failures: list[RegionError] = []
    running = len(regions)

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

    def ended(_: asyncio.Task[None]) -> None:
        # Runs however the region ended, a cancellation included, so the reader never waits
        # for a region that is gone. A full queue needs no wake-up: the reader is busy with it.
        nonlocal running
        running -= 1
        with contextlib.suppress(asyncio.QueueFull):
            queue.put_nowait(None)

    producers = [asyncio.create_task(page(region)) for region in regions]
    for producer in producers:
        producer.add_done_callback(ended)
    try:
        while running or not queue.empty():
            found = await queue.get()
            if found is not None:
                yield found
        # Only the finally below cancels a region: any cancellation before it came from elsewhere.
        failures.extend(
            RegionError(region, RuntimeError("paging was cancelled by something else"))
            for region, producer in zip(regions, producers, strict=True)
            if producer.cancelled()
        )
    finally:
        for producer in producers:
            producer.cancel()
        await asyncio.gather(*producers, return_exceptions=True)
    if failures:
        raise RegionsFailedError(sorted(failures, key=lambda failure: failure.region))
