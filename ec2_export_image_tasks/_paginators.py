"""The EC2 face: ``DescribeExportImageTasks`` as one spec value, and its typed entry points.

The generic engine does the work; the classes here only narrow its types to EC2's and add
``check_permissions`` (EC2's DryRun).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from ._either_form import request_from
from ._error_document import dry_run_permitted
from .models import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
)
from .paginator import (
    AsyncTypedIterator,
    AsyncTypedPaginator,
    OnInvalid,
    PaginatorSpec,
    TypedIterator,
    TypedPaginator,
)

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Unpack

    from ._clients import AsyncEC2ClientProtocol, EC2ClientProtocol
    from .models import DescribeExportImageTasksRequestPaginateTypeDef

__all__ = [
    "AsyncExportImageTaskIterator",
    "AsyncExportImageTaskPaginator",
    "ExportImageTaskIterator",
    "ExportImageTaskPaginator",
]

_EXPORT_IMAGE_TASKS = PaginatorSpec(
    operation_name="describe_export_image_tasks",
    result_key="ExportImageTasks",
    token_key="NextToken",
    item_model=ExportImageTask,
    page_model=DescribeExportImageTasksResponse,
    request_model=DescribeExportImageTasksRequest,
    item_id_key="ExportImageTaskId",
)
"""botocore's paginators-1.json entry for the operation, with this package's models."""

ExportImageTaskIterator = TypedIterator[ExportImageTask, DescribeExportImageTasksResponse]
"""What ``paginate()`` returns: iterate it for tasks, or call ``pages()`` for pages."""
AsyncExportImageTaskIterator = AsyncTypedIterator[ExportImageTask, DescribeExportImageTasksResponse]
"""What the async ``paginate()`` returns: ``async for`` tasks, or ``pages()``."""


def _dry_run_of(
    request: DescribeExportImageTasksRequest | None, kwargs: Mapping[str, Any]
) -> DescribeExportImageTasksRequest:
    """What ``check_permissions`` sends: the request from either calling form, with DryRun."""
    return request_from(DescribeExportImageTasksRequest, request, kwargs).model_copy(
        update={"dry_run": True}
    )


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

    def __init__(self, client: EC2ClientProtocol, *, on_invalid: OnInvalid = "raise") -> None:
        super().__init__(client, _EXPORT_IMAGE_TASKS, on_invalid=on_invalid)

    def paginate(  # type: ignore[override]  # narrowed on purpose to EC2's keywords
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> ExportImageTaskIterator:
        """boto3's keyword syntax or a request model; a bad request raises ValueError, unsent."""
        return super().paginate(request, **kwargs)

    def check_permissions(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> bool:
        """Whether the caller may describe these tasks, asked with ``DryRun=True``."""
        dry_run = _dry_run_of(request, kwargs)
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

    def __init__(self, client: AsyncEC2ClientProtocol, *, on_invalid: OnInvalid = "raise") -> None:
        super().__init__(client, _EXPORT_IMAGE_TASKS, on_invalid=on_invalid)

    def paginate(  # type: ignore[override]  # narrowed on purpose to EC2's keywords
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> AsyncExportImageTaskIterator:
        """boto3's keyword syntax or a request model; a bad request raises ValueError, unsent."""
        return super().paginate(request, **kwargs)

    async def check_permissions(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        **kwargs: Unpack[DescribeExportImageTasksRequestPaginateTypeDef],
    ) -> bool:
        """Whether the caller may describe these tasks, asked with ``DryRun=True``."""
        dry_run = _dry_run_of(request, kwargs)
        try:
            await anext(aiter(super().paginate(dry_run).pages()), None)
        except ClientError as error:
            return dry_run_permitted(error)
        return True
