"""Many regions at once: every region's tasks, failures reported at the end, bounded concurrency."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks import (
    REGION_TIMEOUT,
    AsyncExportImageTaskPaginator,
    list_export_image_tasks_in_regions,
)
from ec2_export_image_tasks.errors import RegionsFailedError
from ec2_export_image_tasks.models import DescribeExportImageTasksRequest, PaginationConfig
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, sample_task
from ec2_export_image_tasks.testing.aio import local_session, make_async_client

from ..paginator.helpers import ScriptedPages, ShapedListing, good, task_id
from .helpers import recording_sleeps

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ec2_export_image_tasks.errors import InvalidItemError
    from ec2_export_image_tasks.testing import Handler

REGIONS = ("eu-west-1", "us-east-1", "ap-southeast-2")

Found = list[tuple[str, str | None]]


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits between a region's tries, recorded instead of waited."""
    return recording_sleeps(monkeypatch)


def _region_service(region_number: int, count: int) -> LocalEC2:
    """A region's EC2 holding ``count`` tasks, numbered apart from every other region's."""
    service = LocalEC2()
    for number in range(count):
        service.add_task(sample_task(1000 * region_number + number))
    return service


def _expected(region: str, region_number: int, count: int) -> Found:
    return [(region, task_id(1000 * region_number + number)) for number in range(count)]


async def _list_async(
    handlers: Mapping[str, Handler],
    *,
    concurrency: int = 4,
    page_size: int | None = None,
    region_timeout: float = 10.0,
) -> tuple[Found, RegionsFailedError | None]:
    """Every (region, task id) listed from ``handlers``' regions, and the error at the end."""
    request = DescribeExportImageTasksRequest(
        pagination_config=PaginationConfig(page_size=page_size)
    )
    found: Found = []
    listing = list_export_image_tasks_in_regions(
        local_session(handlers),
        handlers,
        request,
        concurrency=concurrency,
        region_timeout=region_timeout,
    )
    try:
        async for region, task in listing:
            found.append((region, task.export_image_task_id))
    except RegionsFailedError as error:
        return found, error
    return found, None


def _list(
    handlers: Mapping[str, Handler],
    *,
    concurrency: int = 4,
    page_size: int | None = None,
    region_timeout: float = 10.0,
) -> tuple[Found, RegionsFailedError | None]:
    listing = _list_async(
        handlers, concurrency=concurrency, page_size=page_size, region_timeout=region_timeout
    )
    return asyncio.run(listing)


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


def test_a_region_failing_mid_way_keeps_the_tasks_it_yielded_and_its_resume_token() -> None:
    # A permanent error on the second page: the region is not tried again.
    us_east = _region_service(1, 5)
    asked: list[Mapping[str, str]] = []

    def second_page_refused(action: str, parameters: Mapping[str, str]) -> Reply:
        asked.append(parameters)
        if "NextToken" in parameters:
            return error_reply(Ec2Error("UnauthorizedOperation", "not any more"))
        return us_east(action, parameters)

    handlers: dict[str, Handler] = {
        "eu-west-1": _region_service(0, 3),
        "us-east-1": second_page_refused,
    }

    found, error = _list(handlers, page_size=2)

    east = _expected("us-east-1", 1, 5)
    assert sorted(found) == sorted([*_expected("eu-west-1", 0, 3), *east[:2]])
    assert error is not None
    [failure] = error.failures
    assert (failure.region, type(failure.error)) == ("us-east-1", ClientError)
    assert "UnauthorizedOperation" in str(error)
    assert len(asked) == 2  # the refused page is not asked for again
    assert failure.resume_token is not None
    assert "resume it from .resume_token" in str(failure)
    assert _resumed(us_east, failure.resume_token) == [task for _, task in east[2:]]


def _resumed(service: LocalEC2, token: str) -> list[str | None]:
    """The task ids ``service`` lists from ``token`` on, through the async paginator."""

    async def rest() -> list[str | None]:
        async with make_async_client(service) as client:
            pages = AsyncExportImageTaskPaginator(client).paginate(
                PaginationConfig={"StartingToken": token}
            )
            return [task.export_image_task_id async for task in pages]

    return asyncio.run(rest())


@pytest.mark.parametrize(
    "transient",
    [
        Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503),
        Ec2Error("InternalError", "An internal error has occurred", 500),
        Ec2Error("Unavailable", "The server is overloaded", 503),
    ],
    ids=lambda error: error.code,
)
def test_a_transient_failure_is_tried_again_from_the_page_that_failed(
    transient: Ec2Error, waits: list[float]
) -> None:
    scripted = ScriptedPages([([good(1), good(2)], "t2"), transient, ([good(3)], None)])

    found, error = _list({"eu-west-1": scripted})

    assert error is None
    assert waits == [1.0]
    assert found == [("eu-west-1", task_id(n)) for n in (1, 2, 3)]
    assert [request.get("NextToken") for request in scripted.requests] == [None, "t2", "t2"]


def test_transient_failures_end_the_region_when_its_deadline_comes_before_the_next_try() -> None:
    failing = ShapedListing(3, [1], failing=range(1, 100))

    found, error = _list({"eu-west-1": failing}, region_timeout=2.5)

    assert found == [("eu-west-1", "export-ami-00000000000000000")]
    assert error is not None
    [failure] = error.failures
    assert isinstance(failure.error, ClientError)
    tries = len(failing.requests) - 1  # the first request succeeded
    assert failure.error.__notes__ == [f"gave up after {tries} failed attempt(s) in a row"]
    assert failure.resume_token is not None


def test_a_slow_reader_does_not_spend_a_regions_deadline() -> None:
    # 30 tasks read 0.1 s apart outlast the 2 s deadline; the region itself takes far less.
    handlers = {"eu-west-1": _region_service(0, 30)}

    async def slowly() -> Found:
        found: Found = []
        session = local_session(handlers)
        # EC2's model loaded before the deadline runs: on a loaded machine that alone may take
        # a second, and the region's own work is what the deadline is for.
        async with session.create_client("ec2", region_name="eu-west-1"):  # pyright: ignore[reportUnknownMemberType]
            pass
        listing = list_export_image_tasks_in_regions(
            session, handlers, concurrency=1, region_timeout=2.0
        )
        async for region, task in listing:
            found.append((region, task.export_image_task_id))
            await asyncio.sleep(0.1)
        return found

    assert asyncio.run(slowly()) == _expected("eu-west-1", 0, 30)


def test_skipped_tasks_are_recorded_per_region_a_failed_regions_included() -> None:
    def bad(number: int) -> dict[str, object]:
        return {**good(number), "Progress": "150"}

    refused = Ec2Error("UnauthorizedOperation", "not any more")
    handlers: dict[str, Handler] = {
        "eu-west-1": ScriptedPages([([good(1), bad(7), good(2)], None)]),
        "us-east-1": ScriptedPages([([good(3)], None)]),
        "sa-east-1": ScriptedPages([([bad(8)], "t2"), refused]),
    }

    async def skipping() -> tuple[Found, Mapping[str, Sequence[InvalidItemError]]]:
        listing = list_export_image_tasks_in_regions(
            local_session(handlers), handlers, on_invalid="skip"
        )
        found: Found = []
        with contextlib.suppress(RegionsFailedError):
            async for region, task in listing:
                found.append((region, task.export_image_task_id))
        return found, listing.skipped

    found, skipped = asyncio.run(skipping())

    assert sorted(found) == [
        ("eu-west-1", task_id(1)),
        ("eu-west-1", task_id(2)),
        ("us-east-1", task_id(3)),
    ]
    assert {region: [e.item_id for e in errors] for region, errors in skipped.items()} == {
        "eu-west-1": [task_id(7)],
        "us-east-1": [],
        "sa-east-1": [task_id(8)],
    }
    assert skipped["eu-west-1"][0].field == "Progress"


def test_five_transient_failures_in_a_row_end_the_region_after_waits_of_1_2_4_and_8_s(
    waits: list[float],
) -> None:
    failing = ShapedListing(3, [3], failing=range(100))

    found, error = _list({"eu-west-1": failing}, region_timeout=60)

    assert found == []
    assert error is not None
    [failure] = error.failures
    assert isinstance(failure.error, ClientError)
    assert failure.error.__notes__ == ["gave up after 5 failed attempt(s) in a row"]
    assert len(failing.requests) == 5
    assert waits == [1.0, 2.0, 4.0, 8.0]


def test_each_region_has_a_deadline_by_default_of_120_s() -> None:
    region_timeout = inspect.signature(list_export_image_tasks_in_regions).parameters[
        "region_timeout"
    ]

    assert region_timeout.default == REGION_TIMEOUT == 120.0


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
        ({"region_timeout": 0}, "region_timeout must be a number of seconds > 0, got 0"),
        ({"region_timeout": math.nan}, "region_timeout must be a number of seconds > 0, got nan"),
        (
            {
                "request": DescribeExportImageTasksRequest.model_validate(
                    {"PaginationConfig": {"StartingToken": "t1"}}
                )
            },
            "PaginationConfig.StartingToken 't1' is one region's token, not every region's",
        ),
        (
            {
                "request": DescribeExportImageTasksRequest.model_validate(
                    {"PaginationConfig": {"MaxItems": 3}}
                )
            },
            "PaginationConfig.MaxItems 3 would cut each region short without a word",
        ),
    ],
)
def test_wrong_options_are_refused_by_the_call_itself(
    options: dict[str, Any], message: str
) -> None:
    # No event loop and no iteration: the mistake shows where it is made, before any request.
    service = LocalEC2()

    with pytest.raises(ValueError, match=re.escape(message)):
        list_export_image_tasks_in_regions(
            local_session({"eu-west-1": service}), ["eu-west-1"], **options
        )

    assert service.requests == []


def test_a_config_that_is_not_botocores_is_refused_by_the_call_itself() -> None:
    with pytest.raises(
        TypeError, match=re.escape("config must be a botocore Config, got {'read_timeout': 5}")
    ):
        list_export_image_tasks_in_regions(local_session({}), REGIONS, config={"read_timeout": 5})  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def test_a_callers_own_timeout_names_the_regions_that_had_failed_too() -> None:
    # eu-west-1 fails on its second page; the caller's timeout comes while us-east-1 hangs, so
    # no RegionsFailedError is raised: without a word, eu-west-1 would look finished.
    service = _region_service(0, 4)
    deadlines: list[asyncio.Timeout] = []

    def second_page_refused(action: str, parameters: Mapping[str, str]) -> Reply:
        if "NextToken" in parameters:
            # The caller's timeout comes half a second after the refusal, however slow the
            # machine was to get here: the refusal is read with no I/O in between.
            deadlines[0].reschedule(asyncio.get_running_loop().time() + 0.5)
            return error_reply(Ec2Error("UnauthorizedOperation", "not allowed", 403))
        return service(action, parameters)

    def hanging(action: str, parameters: Mapping[str, str]) -> Reply:
        return Reply(200, b"", wait=60.0)

    handlers: dict[str, Handler] = {"eu-west-1": second_page_refused, "us-east-1": hanging}

    async def main() -> None:
        async with asyncio.timeout(20.0) as deadline:
            deadlines.append(deadline)
            await _list_async(handlers, page_size=2)

    with pytest.raises(TimeoutError) as raised:
        asyncio.run(asyncio.wait_for(main(), timeout=30))

    notes = getattr(raised.value.__cause__, "__notes__", [])
    assert notes[0] == "the listing was cancelled with these regions unfinished: us-east-1"
    assert notes[1].startswith("these regions had failed, and their tasks may be incomplete: ")
    assert "eu-west-1 (ClientError: An error occurred (UnauthorizedOperation)" in notes[1]


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
