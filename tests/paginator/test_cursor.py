"""The I/O-free cursor, driven with plain page dicts and tokens: no client, no event loop.

As h11 tests its ``Connection`` without sockets, these tests hand the cursor pages as botocore
would and read its state after every step. Where botocore defines a resume token (MaxItems),
botocore's own ``Paginator``, run over a plain function instead of a client, is the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import pytest
from botocore.paginate import Paginator
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import (
    DescribeExportImageTasksRequest,
    ExportImageTask,
    InvalidItemError,
    IteratorConsumedError,
    PaginationCycleError,
)
from ec2_export_image_tasks.paginator import _token as token
from ec2_export_image_tasks.paginator._cursor import PageCursor, start_paging, truncated_token

from .helpers import EXPORT_IMAGE_TASKS, good, ids, task_id

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from botocore.model import OperationModel
    from botocore.paginate import PageIterator

    from ec2_export_image_tasks import DescribeExportImageTasksResponse, OnInvalid

    Cursor = PageCursor[ExportImageTask, DescribeExportImageTasksResponse]

BAD = {"ExportImageTaskId": task_id(99), "Status": "exploded"}


def started(starting_token: str | None = None, on_invalid: OnInvalid = "raise") -> Cursor:
    request = DescribeExportImageTasksRequest.model_validate(
        {"PaginationConfig": {"StartingToken": starting_token}}
    )
    cursor, _ = start_paging(EXPORT_IMAGE_TASKS, request, on_invalid)
    cursor.start()
    return cursor


def page(tasks: Iterable[Mapping[str, object]], next_token: str | None = None) -> dict[str, Any]:
    raw: dict[str, Any] = {"ExportImageTasks": list(tasks)}
    if next_token is not None:
        raw["NextToken"] = next_token
    return raw


def tasks(*numbers: int) -> list[dict[str, object]]:
    return [good(number) for number in numbers]


def resume_at(service_token: str | None, items_done: int = 0) -> str:
    """botocore's token for the item ``items_done`` into the page ``service_token`` fetches."""
    return token.encode(token.Position(service_token, items_done), "NextToken")


def test_a_second_start_raises_instead_of_restarting() -> None:
    cursor = started()

    with pytest.raises(IteratorConsumedError):
        cursor.start()


@pytest.mark.parametrize("starting_token", [None, "A", resume_at("A", 2)])
def test_before_the_first_page_it_resumes_from_the_starting_token_and_is_not_done(
    starting_token: str | None,
) -> None:
    cursor = started(starting_token)

    assert (cursor.resume_token, cursor.done) == (starting_token, False)


def test_each_item_handed_out_moves_the_resume_token_just_past_it() -> None:
    cursor = started()
    states = [(cursor.resume_token, cursor.done)]
    for raw_page in (page(tasks(0, 1, 2), "A"), page(tasks(3, 4))):
        states += [(cursor.resume_token, cursor.done) for _ in cursor.items(raw_page, None)]
        states.append((cursor.resume_token, cursor.done))

    assert states == [
        (None, False),
        (resume_at(None, 1), False),
        (resume_at(None, 2), False),
        (resume_at("A"), False),  # the page's last item: resume where the next page starts
        (resume_at("A"), False),
        (resume_at("A", 1), False),
        (None, True),
        (None, True),
    ]


def test_a_page_that_fails_to_arrive_leaves_the_resume_token_where_it_would_start() -> None:
    cursor = started()
    list(cursor.items(page(tasks(0, 1), "A"), None))
    # The driver's request for page "A" raises here: the cursor is told nothing more.

    assert (cursor.resume_token, cursor.done) == (resume_at("A"), False)


def test_a_run_resumed_mid_page_counts_on_from_the_tokens_item_count() -> None:
    cursor = started(resume_at("A", 2))
    # botocore drops the first two items of page "A" before handing it over.
    items = cursor.items(page(tasks(2, 3, 4), "B"), None)
    next(items)

    assert cursor.resume_token == resume_at("A", 3)


@pytest.mark.parametrize("last_token", [None, ""], ids=["absent", "empty"])
def test_a_last_page_without_a_next_token_ends_the_listing(last_token: str | None) -> None:
    cursor = started()
    handed_out = list(cursor.items(page(tasks(0, 1), "A"), None))
    handed_out += cursor.items(page(tasks(2), last_token), None)

    assert [task.export_image_task_id for task in handed_out] == ids(0, 1, 2)
    assert (cursor.resume_token, cursor.done) == (None, True)
    assert cursor.full_result(handed_out).next_token is None


def test_a_repeated_next_token_raises_once_its_page_is_handed_out() -> None:
    cursor = started()
    list(cursor.items(page(tasks(0), "A"), None))
    list(cursor.items(page(tasks(1), "B"), None))
    handed_out: list[ExportImageTask] = []

    with pytest.raises(PaginationCycleError, match="'A'"):
        handed_out.extend(cursor.items(page(tasks(2), "A"), None))

    assert [task.export_image_task_id for task in handed_out] == ids(2)
    assert (cursor.resume_token, cursor.done) == (resume_at("A"), False)


def test_the_starting_tokens_service_token_counts_as_seen() -> None:
    cursor = started("A")

    with pytest.raises(PaginationCycleError):
        list(cursor.items(page(tasks(0), "A"), None))


def test_a_page_cut_short_by_max_items_is_not_checked_for_a_cycle() -> None:
    cursor = started("A")
    cut_short = resume_at("A", 1)  # what botocore hands over with the page it truncated

    handed_out = list(cursor.items(page(tasks(0), "A"), cut_short))

    assert len(handed_out) == 1
    assert (cursor.resume_token, cursor.done) == (cut_short, False)


def test_raise_leaves_the_invalid_item_to_resume_from() -> None:
    cursor = started()
    items = cursor.items(page([good(0), BAD, good(1)], "A"), None)
    next(items)

    with pytest.raises(InvalidItemError):
        next(items)

    assert (cursor.resume_token, cursor.errors) == (resume_at(None, 1), [])


def test_skip_records_the_invalid_item_and_moves_past_it() -> None:
    cursor = started(on_invalid="skip")

    handed_out = list(cursor.items(page([good(0), BAD, good(1)], "A"), None))

    assert [task.export_image_task_id for task in handed_out] == ids(0, 1)
    assert [error.raw_item for error in cursor.errors] == [BAD]
    assert cursor.resume_token == resume_at("A")


def test_a_page_is_handed_out_whole_once_it_is_yielded() -> None:
    cursor = started()
    pages = cursor.pages(page(tasks(0, 1), "A"), None)

    first_token = cursor.resume_token
    next(pages)

    assert (first_token, cursor.resume_token) == (None, resume_at("A"))


# botocore's own Paginator over a plain function: the reference wherever botocore defines a
# resume token.


@dataclass(frozen=True)
class Listing:
    """Pages of the given sizes, page ``i`` fetched with NextToken ``"p<i>"``."""

    sizes: Sequence[int]
    last_token: str | None

    def __call__(self, **kwargs: Any) -> dict[str, Any]:
        index = int(kwargs.get("NextToken", "p0")[1:])
        first = sum(self.sizes[:index])
        last = index == len(self.sizes) - 1
        return page(
            tasks(*range(first, first + self.sizes[index])),
            self.last_token if last else f"p{index + 1}",
        )


def botocore_pages(listing: Listing, **config: Any) -> PageIterator[Any]:
    # The stubs want the client's method name and an OperationModel; botocore calls the one and
    # reads the other only for PageSize, which these runs leave out.
    paginator: Paginator[Any] = Paginator(
        cast("str", listing),
        {
            "input_token": "NextToken",
            "output_token": "NextToken",
            "limit_key": "MaxResults",
            "result_key": "ExportImageTasks",
        },
        cast("OperationModel", None),
    )
    return paginator.paginate(PaginationConfig=config)


def botocore_token(pages: PageIterator[Any]) -> str | None:
    """botocore's resume token for ``pages``, run to its end here (typed a dict by the stubs)."""
    for _ in pages:
        pass
    resume_token: object = pages.resume_token
    return resume_token if isinstance(resume_token, str) else None


def drive(cursor: Cursor, pages: PageIterator[Any], limit: int | None = None) -> int:
    """The sync driver's loop, minus the client; breaks after ``limit`` items."""
    count = 0
    for raw_page in pages:
        for _ in cursor.items(raw_page, truncated_token(pages)):
            count += 1
            if count == limit:
                return count
    return count


listings = st.builds(
    Listing,
    sizes=st.lists(st.integers(min_value=0, max_value=4), min_size=1, max_size=5),
    last_token=st.sampled_from([None, ""]),
)


@given(listings, st.data())
def test_a_break_leaves_the_resume_token_botocore_would_give_for_that_max_items(
    listing: Listing, data: st.DataObject
) -> None:
    total = sum(listing.sizes)
    start_at = data.draw(st.integers(min_value=0, max_value=max(0, total - 1)), label="start")
    starting_token = (
        botocore_token(botocore_pages(listing, MaxItems=start_at)) if start_at else None
    )
    limit = data.draw(st.integers(min_value=1, max_value=max(1, total - start_at)), label="break")
    cursor = started(starting_token)

    drive(cursor, botocore_pages(listing, StartingToken=starting_token), limit)

    theirs = botocore_token(botocore_pages(listing, StartingToken=starting_token, MaxItems=limit))
    assert (cursor.resume_token, cursor.done) == (theirs, theirs is None)


@given(listings, st.integers(min_value=1, max_value=20))
def test_a_page_cut_short_by_max_items_resumes_with_botocores_own_token(
    listing: Listing, max_items: int
) -> None:
    cursor = started()

    drive(cursor, botocore_pages(listing, MaxItems=max_items))

    theirs = botocore_token(botocore_pages(listing, MaxItems=max_items))
    assert (cursor.resume_token, cursor.done) == (theirs, theirs is None)
