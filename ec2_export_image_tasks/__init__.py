"""Typed, validated models and a typed paginator for EC2 ``DescribeExportImageTasks``."""

from .errors import (
    ExportImageTasksError,
    InvalidItemError,
    InvalidStartingTokenError,
    IteratorConsumedError,
    PaginationCycleError,
)
from .models import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    Filter,
    PaginationConfig,
    S3ExportLocation,
    Tag,
)
from .paginator import (
    EXPORT_IMAGE_TASKS,
    ExportImageTaskPages,
    ExportImageTaskPaginator,
    OnInvalid,
    PaginatorSpec,
    TypedPageIterator,
    TypedPaginator,
)

__all__ = [
    "EXPORT_IMAGE_TASKS",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "ExportImageTask",
    "ExportImageTaskPages",
    "ExportImageTaskPaginator",
    "ExportImageTaskStatus",
    "ExportImageTasksError",
    "Filter",
    "InvalidItemError",
    "InvalidStartingTokenError",
    "IteratorConsumedError",
    "OnInvalid",
    "PaginationConfig",
    "PaginationCycleError",
    "PaginatorSpec",
    "S3ExportLocation",
    "Tag",
    "TypedPageIterator",
    "TypedPaginator",
]
