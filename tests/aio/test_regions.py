"""Many regions at once: every region's tasks, failures reported at the end, bounded concurrency."""

from __future__ import annotations

import asyncio
import contextlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks.errors import RegionsFailedError
from ec2_export_image_tasks.models import DescribeExportImageTasksRequest, PaginationConfig
from ec2_export_image_tasks.regions import list_export_image_tasks_in_regions
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, sample_task
from ec2_export_image_tasks.testing.aio import local_session

from ..paginator.helpers import ScriptedPages, task_id

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ec2_export_image_tasks.testing import Handler, Reply

REGIONS = ("eu-west-1", "us-east-1", "ap-southeast-2")

Found = list[tuple[str, str | None]]


def _region_service(region_number: int, count: int) -> LocalEC2:
    """A region's EC2 holding ``count`` tasks, numbered apart from every other region's."""
    service = LocalEC2()
    for number in range(count):
        service.add_task(sample_task(1000 * region_number + number))
    return service


def _expected(region: str, region_number: int, count: int) -> Found:
    return [(region, task_id(1000 * region_number + number)) for number in range(count)]


async def _list_async(
    handlers: Mapping[str, Handler], *, concurrency: int = 4, page_size: int | None = None
) -> tuple[Found, RegionsFailedError | None]:
    """Every (region, task id) listed from ``handlers``' regions, and the error at the end."""
    request = DescribeExportImageTasksRequest(
        pagination_config=PaginationConfig(page_size=page_size)
    )
    found: Found = []
    listing = list_export_image_tasks_in_regions(
        local_session(handlers), handlers, request, concurrency=concurrency
    )
    try:
        async for region, task in listing:
            found.append((region, task.export_image_task_id))
    except RegionsFailedError as error:
        return found, error
    return found, None


def _list(
    handlers: Mapping[str, Handler], *, concurrency: int = 4, page_size: int | None = None
) -> tuple[Found, RegionsFailedError | None]:
    return asyncio.run(_list_async(handlers, concurrency=concurrency, page_size=page_size))


def test_every_regions_tasks_are_yielded_with_their_region() -> None:
    handlers = {region: _region_service(n, n + 2) for n, region in enumerate(REGIONS)}

    found, error = _list(handlers, page_size=2)

    assert error is None
    expected = [pair for n, region in enumerate(REGIONS) for pair in _expected(region, n, n + 2)]
    assert sorted(found) == sorted(expected)
    assert len(found) == len(expected)


def test_each_region_is_asked_with_the_request_once() -> None:
    handlers = {region: _region_service(n, 1) for n, region in enumerate(REGIONS)}

    _list(handlers, page_size=5)

    for service in handlers.values():
        assert [request["MaxResults"] for request in service.requests] == ["5"]


def test_a_failing_region_is_reported_after_every_other_regions_tasks() -> None:
    handlers = {region: _region_service(n, 3) for n, region in enumerate(REGIONS)}
    handlers["us-east-1"].authorized = False

    found, error = _list(handlers, page_size=2)

    assert sorted(found) == sorted(_expected("eu-west-1", 0, 3) + _expected("ap-southeast-2", 2, 3))
    assert error is not None
    [failure] = error.failures
    assert failure.region == "us-east-1"
    assert isinstance(failure.error, ClientError)
    assert failure.error.response.get("Error", {}).get("Code") == "UnauthorizedOperation"
    assert "us-east-1" in str(error)
    assert "UnauthorizedOperation" in str(error)


def test_a_region_failing_mid_way_keeps_the_tasks_it_yielded() -> None:
    first_page = [sample_task(1000).to_boto()]
    handlers: dict[str, Handler] = {
        "eu-west-1": _region_service(0, 3),
        "us-east-1": ScriptedPages(
            [(first_page, "t1"), Ec2Error("InternalError", "We encountered an error", 500)]
        ),
    }

    found, error = _list(handlers)

    assert sorted(found) == sorted([*_expected("eu-west-1", 0, 3), ("us-east-1", task_id(1000))])
    assert error is not None
    assert [(f.region, type(f.error)) for f in error.failures] == [("us-east-1", ClientError)]
    assert "InternalError" in str(error)


@dataclass
class Overlap:
    """How many regions are paged at once: a region from its first request to its last page."""

    paging: set[str] = field(default_factory=set[str])
    most: int = 0

    def watch(self, region: str, handler: Handler) -> Handler:
        def watched(action: str, parameters: Mapping[str, str]) -> Reply:
            self.paging.add(region)
            self.most = max(self.most, len(self.paging))
            reply = handler(action, parameters)
            if reply.status != 200 or b"<nextToken>" not in reply.body:
                self.paging.discard(region)
            return reply

        return watched


@pytest.mark.parametrize(("concurrency", "most"), [(1, 1), (2, 2), (3, 3), (5, 4)])
def test_concurrency_bounds_the_regions_paged_at_once(concurrency: int, most: int) -> None:
    regions = [*REGIONS, "sa-east-1"]
    # More tasks per region than the listing's queue holds: a region stays mid-way while the
    # queue is full, so the others get their turn, up to the bound.
    count = 6 * concurrency
    overlap = Overlap()
    handlers = {
        region: overlap.watch(region, _region_service(n, count)) for n, region in enumerate(regions)
    }

    found, error = _list(handlers, concurrency=concurrency, page_size=2)

    assert error is None
    assert len(found) == count * len(regions)
    assert overlap.most == most
    assert overlap.paging == set()


@pytest.mark.parametrize("concurrency", [0, -1])
def test_concurrency_below_one_is_refused_before_any_request(concurrency: int) -> None:
    service = LocalEC2()

    with pytest.raises(ValueError, match=f"concurrency must be at least 1, got {concurrency}"):
        _list({"eu-west-1": service}, concurrency=concurrency)

    assert service.requests == []


def test_closing_the_listing_early_ends_every_region_even_with_a_full_queue() -> None:
    # 2 regions x 20 tasks, concurrency 1: the queue (4 places) is full when the caller stops.
    handlers = {region: _region_service(number, 20) for number, region in enumerate(REGIONS[:2])}

    async def first_then_close() -> str:
        listing = list_export_image_tasks_in_regions(
            local_session(handlers), handlers, concurrency=1
        )
        async with contextlib.aclosing(listing):
            async for region, _ in listing:
                return region  # leaving the block closes the listing, as a break would
        raise AssertionError("no task listed")

    # The guard only turns a hang into a failure; nothing here measures time.
    assert asyncio.run(asyncio.wait_for(first_then_close(), timeout=30)) in REGIONS


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"on_invalid": "Raise"}, "on_invalid must be one of ('raise', 'skip'), got 'Raise'"),
        ({"concurrency": 0}, "concurrency must be at least 1, got 0"),
    ],
)
def test_wrong_options_are_refused_by_the_call_itself(
    options: dict[str, Any], message: str
) -> None:
    # No event loop and no iteration: the mistake shows where it is made.
    with pytest.raises(ValueError, match=re.escape(message)):
        list_export_image_tasks_in_regions(local_session({}), REGIONS, **options)


def test_a_region_ended_by_a_cancellation_nobody_asked_for_is_reported_not_awaited() -> None:
    def cancelled(action: str, parameters: Mapping[str, str]) -> Reply:
        raise asyncio.CancelledError  # as from a library cancelling the task it runs in

    handlers: dict[str, Handler] = {"eu-west-1": _region_service(0, 3), "us-east-1": cancelled}

    # The guard only turns a hang into a failure; nothing here measures time.
    found, error = asyncio.run(asyncio.wait_for(_list_async(handlers), timeout=30))

    assert sorted(found) == _expected("eu-west-1", 0, 3)
    assert error is not None
    [failure] = error.failures
    assert failure.region == "us-east-1"
    assert "cancelled" in str(failure)
