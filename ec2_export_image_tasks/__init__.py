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
    from .export import (
        async_cancel_export,
        async_check_export_permissions,
        async_start_export,
        cancel_export,
        check_export_permissions,
        start_export,
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
    from .paginator.export_image_tasks import (
        AsyncExportImageTaskIterator,
        AsyncExportImageTaskPaginator,
        ExportImageTaskIterator,
        ExportImageTaskPaginator,
    )
    from .paginator.generic import OnInvalid
    from .waiter import async_wait_for_export, wait_for_export

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
    "async_cancel_export": ".export",
    "async_check_export_permissions": ".export",
    "async_start_export": ".export",
    "cancel_export": ".export",
    "check_export_permissions": ".export",
    "start_export": ".export",
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
    "AsyncExportImageTaskIterator": ".paginator.export_image_tasks",
    "AsyncExportImageTaskPaginator": ".paginator.export_image_tasks",
    "ExportImageTaskIterator": ".paginator.export_image_tasks",
    "ExportImageTaskPaginator": ".paginator.export_image_tasks",
    "OnInvalid": ".paginator.generic",
    "async_wait_for_export": ".waiter",
    "wait_for_export": ".waiter",
}
"""Where each public name lives."""

if not TYPE_CHECKING:
    __getattr__ = lazy_names(globals(), _HOMES)


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "AsyncExportImageTaskIterator",
    "AsyncExportImageTaskPaginator",
    "CancelExportTaskRequest",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "DiskImageFormat",
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
    "start_export",
    "wait_for_export",
]
