"""Pydantic models of the export image operations: pure data, no boto3 at run time.

The ``ExportImage`` and ``CancelExportTask`` models load on first use: a program that only
lists tasks does not pay for building their classes at import.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names
from .boto_types import DescribeExportImageTasksPageTypeDef
from .ids import ExportImageTaskId, ImageId
from .request import DescribeExportImageTasksRequest, Filter, PaginationConfig
from .response import DescribeExportImageTasksResponse
from .status import ExportImageTaskStatus
from .tag import Tag, TagKey, TagValue
from .task import ExportImageTask, Percent, S3ExportLocation

if TYPE_CHECKING:
    from .export import (
        CancelExportTaskRequest,
        DiskImageFormat,
        ExportImageRequest,
        ExportImageResponse,
        ExportTaskS3LocationRequest,
        TagSpecification,
    )
else:
    _EXPORT_NAMES = (
        "CancelExportTaskRequest",
        "DiskImageFormat",
        "ExportImageRequest",
        "ExportImageResponse",
        "ExportTaskS3LocationRequest",
        "TagSpecification",
    )
    __getattr__ = lazy_names(globals(), dict.fromkeys(_EXPORT_NAMES, ".export"))

__all__ = [
    "CancelExportTaskRequest",
    "DescribeExportImageTasksPageTypeDef",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "DiskImageFormat",
    "ExportImageRequest",
    "ExportImageResponse",
    "ExportImageTask",
    "ExportImageTaskId",
    "ExportImageTaskStatus",
    "ExportTaskS3LocationRequest",
    "Filter",
    "ImageId",
    "PaginationConfig",
    "Percent",
    "S3ExportLocation",
    "Tag",
    "TagKey",
    "TagSpecification",
    "TagValue",
]
