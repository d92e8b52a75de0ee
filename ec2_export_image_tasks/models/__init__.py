"""Pydantic models of ``DescribeExportImageTasks``: pure data, no boto3 at run time."""

from .boto_types import DescribeExportImageTasksPageTypeDef
from .export import (
    CancelExportTaskRequest,
    DiskImageFormat,
    ExportImageRequest,
    ExportImageResponse,
    ExportTaskS3LocationRequest,
    TagSpecification,
)
from .ids import ExportImageTaskId, ImageId
from .request import DescribeExportImageTasksRequest, Filter, PaginationConfig
from .response import DescribeExportImageTasksResponse
from .status import ExportImageTaskStatus
from .tag import Tag, TagKey, TagValue
from .task import ExportImageTask, Percent, S3ExportLocation

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
