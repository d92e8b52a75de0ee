"""Paging a real aiobotocore client over the local endpoint: the sync paginator's behaviours."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks import (
    AsyncExportImageTaskIterator,
    AsyncExportImageTaskPaginator,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    IteratorConsumedError,
)
from ec2_export_image_tasks.testing import LocalEC2

from ..paginator.helpers import task_id
from .helpers import aiobotocore_ids, ids, run, typed_ids

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from types_aiobotocore_ec2.client import EC2Client

TOTAL = 7
ALL_IDS = [task_id(n) for n in range(TOTAL)]


@pytest.fixture
def ec2() -> LocalEC2:
    service = LocalEC2()
    service.add_tasks(TOTAL)
    return service


def test_yields_validated_tasks_from_every_page(ec2: LocalEC2) -> None:
    async def scenario(client: EC2Client) -> list[ExportImageTask]:
        paginator = AsyncExportImageTaskPaginator(client)
        return [task async for task in paginator.paginate(PaginationConfig={"PageSize": 3})]

    tasks = run(ec2, scenario)

    assert [task.export_image_task_id for task in tasks] == ALL_IDS
    assert all(isinstance(task, ExportImageTask) for task in tasks)
    assert tasks[0].status is ExportImageTaskStatus.ACTIVE
    assert [request["MaxResults"] for request in ec2.requests] == ["3", "3", "3"]


@pytest.mark.parametrize(
    ("page_size", "max_items"), list(itertools.product([1, 2, 3, 7], [1, 2, 3, 4, 6, 7, 8]))
)
def test_items_and_resume_token_match_aiobotocore_byte_for_byte(
    ec2: LocalEC2, page_size: int, max_items: int
) -> None:
    async def scenario(client: EC2Client) -> None:
        typed = await typed_ids(client, PageSize=page_size, MaxItems=max_items)
        assert typed == await aiobotocore_ids(client, PageSize=page_size, MaxItems=max_items)

    run(ec2, scenario)


@pytest.mark.parametrize(("page_size", "max_items"), [(2, 3), (3, 3), (3, 1)])
def test_a_resume_token_from_either_resumes_in_the_other(
    ec2: LocalEC2, page_size: int, max_items: int
) -> None:
    async def scenario(client: EC2Client) -> None:
        _, aiobotocore_token = await aiobotocore_ids(client, PageSize=page_size, MaxItems=max_items)
        _, typed_token = await typed_ids(client, PageSize=page_size, MaxItems=max_items)
        assert aiobotocore_token is not None
        assert typed_token is not None

        assert await typed_ids(
            client, PageSize=page_size, StartingToken=aiobotocore_token
        ) == await aiobotocore_ids(client, PageSize=page_size, StartingToken=typed_token)

    run(ec2, scenario)


@pytest.mark.parametrize("page_size", [1, 3, 7])
@pytest.mark.parametrize("stop_after", range(1, TOTAL + 1))
def test_resuming_after_a_break_yields_exactly_the_rest(
    ec2: LocalEC2, page_size: int, stop_after: int
) -> None:
    async def scenario(client: EC2Client) -> list[str | None]:
        it = AsyncExportImageTaskPaginator(client).paginate(
            PaginationConfig={"PageSize": page_size}
        )
        seen: list[str | None] = []
        async for task in it:
            seen.append(task.export_image_task_id)
            if len(seen) == stop_after:
                break
        if it.resume_token is None:
            return seen
        rest, _ = await typed_ids(client, PageSize=page_size, StartingToken=it.resume_token)
        return seen + rest

    assert run(ec2, scenario) == ALL_IDS


def test_resume_token_is_none_once_every_task_is_yielded(ec2: LocalEC2) -> None:
    async def scenario(client: EC2Client) -> str | None:
        return (await typed_ids(client, PageSize=3))[1]

    assert run(ec2, scenario) is None


def test_pages_are_validated_page_models(ec2: LocalEC2) -> None:
    async def scenario(client: EC2Client) -> list[DescribeExportImageTasksResponse]:
        it = AsyncExportImageTaskPaginator(client).paginate(PaginationConfig={"PageSize": 3})
        return [page async for page in it.pages()]

    pages = run(ec2, scenario)

    assert [len(page.export_image_tasks) for page in pages] == [3, 3, 1]
    assert all(isinstance(page, DescribeExportImageTasksResponse) for page in pages)
    assert pages[0].next_token is not None
    assert pages[-1].next_token is None


def test_build_full_result_carries_the_resume_token_like_aiobotocore(ec2: LocalEC2) -> None:
    async def scenario(client: EC2Client) -> None:
        pages = client.get_paginator("describe_export_image_tasks").paginate(
            PaginationConfig={"PageSize": 3, "MaxItems": 4}
        )
        expected = await pages.build_full_result()

        result = await (
            AsyncExportImageTaskPaginator(client)
            .paginate(PaginationConfig={"PageSize": 3, "MaxItems": 4})
            .build_full_result()
        )

        assert [task.to_boto() for task in result.export_image_tasks] == expected[
            "ExportImageTasks"
        ]
        assert result.next_token == expected.get("NextToken")
        assert result.next_token is not None

    run(ec2, scenario)


async def _items(it: AsyncExportImageTaskIterator) -> object:
    return await ids(it)


async def _pages(it: AsyncExportImageTaskIterator) -> object:
    return [page async for page in it.pages()]


async def _full_result(it: AsyncExportImageTaskIterator) -> object:
    return await it.build_full_result()


@pytest.mark.parametrize(
    "second_use", [_items, _pages, _full_result], ids=["items", "pages", "build_full_result"]
)
def test_an_iterator_is_used_once(
    ec2: LocalEC2, second_use: Callable[[AsyncExportImageTaskIterator], Awaitable[object]]
) -> None:
    async def scenario(client: EC2Client) -> None:
        it = AsyncExportImageTaskPaginator(client).paginate()
        await ids(it)
        sent = len(ec2.requests)

        with pytest.raises(IteratorConsumedError, match="already been iterated"):
            await second_use(it)

        assert len(ec2.requests) == sent

    run(ec2, scenario)
