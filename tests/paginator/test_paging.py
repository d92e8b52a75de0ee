"""Paging over a real client, sync and async alike: items, pages, and the library's semantics."""

from __future__ import annotations

import itertools
import math
import weakref
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskPaginator,
    ExportImageTaskStatus,
    Filter,
    IteratorConsumedError,
)
from ec2_export_image_tasks.testing import LocalEC2

from .drivers import Driver, Taken
from .helpers import ids, task_id

if TYPE_CHECKING:
    from collections.abc import Callable

TOTAL = 7
ALL_IDS = ids(*range(TOTAL))


@pytest.fixture
def ec2(driver: Driver) -> LocalEC2:
    service = LocalEC2()
    service.add_tasks(TOTAL)
    driver.serve(service)
    return service


def test_yields_validated_tasks_from_every_page(driver: Driver, ec2: LocalEC2) -> None:
    it = driver.paginate(PaginationConfig={"PageSize": 3})

    assert driver.take(it) == Taken(ALL_IDS)
    assert [request["MaxResults"] for request in ec2.requests] == ["3", "3", "3"]


@pytest.mark.parametrize(
    ("page_size", "max_items"), list(itertools.product([1, 2, 3, 7], [1, 2, 3, 4, 6, 7, 8]))
)
def test_items_and_resume_token_match_the_librarys_own_byte_for_byte(
    driver: Driver, ec2: LocalEC2, page_size: int, max_items: int
) -> None:
    it = driver.paginate(PaginationConfig={"PageSize": page_size, "MaxItems": max_items})
    ids = driver.take(it).ids

    assert (ids, it.resume_token) == driver.reference(PageSize=page_size, MaxItems=max_items)


@pytest.mark.parametrize(("page_size", "max_items"), [(2, 3), (3, 3), (3, 1)])
def test_a_resume_token_from_either_resumes_in_the_other(
    driver: Driver, ec2: LocalEC2, page_size: int, max_items: int
) -> None:
    theirs = driver.reference(PageSize=page_size, MaxItems=max_items).resume_token
    ours = driver.paginate(PaginationConfig={"PageSize": page_size, "MaxItems": max_items})
    driver.take(ours)
    assert theirs is not None
    assert ours.resume_token is not None

    resumed = driver.paginate(PaginationConfig={"PageSize": page_size, "StartingToken": theirs})
    assert (
        driver.take(resumed).ids
        == driver.reference(PageSize=page_size, StartingToken=ours.resume_token).ids
    )


@pytest.mark.parametrize("page_size", [1, 3, 7])
@pytest.mark.parametrize("stop_after", range(1, TOTAL + 1))
def test_resuming_after_a_break_yields_exactly_the_rest(
    driver: Driver, ec2: LocalEC2, page_size: int, stop_after: int
) -> None:
    it = driver.paginate(PaginationConfig={"PageSize": page_size})
    seen = driver.take(it, limit=stop_after).ids
    if not it.done:
        config = {"PageSize": page_size, "StartingToken": it.resume_token}
        seen += driver.take(driver.paginate(PaginationConfig=config)).ids

    assert seen == ALL_IDS


@pytest.mark.parametrize("stop_after", range(1, TOTAL + 1))
def test_a_page_is_fetched_only_once_every_task_before_it_is_handed_out(
    driver: Driver, ec2: LocalEC2, stop_after: int
) -> None:
    driver.take(driver.paginate(PaginationConfig={"PageSize": 3}), limit=stop_after)

    assert len(ec2.requests) == math.ceil(stop_after / 3)


def test_a_task_handed_out_is_not_kept_once_the_next_one_is() -> None:
    service = LocalEC2()
    service.add_tasks(3)
    tasks = iter(ExportImageTaskPaginator(service.client).paginate())
    first = weakref.ref(next(tasks))

    next(tasks)

    assert first() is None


def test_a_raw_ec2_next_token_is_accepted_as_starting_token(driver: Driver, ec2: LocalEC2) -> None:
    first = driver.pages(driver.paginate(PaginationConfig={"PageSize": 4}))[0]
    rest = driver.paginate(PaginationConfig={"PageSize": 4, "StartingToken": first.next_token})

    assert driver.take(rest) == Taken(ALL_IDS[4:])


def test_filters_and_ids_reach_the_service(driver: Driver) -> None:
    service = LocalEC2()
    service.add_tasks(2, ExportImageTaskStatus.COMPLETED)
    service.add_tasks(2, ExportImageTaskStatus.ACTIVE)
    driver.serve(service)

    active = driver.paginate(Filters=[Filter.task_state(ExportImageTaskStatus.ACTIVE).to_boto()])
    chosen = driver.paginate(ExportImageTaskIds=[task_id(3), task_id(0)])

    assert driver.take(active) == Taken(ids(2, 3))
    assert driver.take(chosen) == Taken(ids(3, 0))


def test_a_request_model_pages_like_its_keywords(driver: Driver, ec2: LocalEC2) -> None:
    request = DescribeExportImageTasksRequest.model_validate({"PaginationConfig": {"MaxItems": 2}})

    by_model = driver.take(driver.paginate(request))
    by_keywords = driver.take(driver.paginate(**request.to_boto()))

    assert by_model == by_keywords == Taken(ids(0, 1))


def test_passing_a_request_model_and_keywords_together_is_refused(
    driver: Driver, ec2: LocalEC2
) -> None:
    with pytest.raises(TypeError, match="not both"):
        driver.paginate(DescribeExportImageTasksRequest(), DryRun=False)


def test_pages_are_validated_page_models(driver: Driver, ec2: LocalEC2) -> None:
    pages = driver.pages(driver.paginate(PaginationConfig={"PageSize": 3}))

    assert [len(page.export_image_tasks) for page in pages] == [3, 3, 1]
    assert all(isinstance(page, DescribeExportImageTasksResponse) for page in pages)
    assert all(isinstance(task, ExportImageTask) for task in pages[0].export_image_tasks)
    assert pages[0].export_image_tasks[0].status is ExportImageTaskStatus.ACTIVE
    assert pages[0].next_token is not None
    assert pages[-1].next_token is None
    assert "ResponseMetadata" in (pages[0].model_extra or {})


def test_build_full_result_carries_the_resume_token_like_the_librarys_own(
    driver: Driver, ec2: LocalEC2
) -> None:
    result = driver.full_result(driver.paginate(PaginationConfig={"PageSize": 3, "MaxItems": 4}))

    expected = driver.reference(PageSize=3, MaxItems=4)
    assert [task.export_image_task_id for task in result.export_image_tasks] == expected.ids
    assert result.next_token == expected.resume_token
    assert result.next_token is not None


@pytest.mark.parametrize("second_use", ["items", "pages", "build_full_result"])
def test_an_iterator_is_used_once(driver: Driver, ec2: LocalEC2, second_use: str) -> None:
    it = driver.paginate()
    driver.take(it)
    sent = len(ec2.requests)
    uses: dict[str, Callable[[], object]] = {
        "items": lambda: driver.take(it).unwrap(),
        "pages": lambda: driver.pages(it),
        "build_full_result": lambda: driver.full_result(it),
    }

    with pytest.raises(IteratorConsumedError, match="already been iterated"):
        uses[second_use]()

    assert len(ec2.requests) == sent
