"""Whether a run has ended, and resuming one that has not: ``done``, ``resume_token``, the loop."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks.testing import LocalEC2, error_reply

from .drivers import Driver, Taken
from .helpers import INTERNAL_ERROR, ScriptedPages, ShapedListing, good, ids, page, task_id

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from mypy_boto3_ec2.type_defs import PaginatorConfigTypeDef

    from ec2_export_image_tasks.testing import Handler, Reply

    from .drivers import AnyIterator


def _ending_with_empty_token() -> ScriptedPages:
    return ScriptedPages([([good(0), good(1)], "t1"), ([good(2)], "")])


def test_an_empty_next_token_ends_the_listing_and_is_never_sent(driver: Driver) -> None:
    script = _ending_with_empty_token()
    driver.serve(script)
    it = driver.paginate()

    assert driver.take(it) == Taken(ids(0, 1, 2))  # no PaginationCycleError either
    assert (it.resume_token, it.done) == (None, True)
    assert [request.get("NextToken") for request in script.requests] == [None, "t1"]


def test_an_empty_next_token_leaves_build_full_result_without_one(driver: Driver) -> None:
    driver.serve(_ending_with_empty_token())

    result = driver.full_result(driver.paginate())

    assert len(result.export_image_tasks) == 3
    assert result.next_token is None


def test_a_run_is_not_done_before_it_starts(driver: Driver) -> None:
    driver.serve(_ending_with_empty_token())

    assert driver.paginate().done is False


def test_a_failure_on_the_first_request_is_not_done(driver: Driver) -> None:
    driver.serve(ScriptedPages([INTERNAL_ERROR]))
    it = driver.paginate()

    assert isinstance(driver.take(it).error, ClientError)
    assert (it.resume_token, it.done) == (None, False)


def test_a_failure_on_a_later_page_is_not_done(driver: Driver) -> None:
    driver.serve(ScriptedPages([([good(0)], "t1"), INTERNAL_ERROR]))
    it = driver.paginate()

    assert isinstance(driver.take(it).error, ClientError)
    assert it.resume_token is not None
    assert it.done is False


@pytest.mark.parametrize(("limit", "done"), [(2, False), (3, True)])
def test_a_break_is_done_only_after_the_last_task(driver: Driver, limit: int, done: bool) -> None:
    driver.serve(_ending_with_empty_token())
    it = driver.paginate()

    driver.take(it, limit=limit)

    assert it.done is done


@pytest.mark.parametrize(("max_items", "done"), [(3, False), (7, True), (8, True)])
def test_max_items_is_done_only_when_nothing_is_left_to_resume(
    driver: Driver, max_items: int, done: bool
) -> None:
    service = LocalEC2()
    service.add_tasks(7)
    driver.serve(service)
    it = driver.paginate(PaginationConfig={"PageSize": 3, "MaxItems": max_items})

    driver.take(it)

    assert it.done is done
    assert (it.resume_token is None) is done


Consume: TypeAlias = "Callable[[Driver, AnyIterator], Taken]"
"""One way of taking a run's tasks: iterating it, its ``pages()``, or ``build_full_result()``."""
WAYS: dict[str, Consume] = {
    "items": Driver.take,
    "pages": Driver.take_pages,
    "full-result": Driver.take_full_result,
}
each_way = pytest.mark.parametrize("consume", list(WAYS.values()), ids=list(WAYS))
MAX_RUNS = 60


def resume_until_done(
    driver: Driver, config: PaginatorConfigTypeDef, consume: Consume = Driver.take
) -> list[str | None]:
    """The README's resume loop: on a failure, resume from ``resume_token`` until ``done``."""
    it = driver.paginate(PaginationConfig=config)
    handed_out: list[str | None] = []
    for _ in range(MAX_RUNS):
        taken = consume(driver, it)
        handed_out += taken.ids
        if taken.error is not None and not isinstance(taken.error, ClientError):
            raise taken.error
        if it.done:
            return handed_out
        if it.resume_token is not None:  # None: the run failed before its first task
            config["StartingToken"] = it.resume_token
        it = driver.paginate(PaginationConfig=config)
    raise AssertionError(f"not done after {MAX_RUNS} runs; handed out {handed_out}")


@pytest.mark.parametrize(
    "failing",
    [{0}, {0, 1}, {2}, {3}, {1, 3, 5}],
    ids=["page-1", "page-1-twice", "page-n", "last-page", "every-other-request"],
)
@pytest.mark.parametrize("last_token", [None, ""], ids=["absent-token", "empty-token"])
def test_the_resume_loop_lists_every_task_once_whichever_request_fails(
    driver: Driver, failing: set[int], last_token: str | None
) -> None:
    listing = ShapedListing(total=10, sizes=[3], last_token=last_token, failing=failing)
    driver.serve(listing)

    assert resume_until_done(driver, {"PageSize": 3}) == ids(*range(10))
    assert len(listing.requests) == 4 + len(failing)


def test_the_resume_loop_pages_on_in_runs_of_max_items(driver: Driver) -> None:
    handler: Handler = ShapedListing(total=10, sizes=[4], failing={2})
    driver.serve(handler)

    assert resume_until_done(driver, {"PageSize": 4, "MaxItems": 3}) == ids(*range(10))


@each_way
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    total=st.integers(min_value=0, max_value=23),
    sizes=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=3),
    failing=st.sets(st.integers(min_value=0, max_value=12), max_size=4),
    page_size=st.none() | st.integers(min_value=1, max_value=6),
)
def test_the_resume_loop_hands_out_every_task_exactly_once_whichever_way_it_is_consumed(
    driver: Driver,
    consume: Consume,
    total: int,
    sizes: list[int],
    failing: set[int],
    page_size: int | None,
) -> None:
    driver.serve(ShapedListing(total=total, sizes=sizes, failing=failing))
    config: PaginatorConfigTypeDef = {} if page_size is None else {"PageSize": page_size}

    assert resume_until_done(driver, config, consume) == ids(*range(total))


@pytest.mark.parametrize("starting_token", [None, "at-3"], ids=["fresh", "resumed"])
def test_a_full_result_that_fails_rewinds_to_where_its_run_began(
    driver: Driver, starting_token: str | None
) -> None:
    driver.serve(ShapedListing(total=12, sizes=[3], failing={2}))
    config: PaginatorConfigTypeDef = (
        {} if starting_token is None else {"StartingToken": starting_token}
    )
    it = driver.paginate(PaginationConfig=config)

    assert isinstance(driver.take_full_result(it).error, ClientError)
    assert (it.resume_token, it.done) == (starting_token, False)


@each_way
def test_the_resume_loop_records_each_skipped_task_once_whichever_way_it_is_consumed(
    driver: Driver, consume: Consume
) -> None:
    bad = {"ExportImageTaskId": task_id(9), "Progress": "101"}
    failures = [INTERNAL_ERROR]  # the second page fails once

    def listing(action: str, parameters: Mapping[str, str]) -> Reply:
        if "NextToken" not in parameters:
            return page([good(0), bad], "t1")
        return error_reply(failures.pop()) if failures else page([good(1)], None)

    driver.serve(listing)
    handed_out: list[str | None] = []
    skipped: list[str | None] = []
    it = driver.paginate(on_invalid="skip")
    for _ in range(3):
        handed_out += consume(driver, it).ids
        skipped += [error.item_id for error in it.errors]
        if it.done:
            break
        config = {} if it.resume_token is None else {"StartingToken": it.resume_token}
        it = driver.paginate(on_invalid="skip", PaginationConfig=config)

    assert (handed_out, skipped) == (ids(0, 1), [task_id(9)])
