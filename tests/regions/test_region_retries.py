"""Random transient failures in random regions: each task listed exactly once, in its order.

The waits between tries are recorded instead of waited (``asyncio.sleep`` replaced for the
run): only their count and length matter here, and the rule that each wait doubles.
"""

from __future__ import annotations

import asyncio
from functools import cache
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks import list_export_image_tasks_in_regions
from ec2_export_image_tasks.errors import RegionsFailedError
from ec2_export_image_tasks.models import DescribeExportImageTasksRequest, PaginationConfig
from ec2_export_image_tasks.testing.aio import local_session

from ..paginator.helpers import ShapedListing, ids
from .helpers import recording_sleeps

if TYPE_CHECKING:
    from collections.abc import Mapping

    from aiobotocore.session import AioSession

REGIONS = ("eu-west-1", "us-east-1")

_SERVING: dict[str, ShapedListing] = {}
"""What each region's listing is in the current example: one session serves every example,
so that botocore loads EC2's model once."""


@cache
def _session() -> AioSession:
    return local_session(_SERVING)


def _no_five_in_a_row(failing: frozenset[int]) -> bool:
    return not any(all(n + k in failing for k in range(5)) for n in failing)


listings = st.builds(
    ShapedListing,
    total=st.integers(min_value=0, max_value=12),
    sizes=st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=3),
    last_token=st.sampled_from([None, ""]),
    failing=st.frozensets(st.integers(min_value=0, max_value=12), max_size=6).filter(
        _no_five_in_a_row
    ),
)


def _listed(
    listings: Mapping[str, ShapedListing], page_size: int
) -> tuple[dict[str, list[str | None]], list[float]]:
    """Each region's task ids, as listed, and the waits between tries."""
    request = DescribeExportImageTasksRequest(
        pagination_config=PaginationConfig(page_size=page_size)
    )

    async def main() -> dict[str, list[str | None]]:
        found: dict[str, list[str | None]] = {region: [] for region in listings}
        listing = list_export_image_tasks_in_regions(_session(), listings, request)
        async for region, task in listing:
            found[region].append(task.export_image_task_id)
        return found

    _SERVING.clear()
    _SERVING.update(listings)
    with pytest.MonkeyPatch.context() as patch:
        waits = recording_sleeps(patch)
        return asyncio.run(main()), waits


@settings(max_examples=20)
@given(
    listings=st.fixed_dictionaries(dict.fromkeys(REGIONS, listings)),
    page_size=st.integers(min_value=1, max_value=5),
)
def test_fewer_than_five_failures_in_a_row_lose_and_repeat_nothing(
    listings: dict[str, ShapedListing], page_size: int
) -> None:
    try:
        found, waits = _listed(listings, page_size)
    except RegionsFailedError as error:  # pragma: no cover - the message says which and why
        pytest.fail(str(error))

    assert found == {region: ids(*range(listing.total)) for region, listing in listings.items()}
    assert set(waits) <= {1.0, 2.0, 4.0, 8.0}
    assert len(waits) == sum(
        len(set(listing.failing) & set(range(len(listing.requests))))
        for listing in listings.values()
    )
