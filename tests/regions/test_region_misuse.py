"""Misuse of the multi-region listing that type checkers let through."""

from __future__ import annotations

import asyncio
import math
import re

import pytest

from ec2_export_image_tasks import list_export_image_tasks_in_regions
from ec2_export_image_tasks.errors import IteratorConsumedError
from ec2_export_image_tasks.testing import LocalEC2, sample_task
from ec2_export_image_tasks.testing.aio import local_session


def test_one_region_given_as_a_string_is_refused_by_the_call_itself() -> None:
    # A str is an Iterable[str] to mypy and pyright: each character would be a region.
    service = LocalEC2()
    message = "regions must be region names, such as ['eu-west-1'], not the string 'eu-west-1'"

    with pytest.raises(TypeError, match=re.escape(message)):
        list_export_image_tasks_in_regions(local_session({"eu-west-1": service}), "eu-west-1")

    assert service.requests == []


@pytest.mark.parametrize("region_timeout", [True, "60", [60]], ids=repr)
def test_a_region_timeout_that_is_not_a_number_is_refused_by_the_call_itself(
    region_timeout: object,
) -> None:
    service = LocalEC2()
    message = f"region_timeout must be a number of seconds or None, got {region_timeout!r}"

    with pytest.raises(TypeError, match=re.escape(message)):
        list_export_image_tasks_in_regions(
            local_session({"eu-west-1": service}),
            ["eu-west-1"],
            region_timeout=region_timeout,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
        )

    assert service.requests == []


@pytest.mark.parametrize("concurrency", [True, 2.5, "4"], ids=repr)
def test_a_concurrency_that_is_not_a_whole_number_is_refused_by_the_call_itself(
    concurrency: object,
) -> None:
    # True would page one region at a time, 2.5 three; "4" failed with a bare comparison error.
    service = LocalEC2()
    message = f"concurrency must be a whole number of regions, got {concurrency!r}"

    with pytest.raises(TypeError, match=re.escape(message)):
        list_export_image_tasks_in_regions(
            local_session({"eu-west-1": service}),
            ["eu-west-1"],
            concurrency=concurrency,  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
        )

    assert service.requests == []


def test_an_infinite_region_timeout_is_no_deadline() -> None:
    service = LocalEC2()
    service.add_task(sample_task(1))

    async def listed() -> list[str | None]:
        listing = list_export_image_tasks_in_regions(
            local_session({"eu-west-1": service}), ["eu-west-1"], region_timeout=math.inf
        )
        return [task.export_image_task_id async for _, task in listing]

    assert asyncio.run(listed()) == [sample_task(1).export_image_task_id]


def test_a_listing_iterated_a_second_time_raises_rather_than_yield_nothing() -> None:
    service = LocalEC2()
    service.add_task(sample_task(0))

    async def twice() -> list[str]:
        listing = list_export_image_tasks_in_regions(
            local_session({"eu-west-1": service}), ["eu-west-1"]
        )
        first = [region async for region, _ in listing]
        with pytest.raises(IteratorConsumedError, match="call list_export_image_tasks_in_regions"):
            async for _ in listing:
                pass
        return first

    assert asyncio.run(twice()) == ["eu-west-1"]
