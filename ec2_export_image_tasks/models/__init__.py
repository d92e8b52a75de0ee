"""Pydantic models of ``DescribeExportImageTasks``: pure data, no boto3 at run time."""

from .boto_types import DescribeExportImageTasksPageTypeDef
from .ids import ExportImageTaskId, ImageId
from .request import DescribeExportImageTasksRequest, Filter, PaginationConfig
from .response import DescribeExportImageTasksResponse
from .status import ExportImageTaskStatus
from .tag import Tag, TagKey, TagValue
from .task import ExportImageTask, Percent, S3ExportLocation

__all__ = [
    "DescribeExportImageTasksPageTypeDef",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "ExportImageTask",
    "ExportImageTaskId",
    "ExportImageTaskStatus",
    "Filter",
    "ImageId",
    "PaginationConfig",
    "Percent",
    "S3ExportLocation",
    "Tag",
    "TagKey",
    "TagValue",
]
