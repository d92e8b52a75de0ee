"""Many regions over real HTTP: a silent or dripping region ends at its deadline, alone.

Each region is a loopback server (:mod:`.loopback`). Deadlines are a second or two; the
``asyncio.timeout`` guards only turn a hang into a failure, and nothing here measures speed.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest
from botocore.config import Config
from botocore.exceptions import ConnectionClosedError

from ec2_export_image_tasks import AsyncExportImageTaskPaginator, list_export_image_tasks_in_regions
from ec2_export_image_tasks.errors import RegionsFailedError
from ec2_export_image_tasks.models import DescribeExportImageTasksRequest, PaginationConfig
from ec2_export_image_tasks.testing import LocalEC2, sample_task
from ec2_export_image_tasks.testing.aio import make_async_client

from .helpers import recording_sleeps
from .loopback import LoopbackRegion, Stall, regions_over_http

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ec2_export_image_tasks import RegionListing

GUARD = 30.0
"""Seconds after which a test that hangs fails instead; far beyond any deadline set here."""


HEALTHY_WORK = 4.0
"""The deadline where a healthy region must finish after the stuck ones: its client and a page
or two take a second on a loaded machine (a lowest-dependencies run missed 2 s once)."""


def _service(first: int, count: int) -> LocalEC2:
    service = LocalEC2()
    for number in range(first, first + count):
        service.add_task(sample_task(number))
    return service


def _ids(service: LocalEC2) -> list[str]:
    return sorted(str(task["ExportImageTaskId"]) for task in service.tasks)


async def _drain(listing: RegionListing) -> tuple[list[tuple[str, str]], RegionsFailedError | None]:
    found: list[tuple[str, str]] = []
    try:
        async for region, task in listing:
            found.append((region, task.export_image_task_id or ""))
    except RegionsFailedError as error:
        return found, error
    return found, None


def _list(
    regions: Mapping[str, LoopbackRegion],
    *,
    concurrency: int = 4,
    page_size: int | None = None,
    region_timeout: float | None = 2.0,
    config: Config | None = None,
) -> tuple[list[tuple[str, str]], RegionsFailedError | None]:
    request = DescribeExportImageTasksRequest(
        pagination_config=PaginationConfig(page_size=page_size)
    )

    async def main() -> tuple[list[tuple[str, str]], RegionsFailedError | None]:
        async with asyncio.timeout(GUARD), regions_over_http(regions) as session:
            listing = list_export_image_tasks_in_regions(
                session,
                regions,
                request,
                concurrency=concurrency,
                region_timeout=region_timeout,
                config=config,
            )
            return await _drain(listing)

    return asyncio.run(main())


def _stuck(stall: Stall) -> LoopbackRegion:
    return LoopbackRegion(LocalEC2(), stalled=range(1000), stall=stall)


@pytest.mark.parametrize("stall", ["silent", "drip"])
def test_stuck_regions_end_at_their_deadline_and_every_healthy_task_arrives(stall: Stall) -> None:
    # As many stuck regions as slots, listed first: they take every slot before the others.
    stuck = {f"eu-stuck-{n}": _stuck(stall) for n in range(4)}
    # Two pages each, small: a healthy region's own deadline is spent on its work alone.
    healthy = {"us-east-1": _service(0, 7), "ap-south-1": _service(10_000, 7)}
    regions = stuck | {name: LoopbackRegion(service) for name, service in healthy.items()}

    found, error = _list(regions, concurrency=4, page_size=5, region_timeout=HEALTHY_WORK)

    assert sorted(task for _, task in found) == sorted(
        _ids(healthy["us-east-1"]) + _ids(healthy["ap-south-1"])
    )
    assert error is not None
    assert [failure.region for failure in error.failures] == sorted(stuck)
    for failure in error.failures:
        assert isinstance(failure.error, TimeoutError)
        assert str(failure) == f"{failure.region}: TimeoutError: no end within region_timeout (4 s)"
        assert failure.resume_token is None  # nothing listed there: start that region again


def test_a_region_stuck_mid_way_ends_with_the_token_that_resumes_exactly_the_rest() -> None:
    service = _service(0, 5)
    regions = {"eu-west-1": LoopbackRegion(service, stalled=range(1, 1000), stall="drip")}

    found, error = _list(regions, page_size=2, region_timeout=3)

    assert error is not None
    [failure] = error.failures
    assert isinstance(failure.error, TimeoutError)
    assert failure.resume_token is not None

    async def rest(token: str) -> list[str]:
        async with make_async_client(service) as client:
            pages = AsyncExportImageTaskPaginator(client).paginate(
                PaginationConfig={"StartingToken": token}
            )
            return [task.export_image_task_id or "" async for task in pages]

    listed = [task for _, task in found]
    assert listed + asyncio.run(rest(failure.resume_token)) == _ids(service)
    assert len(listed) == 2


def test_a_stuck_region_gives_its_only_slot_to_the_next_region() -> None:
    healthy = _service(0, 3)
    regions = {"eu-west-1": _stuck("silent"), "us-east-1": LoopbackRegion(healthy)}

    found, error = _list(regions, concurrency=1, region_timeout=HEALTHY_WORK)

    assert sorted(task for _, task in found) == _ids(healthy)
    assert error is not None
    assert [failure.region for failure in error.failures] == ["eu-west-1"]


def test_a_dropped_connection_is_tried_again_from_where_the_region_stopped() -> None:
    service = _service(0, 5)
    region = LoopbackRegion(service, stalled=[1], stall="drop")

    found, error = _list({"eu-west-1": region}, page_size=2, region_timeout=10)

    assert error is None
    assert [task for _, task in found] == _ids(service)
    # The request after the dropped one asked for the same page again, not the first one.
    assert [request.get("NextToken") for request in region.requests[1:3]] == [
        region.requests[1]["NextToken"]
    ] * 2


def test_the_callers_read_timeout_is_used_and_the_sessions_retry_setting_kept() -> None:
    # Silent at the first request: the caller's read timeout ends it, then the listing's retry
    # succeeds. botocore does not retry it itself: the session's max_attempts=1 is kept.
    service = _service(0, 3)
    region = LoopbackRegion(service, stalled=[0], stall="silent")

    found, error = _list({"eu-west-1": region}, region_timeout=10, config=Config(read_timeout=0.5))

    assert error is None
    assert [task for _, task in found] == _ids(service)
    assert len(region.requests) == 2


def test_a_region_that_keeps_dropping_gives_up_with_the_last_error_and_a_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The waits between tries are recorded, not waited, and the deadline is far: the region
    # ends by the retry policy's count alone, however slow the machine (a try that botocore
    # itself retries can take seconds under load, and a near deadline would cut it short).
    waits = recording_sleeps(monkeypatch)
    region = LoopbackRegion(LocalEC2(), stalled=range(1000), stall="drop")

    found, error = _list({"eu-west-1": region}, region_timeout=120)

    assert found == []
    assert error is not None
    [failure] = error.failures
    assert isinstance(failure.error, ConnectionClosedError)
    assert failure.error.__notes__ == ["gave up after 5 failed attempt(s) in a row"]
    assert [wait for wait in waits if wait in (1, 2, 4, 8)][-4:] == [1, 2, 4, 8]


def test_a_callers_own_timeout_says_which_regions_were_unfinished() -> None:
    regions = {"eu-west-1": _stuck("silent"), "us-east-1": LoopbackRegion(_service(0, 2))}

    async def main() -> None:
        async with regions_over_http(regions) as session:
            listing = list_export_image_tasks_in_regions(session, regions, region_timeout=None)
            # The caller's deadline: a second after us-east-1's last task, whatever the
            # machine's speed until then; the silent eu-west-1 is the one left unfinished.
            async with asyncio.timeout(None) as deadline:
                async for region, _ in listing:
                    if region == "us-east-1":
                        deadline.reschedule(asyncio.get_running_loop().time() + 1.0)

    with pytest.raises(TimeoutError) as raised:
        asyncio.run(asyncio.wait_for(main(), GUARD))

    cancelled = raised.value.__cause__
    assert isinstance(cancelled, asyncio.CancelledError)
    assert cancelled.__notes__ == [
        "the listing was cancelled with these regions unfinished: eu-west-1"
    ]
