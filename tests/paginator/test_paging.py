"""Paging a real boto3 client over the local endpoint: items, pages, botocore's semantics."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Unpack

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

from .helpers import task_id

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import PaginatorConfigTypeDef

    from ec2_export_image_tasks.testing import LocalEC2

TOTAL = 7


@pytest.fixture
def ec2(local_ec2: LocalEC2) -> LocalEC2:
    local_ec2.add_tasks(TOTAL)
    return local_ec2


def typed_ids(
    ec2: LocalEC2, **config: Unpack[PaginatorConfigTypeDef]
) -> tuple[list[str | None], str | None]:
    it = ExportImageTaskPaginator(ec2.client).paginate(PaginationConfig=config)
    return [task.export_image_task_id for task in it], it.resume_token


def botocore_ids(
    ec2: LocalEC2, **config: Unpack[PaginatorConfigTypeDef]
) -> tuple[list[str | None], str | None]:
    pages = ec2.client.get_paginator("describe_export_image_tasks").paginate(
        PaginationConfig=config
    )
    found = [task.get("ExportImageTaskId") for page in pages for task in page["ExportImageTasks"]]
    resume_token: object = pages.resume_token
    return found, resume_token if isinstance(resume_token, str) else None


def test_yields_validated_tasks_from_every_page(ec2: LocalEC2) -> None:
    tasks = list(ExportImageTaskPaginator(ec2.client).paginate(PaginationConfig={"PageSize": 3}))

    assert [task.export_image_task_id for task in tasks] == [task_id(n) for n in range(TOTAL)]
    assert all(isinstance(task, ExportImageTask) for task in tasks)
    assert tasks[0].status is ExportImageTaskStatus.ACTIVE
    assert [request["MaxResults"] for request in ec2.requests] == ["3", "3", "3"]


@pytest.mark.parametrize(
    ("page_size", "max_items"), list(itertools.product([1, 2, 3, 7], [1, 2, 3, 4, 6, 7, 8]))
)
def test_items_and_resume_token_match_botocore_byte_for_byte(
    ec2: LocalEC2, page_size: int, max_items: int
) -> None:
    assert typed_ids(ec2, PageSize=page_size, MaxItems=max_items) == botocore_ids(
        ec2, PageSize=page_size, MaxItems=max_items
    )


@pytest.mark.parametrize(("page_size", "max_items"), [(2, 3), (3, 3), (3, 1)])
def test_a_resume_token_from_either_resumes_in_the_other(
    ec2: LocalEC2, page_size: int, max_items: int
) -> None:
    _, botocore_token = botocore_ids(ec2, PageSize=page_size, MaxItems=max_items)
    _, typed_token = typed_ids(ec2, PageSize=page_size, MaxItems=max_items)
    assert botocore_token is not None
    assert typed_token is not None

    assert typed_ids(ec2, PageSize=page_size, StartingToken=botocore_token) == botocore_ids(
        ec2, PageSize=page_size, StartingToken=typed_token
    )


@pytest.mark.parametrize("page_size", [1, 3, 7])
@pytest.mark.parametrize("stop_after", range(1, TOTAL + 1))
def test_resuming_after_a_break_yields_exactly_the_rest(
    ec2: LocalEC2, page_size: int, stop_after: int
) -> None:
    it = ExportImageTaskPaginator(ec2.client).paginate(PaginationConfig={"PageSize": page_size})
    seen = [task.export_image_task_id for task in itertools.islice(it, stop_after)]

    rest, _ = (
        typed_ids(ec2, PageSize=page_size, StartingToken=it.resume_token)
        if it.resume_token
        else ([], None)
    )

    assert seen + rest == [task_id(n) for n in range(TOTAL)]


def test_resume_token_is_none_once_every_task_is_yielded(ec2: LocalEC2) -> None:
    assert typed_ids(ec2, PageSize=3)[1] is None


def test_a_raw_ec2_next_token_is_accepted_as_starting_token(ec2: LocalEC2) -> None:
    first = ec2.client.describe_export_image_tasks(MaxResults=4)

    rest, _ = typed_ids(ec2, PageSize=4, StartingToken=first.get("NextToken", ""))

    assert rest == [task_id(n) for n in range(4, TOTAL)]


def test_filters_and_ids_reach_the_service(local_ec2: LocalEC2) -> None:
    local_ec2.add_tasks(2, ExportImageTaskStatus.COMPLETED)
    local_ec2.add_tasks(2, ExportImageTaskStatus.ACTIVE)
    paginator = ExportImageTaskPaginator(local_ec2.client)

    active = paginator.paginate(Filters=[Filter.task_state(ExportImageTaskStatus.ACTIVE).to_boto()])
    chosen = paginator.paginate(ExportImageTaskIds=[task_id(3), task_id(0)])

    assert [task.export_image_task_id for task in active] == [task_id(2), task_id(3)]
    assert [task.export_image_task_id for task in chosen] == [task_id(3), task_id(0)]


def test_a_request_model_pages_like_its_keywords(ec2: LocalEC2) -> None:
    request = DescribeExportImageTasksRequest.model_validate({"PaginationConfig": {"MaxItems": 2}})
    paginator = ExportImageTaskPaginator(ec2.client)

    by_model = [task.export_image_task_id for task in paginator.paginate(request)]
    by_keywords = [task.export_image_task_id for task in paginator.paginate(**request.to_boto())]

    assert by_model == by_keywords == [task_id(0), task_id(1)]


def test_passing_a_request_model_and_keywords_together_is_refused(ec2: LocalEC2) -> None:
    with pytest.raises(TypeError, match="not both"):
        ExportImageTaskPaginator(ec2.client).paginate(
            DescribeExportImageTasksRequest(), DryRun=False
        )


def test_pages_are_validated_page_models(ec2: LocalEC2) -> None:
    pages = list(
        ExportImageTaskPaginator(ec2.client).paginate(PaginationConfig={"PageSize": 3}).pages()
    )

    assert [len(page.export_image_tasks) for page in pages] == [3, 3, 1]
    assert all(isinstance(page, DescribeExportImageTasksResponse) for page in pages)
    assert pages[0].next_token is not None
    assert pages[-1].next_token is None
    assert "ResponseMetadata" in (pages[0].model_extra or {})


def test_build_full_result_carries_the_resume_token_like_botocore(ec2: LocalEC2) -> None:
    config: PaginatorConfigTypeDef = {"PageSize": 3, "MaxItems": 4}
    expected = (
        ec2.client.get_paginator("describe_export_image_tasks")
        .paginate(PaginationConfig=config)
        .build_full_result()
    )

    result = (
        ExportImageTaskPaginator(ec2.client).paginate(PaginationConfig=config).build_full_result()
    )

    assert [task.to_boto() for task in result.export_image_tasks] == expected["ExportImageTasks"]
    assert result.next_token == expected.get("NextToken")


@pytest.mark.parametrize("second_use", ["items", "pages", "build_full_result"])
def test_an_iterator_is_used_once(ec2: LocalEC2, second_use: str) -> None:
    it = ExportImageTaskPaginator(ec2.client).paginate()
    list(it)
    sent = len(ec2.requests)

    with pytest.raises(IteratorConsumedError, match="already been iterated"):
        {"items": lambda: iter(it), "pages": it.pages, "build_full_result": it.build_full_result}[
            second_use
        ]()

    assert len(ec2.requests) == sent
