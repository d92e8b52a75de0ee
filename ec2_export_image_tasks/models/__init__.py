"""Pydantic models of the export image operations: pure data, no boto3 at run time.

The ``ExportImage`` and ``CancelExportTask`` models and the JSON Schema load on first use: a
program that only lists tasks does not pay for building their classes at import.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names
from ._boto_types import DescribeExportImageTasksPageTypeDef, ExportImageAnswerTypeDef
from ._ids import ExportImageTaskId, ImageId
from ._request import DescribeExportImageTasksRequest, Filter, PaginationConfig
from ._response import DescribeExportImageTasksResponse
from ._status import ExportImageTaskStatus
from ._tag import Tag, TagKey, TagValue
from ._task import ExportImageTask, Percent, S3ExportLocation

if TYPE_CHECKING:
    from ._export_image import (
        CancelExportTaskRequest,
        ClientToken,
        Description,
        DiskImageFormat,
        ExportImageRequest,
        ExportImageResponse,
        ExportTaskId,
        ExportTaskS3LocationRequest,
        RoleName,
        S3BucketName,
        TagSpecification,
    )
    from ._schema import json_schema
else:
    _EXPORT_NAMES = (
        "CancelExportTaskRequest",
        "ClientToken",
        "Description",
        "DiskImageFormat",
        "ExportImageRequest",
        "ExportImageResponse",
        "ExportTaskId",
        "ExportTaskS3LocationRequest",
        "RoleName",
        "S3BucketName",
        "TagSpecification",
    )
    __getattr__ = lazy_names(
        globals(), {**dict.fromkeys(_EXPORT_NAMES, "._export_image"), "json_schema": "._schema"}
    )

__all__ = [
    "CancelExportTaskRequest",
    "ClientToken",
    "DescribeExportImageTasksPageTypeDef",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksResponse",
    "Description",
    "DiskImageFormat",
    "ExportImageAnswerTypeDef",
    "ExportImageRequest",
    "ExportImageResponse",
    "ExportImageTask",
    "ExportImageTaskId",
    "ExportImageTaskStatus",
    "ExportTaskId",
    "ExportTaskS3LocationRequest",
    "Filter",
    "ImageId",
    "PaginationConfig",
    "Percent",
    "RoleName",
    "S3BucketName",
    "S3ExportLocation",
    "Tag",
    "TagKey",
    "TagSpecification",
    "TagValue",
    "json_schema",
]
