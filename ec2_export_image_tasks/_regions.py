"""Export image tasks of many regions at once, over asyncio, with bounded concurrency.

A service watching exports across regions wants every region's tasks as they come, and one
region's outage must not hide the others: failures are gathered and raised at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, cast

from ._either_form import check_on_invalid
from ._region_paging import Region, page_region
from .errors import IteratorConsumedError, RegionError, RegionsFailedError
from .models import DescribeExportImageTasksRequest

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Iterable, Mapping, Sequence

    from aiobotocore.config import AioConfig
    from aiobotocore.session import AioSession
    from botocore.config import Config

    from .errors import InvalidItemError
    from .models import ExportImageTask
    from .paginator import OnInvalid

    Found = tuple[str, ExportImageTask]

__all__ = ["REGION_TIMEOUT", "RegionListing", "list_export_image_tasks_in_regions"]

REGION_TIMEOUT = 120.0
"""Seconds each region may take by default: its requests, its retries and the waits between
them, but not the time its tasks wait for the caller to take them."""

_CONNECT_TIMEOUT = 10.0
_READ_TIMEOUT = 20.0
# Under the session's default config and the caller's: a silent connection is dropped and tried
# again well before the region's deadline, where aiobotocore's 60 s (tried five times) outlast it.


class RegionListing:
    """What :func:`list_export_image_tasks_in_regions` returns: ``async for (region, task)``.

    Iterate it once; ``aclose()`` (or ``contextlib.aclosing``) stops every region's paging.
    """

    def __init__(self, regions: Sequence[Region], concurrency: int) -> None:
        self.skipped: Mapping[str, Sequence[InvalidItemError]] = {
            region.name: region.skipped for region in regions
        }
        """Each region's tasks skipped under ``on_invalid="skip"``, failed regions' included."""
        self._listing = _listing(regions, concurrency)
        self._iterated = False

    def __aiter__(self) -> RegionListing:
        """The listing itself; a second ``async for`` raises, rather than yield nothing."""
        if self._iterated:
            raise IteratorConsumedError(
                "call list_export_image_tasks_in_regions() again to list the regions again"
            )
        self._iterated = True
        return self

    async def __anext__(self) -> Found:
        """The next ``(region, task)``, from whichever region answered first."""
        return await anext(self._listing)

    async def aclose(self) -> None:
        """Stop every region's paging; the tasks not yet taken are dropped."""
        await self._listing.aclose()


def list_export_image_tasks_in_regions(
    session: AioSession,
    regions: Iterable[str],
    request: DescribeExportImageTasksRequest | None = None,
    *,
    concurrency: int = 4,
    on_invalid: OnInvalid = "raise",
    region_timeout: float | None = REGION_TIMEOUT,
    config: Config | None = None,
) -> RegionListing:
    """Yield ``(region, task)`` from every region, paging at most ``concurrency`` at once.

    Tasks arrive as pages come in, interleaved across regions; a small queue holds them, so
    memory stays bounded however many regions there are. Each region has ``region_timeout``
    seconds (None: no deadline) and retries its transient failures (throttling, a 5xx, a dropped
    connection) as the waiter does, resuming where it stopped. A region that fails (its deadline,
    an AWS error, an invalid task under ``on_invalid="raise"``, a cancellation this listing did
    not ask for) stops only itself; once every other region is done, :class:`RegionsFailedError`
    names each failed region, its error and its ``resume_token``. Tasks skipped under
    ``on_invalid="skip"`` are on the listing's ``skipped``, per region. ``config`` (botocore's
    ``Config``) is each region's client config, over the session's default.

    ``session`` and ``config`` are aiobotocore's and botocore's own classes, typed by
    types-aiobotocore and botocore-stubs (which either stub family brings); without them a type
    checker reads those two libraries, and so these two parameters, as ``Any``.

    Refused here, at the call, before any request: a wrong ``concurrency``, ``on_invalid`` or
    ``region_timeout`` and a ``PaginationConfig`` with ``StartingToken`` or ``MaxItems`` (one
    region's token; a cut that would end each region without a word) are ``ValueError``s;
    ``regions`` given as one string, or a ``concurrency`` that is no ``int``, is a
    ``TypeError``. Close the listing (``contextlib.aclosing``) to stop early: every region's
    paging stops with it.
    """
    if isinstance(regions, str):  # an Iterable[str] to a type checker: one region a letter
        raise TypeError(
            f"regions must be region names, such as [{regions!r}], not the string {regions!r}"
        )
    # A bool is an int to type checkers: True would page one region at a time.
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(f"concurrency must be a whole number of regions, got {concurrency!r}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, got {concurrency}")
    _check_region_timeout(region_timeout)
    request = request or DescribeExportImageTasksRequest()
    _refuse_per_region_options(request)
    on_invalid = check_on_invalid(on_invalid)
    client_config = _client_config(session, config)
    pages = [
        Region(name, session, client_config, request, on_invalid, region_timeout)
        for name in dict.fromkeys(regions)
    ]
    return RegionListing(pages, concurrency)


def _check_region_timeout(region_timeout: object) -> None:
    if region_timeout is None:
        return
    # A bool is an int to type checkers: True would be a deadline of 1 s.
    if isinstance(region_timeout, bool) or not isinstance(region_timeout, int | float):
        raise TypeError(
            f"region_timeout must be a number of seconds or None, got {region_timeout!r}"
        )
    if not region_timeout > 0:  # NaN included
        raise ValueError(f"region_timeout must be a number of seconds > 0, got {region_timeout!r}")


def _refuse_per_region_options(request: DescribeExportImageTasksRequest) -> None:
    pagination = request.pagination_config
    if pagination is None:
        return
    if pagination.starting_token is not None:
        raise ValueError(
            f"PaginationConfig.StartingToken {pagination.starting_token!r} is one region's "
            "token, not every region's: resume that region alone with "
            "AsyncExportImageTaskPaginator"
        )
    if pagination.max_items is not None:
        raise ValueError(
            f"PaginationConfig.MaxItems {pagination.max_items!r} would cut each region short "
            "without a word: stop the listing yourself (aclose) after the tasks you want"
        )


def _client_config(session: AioSession, config: Config | None) -> AioConfig:
    """The listing's own timeouts, under the session's default config, under ``config``."""
    from aiobotocore.config import AioConfig
    from botocore.config import Config

    if config is not None and not isinstance(config, Config):  # pyright: ignore[reportUnnecessaryIsInstance]
        raise TypeError(f"config must be a botocore Config, got {config!r}")
    merged = AioConfig(connect_timeout=_CONNECT_TIMEOUT, read_timeout=_READ_TIMEOUT)
    connector_args: dict[str, object] | None = None
    for over in (session.get_default_client_config(), config):
        if over is not None:
            # merge() reads only the options set, on any Config; the stubs ask for an AioConfig.
            merged = merged.merge(cast("AioConfig", over))
            # aiohttp's options, an attribute the stubs do not declare.
            connector_args = vars(over).get("connector_args") or connector_args
    if connector_args is not None:
        # Older aiobotocore (2.24) merges the options but keeps the first config's aiohttp ones.
        vars(merged)["connector_args"] = dict(connector_args)
    return merged


async def _listing(regions: Sequence[Region], concurrency: int) -> AsyncGenerator[Found]:
    # None wakes the reader when a region ends; the bound keeps memory flat however fast the
    # regions answer.
    queue: asyncio.Queue[Found | None] = asyncio.Queue(concurrency * 4)
    slots = asyncio.Semaphore(concurrency)
    failures: list[RegionError] = []
    running = len(regions)

    async def page(region: Region) -> None:
        try:
            async with slots:
                await page_region(region, queue)
        except RegionError as failure:  # reported at the end
            failures.append(failure)

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
            try:
                found = await queue.get()
            except asyncio.CancelledError as cancelled:  # a caller's own timeout, say
                cancelled.add_note(_still_paging(regions, producers))
                if failures:  # no RegionsFailedError will say so: the cancellation must
                    cancelled.add_note(_failed_before(failures))
                raise
            if found is not None:
                yield found
        # Only the finally below cancels a region: any cancellation before it came from elsewhere.
        failures.extend(
            RegionError(
                region.name,
                RuntimeError("paging was cancelled by something else"),
                region.resume_token,
            )
            for region, producer in zip(regions, producers, strict=True)
            if producer.cancelled()
        )
    finally:
        for producer in producers:
            producer.cancel()
        await asyncio.gather(*producers, return_exceptions=True)
    if failures:
        raise RegionsFailedError(sorted(failures, key=lambda failure: failure.region))


def _still_paging(regions: Sequence[Region], producers: Sequence[asyncio.Task[None]]) -> str:
    """The regions not yet done when the listing was cancelled: what it was waiting for."""
    waited = [
        region.name
        for region, producer in zip(regions, producers, strict=True)
        if not producer.done()
    ]
    return f"the listing was cancelled with these regions unfinished: {', '.join(waited) or 'none'}"


def _failed_before(failures: Sequence[RegionError]) -> str:
    """The regions that had failed when the listing was cancelled, and why.

    Their tasks after the failure were never listed; some before it may wait unread in the
    listing's queue, so no resume token is offered: list those regions again.
    """
    failed = "; ".join(
        f"{failure.region} ({type(failure.error).__name__}: {failure.error})"
        for failure in sorted(failures, key=lambda failure: failure.region)
    )
    return f"these regions had failed, and their tasks may be incomplete: list them again: {failed}"
