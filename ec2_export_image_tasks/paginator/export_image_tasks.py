"""The EC2 part: ``DescribeExportImageTasks`` as a spec value, and its typed entry point."""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from ..models import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
)
from .aio import AsyncTypedPageIterator, AsyncTypedPaginator
from .spec import OnInvalid, PaginatorSpec
from .sync import TypedPageIterator, TypedPaginator

if TYPE_CHECKING:
    from typing import Unpack

    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ec2.type_defs import DescribeExportImageTasksRequestPaginateTypeDef
    from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

EXPORT_IMAGE_TASKS = PaginatorSpec(
    operation_name="describe_export_image_tasks",
    result_key="ExportImageTasks",
    token_key="NextToken",
    item_model=ExportImageTask,
    page_model=DescribeExportImageTasksResponse,
    request_model=DescribeExportImageTasksRequest,
    item_id_key="ExportImageTaskId",
)
"""botocore's paginators-1.json entry for the operation, with this package's models."""

ExportImageTaskPages = TypedPageIterator[ExportImageTask, DescribeExportImageTasksResponse]
AsyncExportImageTaskPages = AsyncTypedPageIterator[
    ExportImageTask, DescribeExportImageTasksResponse
]


def as_request(
    request: DescribeExportImageTasksRequest | None,
    kwargs: DescribeExportImageTasksRequestPaginateTypeDef,
) -> DescribeExportImageTasksRequest:
    """The request from either calling form; keyword arguments are validated here, unsent."""
    if request is None:
        return DescribeExportImageTasksRequest.model_validate(kwargs)
    if kwargs:
        raise TypeError("pass a DescribeExportImageTasksRequest or keyword arguments, not both")
    return request


def dry_run_permitted(error: ClientError) -> bool:
    """EC2's DryRun answer: DryRunOperation means allowed, UnauthorizedOperation means not."""
    code = error.response.get("Error", {}).get("Code")
    if code == "DryRunOperation":
        return True
    if code == "UnauthorizedOperation":
        return False
    raise error


class ExportImageTaskPaginator(
    TypedPaginator[
        ExportImageTask, DescribeExportImageTasksResponse, DescribeExportImageTasksRequest
    ]
):
    """``client.get_paginator("describe_export_image_tasks")``, yielding validated tasks.

    ``on_invalid="raise"`` (the default) stops at the first task that breaks a documented
    constraint, after handing out the ones before it; ``"skip"`` hands out the valid ones and
    records each skipped task on the iterator's ``errors``.
    """

    def __init__(self, client: EC2Client, *, on_invalid: OnInvalid = "raise") -> None:
        super().__init__(client, EXPORT_IMAGE_TASKS, on_invalid=on_invalid)

    def paginate(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> ExportImageTaskPages:
        """boto3's keyword syntax or a request model; a bad request raises ValueError, unsent."""
        return super().paginate(as_request(request, kwargs))

    def check_permissions(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> bool:
        """Whether the caller may describe these tasks, asked with ``DryRun=True``."""
        dry_run = as_request(request, kwargs).model_copy(update={"dry_run": True})
        try:
            next(iter(super().paginate(dry_run).pages()), None)
        except ClientError as error:
            return dry_run_permitted(error)
        return True


class AsyncExportImageTaskPaginator(
    AsyncTypedPaginator[
        ExportImageTask, DescribeExportImageTasksResponse, DescribeExportImageTasksRequest
    ]
):
    """The asyncio twin of :class:`ExportImageTaskPaginator`, over an aiobotocore client."""

    def __init__(self, client: AioEC2Client, *, on_invalid: OnInvalid = "raise") -> None:
        super().__init__(client, EXPORT_IMAGE_TASKS, on_invalid=on_invalid)

    def paginate(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> AsyncExportImageTaskPages:
        """boto3's keyword syntax or a request model; a bad request raises ValueError, unsent."""
        return super().paginate(as_request(request, kwargs))

    async def check_permissions(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> bool:
        """Whether the caller may describe these tasks, asked with ``DryRun=True``."""
        dry_run = as_request(request, kwargs).model_copy(update={"dry_run": True})
        try:
            await anext(aiter(super().paginate(dry_run).pages()), None)
        except ClientError as error:
            return dry_run_permitted(error)
        return True
