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

__all__ = [
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "ExportImageTask",
    "ExportImageTaskStatus",
    "ExportImageTasksError",
    "Filter",
    "InvalidItemError",
    "InvalidStartingTokenError",
    "IteratorConsumedError",
    "PaginationConfig",
    "PaginationCycleError",
    "S3ExportLocation",
    "Tag",
]
