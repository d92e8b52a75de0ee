"""A listing whose tasks change between two runs: what a resume token can and cannot promise.

The resume token is botocore's, so boto3 and aws-cli read it: the service's NextToken, and a
count of the tasks already handed out from the page it fetches. A count cannot tell which tasks
it counted: if one of them leaves the listing before the resumed run (an active task completes
while ``task-state=active`` is listed), that page shifts and an unseen task is skipped. A token
taken at a page's end (after a failure, or from ``pages()``) carries no count, and skips nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .drivers import Driver
from .helpers import ChangingListing, Failing, ids

if TYPE_CHECKING:
    from collections.abc import Callable

    from .drivers import AnyIterator, Taken


def test_a_token_taken_mid_page_skips_an_unseen_task_when_a_counted_one_leaves(
    driver: Driver,
) -> None:
    listing = ChangingListing(total=6, size=3)
    driver.serve(listing)
    first = driver.paginate()
    assert driver.take(first, limit=2).ids == ids(0, 1)

    listing.left.add(0)
    resumed = driver.take(driver.paginate(PaginationConfig={"StartingToken": first.resume_token}))

    assert resumed.unwrap() == ids(3, 4, 5)  # task 2 was never seen: the documented limit


def test_a_token_taken_at_a_page_end_skips_nothing_when_a_task_leaves(driver: Driver) -> None:
    listing = ChangingListing(total=6, size=3)
    driver.serve(listing)
    first = driver.paginate()
    assert driver.take(first, limit=3).ids == ids(0, 1, 2)

    listing.left.add(1)
    resumed = driver.take(driver.paginate(PaginationConfig={"StartingToken": first.resume_token}))

    assert resumed.unwrap() == ids(3, 4, 5)


@pytest.mark.parametrize("consume", [Driver.take, Driver.take_pages], ids=["items", "pages"])
def test_a_token_after_a_failed_request_skips_nothing_when_a_task_leaves(
    driver: Driver, consume: Callable[[Driver, AnyIterator], Taken]
) -> None:
    listing = ChangingListing(total=9, size=3)
    driver.serve(Failing(listing, request=1))
    first = driver.paginate()
    assert consume(driver, first).ids == ids(0, 1, 2)

    listing.left.add(1)
    driver.serve(listing)
    resumed = consume(
        driver, driver.paginate(PaginationConfig={"StartingToken": first.resume_token})
    )

    assert resumed.unwrap() == ids(3, 4, 5, 6, 7, 8)
