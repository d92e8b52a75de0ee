"""Typed, validated models and a typed paginator for EC2 ``DescribeExportImageTasks``.

The public names load on first use, as pydantic's do (:mod:`._lazy`): importing the package
costs nothing until a name is used, so a pytest run (which loads this package's plugin in every
project that installs it) does not pay for pydantic and botocore. Type checkers see the imports
below and nothing lazy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._lazy import lazy_names

__version__: Final = "0.1.0"
"""This release's version, the one in the package metadata."""

if TYPE_CHECKING:
    from ._clients import AsyncEC2ClientProtocol, EC2ClientProtocol
    from ._export_calls import (
        CLIENT_TOKEN,
        async_cancel_export,
        async_check_export_permissions,
        async_start_export,
        cancel_export,
        check_export_permissions,
        start_export,
    )
    from ._paginators import (
        AsyncExportImageTaskIterator,
        AsyncExportImageTaskPaginator,
        ExportImageTaskIterator,
        ExportImageTaskPaginator,
    )
    from ._regions import REGION_TIMEOUT, RegionListing, list_export_image_tasks_in_regions
    from ._waiter import (
        MAX_INTERVAL,
        MIN_INTERVAL,
        NOT_VISIBLE_GRACE,
        async_wait_for_export,
        wait_for_export,
    )
    from .errors import (
        EmptyPagesError,
        ExportFailedError,
        ExportImageTasksError,
        ExportNotCancellableError,
        ExportWithoutIdError,
        InvalidItemError,
        InvalidStartingTokenError,
        IteratorConsumedError,
        PaginationCycleError,
        RegionError,
        RegionsFailedError,
        StatusMissingError,
        TaskNotFoundError,
        WaitTimeoutError,
    )
    from .models import (
        CancelExportTaskRequest,
        DescribeExportImageTasksRequest,
        DescribeExportImageTasksResponse,
        DiskImageFormat,
        ExportImageRequest,
        ExportImageResponse,
        ExportImageTask,
        ExportImageTaskStatus,
        ExportTaskS3LocationRequest,
        Filter,
        PaginationConfig,
        S3ExportLocation,
        Tag,
        TagSpecification,
    )
    from .paginator import OnInvalid

_HOMES = {
    "EmptyPagesError": ".errors",
    "ExportFailedError": ".errors",
    "ExportImageTasksError": ".errors",
    "ExportNotCancellableError": ".errors",
    "ExportWithoutIdError": ".errors",
    "InvalidItemError": ".errors",
    "InvalidStartingTokenError": ".errors",
    "IteratorConsumedError": ".errors",
    "PaginationCycleError": ".errors",
    "RegionError": ".errors",
    "RegionsFailedError": ".errors",
    "StatusMissingError": ".errors",
    "TaskNotFoundError": ".errors",
    "WaitTimeoutError": ".errors",
    "AsyncEC2ClientProtocol": "._clients",
    "EC2ClientProtocol": "._clients",
    "CLIENT_TOKEN": "._export_calls",
    "async_cancel_export": "._export_calls",
    "async_check_export_permissions": "._export_calls",
    "async_start_export": "._export_calls",
    "cancel_export": "._export_calls",
    "check_export_permissions": "._export_calls",
    "start_export": "._export_calls",
    "CancelExportTaskRequest": ".models",
    "DescribeExportImageTasksRequest": ".models",
    "DescribeExportImageTasksResponse": ".models",
    "DiskImageFormat": ".models",
    "ExportImageRequest": ".models",
    "ExportImageResponse": ".models",
    "ExportImageTask": ".models",
    "ExportImageTaskStatus": ".models",
    "ExportTaskS3LocationRequest": ".models",
    "Filter": ".models",
    "PaginationConfig": ".models",
    "S3ExportLocation": ".models",
    "Tag": ".models",
    "TagSpecification": ".models",
    "AsyncExportImageTaskIterator": "._paginators",
    "AsyncExportImageTaskPaginator": "._paginators",
    "ExportImageTaskIterator": "._paginators",
    "ExportImageTaskPaginator": "._paginators",
    "OnInvalid": ".paginator",
    "REGION_TIMEOUT": "._regions",
    "RegionListing": "._regions",
    "list_export_image_tasks_in_regions": "._regions",
    "MAX_INTERVAL": "._waiter",
    "MIN_INTERVAL": "._waiter",
    "NOT_VISIBLE_GRACE": "._waiter",
    "async_wait_for_export": "._waiter",
    "wait_for_export": "._waiter",
}
"""Where each public name lives."""

if not TYPE_CHECKING:
    __getattr__ = lazy_names(globals(), _HOMES)


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "CLIENT_TOKEN",
    "MAX_INTERVAL",
    "MIN_INTERVAL",
    "NOT_VISIBLE_GRACE",
    "REGION_TIMEOUT",
    "AsyncEC2ClientProtocol",
    "AsyncExportImageTaskIterator",
    "AsyncExportImageTaskPaginator",
    "CancelExportTaskRequest",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "DiskImageFormat",
    "EC2ClientProtocol",
    "EmptyPagesError",
    "ExportFailedError",
    "ExportImageRequest",
    "ExportImageResponse",
    "ExportImageTask",
    "ExportImageTaskIterator",
    "ExportImageTaskPaginator",
    "ExportImageTaskStatus",
    "ExportImageTasksError",
    "ExportNotCancellableError",
    "ExportTaskS3LocationRequest",
    "ExportWithoutIdError",
    "Filter",
    "InvalidItemError",
    "InvalidStartingTokenError",
    "IteratorConsumedError",
    "OnInvalid",
    "PaginationConfig",
    "PaginationCycleError",
    "RegionError",
    "RegionListing",
    "RegionsFailedError",
    "S3ExportLocation",
    "StatusMissingError",
    "Tag",
    "TagSpecification",
    "TaskNotFoundError",
    "WaitTimeoutError",
    "async_cancel_export",
    "async_check_export_permissions",
    "async_start_export",
    "async_wait_for_export",
    "cancel_export",
    "check_export_permissions",
    "list_export_image_tasks_in_regions",
    "start_export",
    "wait_for_export",
]
