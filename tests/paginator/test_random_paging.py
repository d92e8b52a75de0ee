"""Random listings, failures, breaks and resumes: every task once, as botocore would have it.

The service cuts pages of its own sizes, ends the last one with no token or ``<nextToken/>``,
and fails random requests (no retries); the caller sets a random PageSize and MaxItems, breaks
after random counts, and resumes from ``resume_token`` until ``done``. After every run that
did not fail, the library's own paginator, asked for as many items from the same start, must
agree on the resume token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import ShapedListing, ids

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import PaginatorConfigTypeDef

    from .drivers import Driver

MAX_RUNS = 40

listings = st.builds(
    ShapedListing,
    total=st.integers(min_value=0, max_value=20),
    sizes=st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=3),
    last_token=st.sampled_from([None, ""]),
    failing=st.sets(st.integers(min_value=0, max_value=15), max_size=4),
)
configs = st.fixed_dictionaries(
    {},
    optional={
        "PageSize": st.integers(min_value=1, max_value=8),
        "MaxItems": st.integers(min_value=1, max_value=10),
    },
)
breaks = st.lists(st.none() | st.integers(min_value=1, max_value=8), max_size=4)


def check_against_reference(
    driver: Driver, listing: ShapedListing, config: PaginatorConfigTypeDef, handed_out: int
) -> tuple[str | None, bool]:
    """The resume token the library gives after ``handed_out`` items from ``config``'s start,
    asked of a twin of ``listing`` that never fails, and whether that means done."""
    twin = ShapedListing(listing.total, listing.sizes, listing.last_token)
    driver.serve(twin)
    try:
        asked: PaginatorConfigTypeDef = {**config}
        if handed_out:
            asked["MaxItems"] = handed_out
        else:
            asked.pop("MaxItems", None)
        resume_token = driver.reference(**asked).resume_token
    finally:
        driver.serve(listing)
    return resume_token, resume_token is None


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(listing=listings, config=configs, breaks=breaks)
def test_resuming_until_done_hands_out_every_task_once(
    driver: Driver, listing: ShapedListing, config: PaginatorConfigTypeDef, breaks: list[int | None]
) -> None:
    driver.serve(listing)
    handed_out: list[str | None] = []
    for run in range(MAX_RUNS):
        it = driver.paginate(PaginationConfig=config)
        taken = driver.take(it, limit=breaks[run] if run < len(breaks) else None)
        handed_out += taken.ids
        if taken.error is None:
            expected = check_against_reference(driver, listing, config, len(taken.ids))
            assert (it.resume_token, it.done) == expected
        elif not isinstance(taken.error, ClientError):
            raise taken.error
        if it.done:
            break
        if it.resume_token is not None:
            config["StartingToken"] = it.resume_token
    else:
        pytest.fail(f"not done after {MAX_RUNS} runs")

    assert handed_out == ids(*range(listing.total))
