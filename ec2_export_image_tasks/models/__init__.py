"""Pydantic models of the export image operations: pure data, no boto3 at run time.

Every name loads on first use (:mod:`.._lazy`): the command line's ``--help`` reads EC2's
facts (``_facts``, inside this package) without loading pydantic, and a program that only
lists tasks does not pay for building the ``ExportImage`` models or the JSON Schema.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from ._boto_types import (
        CancelExportTaskRequestTypeDef,
        DescribeExportImageTasksPageTypeDef,
        DescribeExportImageTasksRequestPaginateTypeDef,
        ExportImageAnswerTypeDef,
        ExportImageRequestTypeDef,
    )
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
    from ._ids import ExportImageTaskId, ImageId
    from ._request import DescribeExportImageTasksRequest, Filter, PaginationConfig
    from ._response import DescribeExportImageTasksResponse
    from ._schema import json_schema
    from ._status import ExportImageTaskStatus
    from ._tag import Tag, TagKey, TagValue
    from ._task import ExportImageTask, Percent, S3ExportLocation
else:
    __getattr__ = lazy_names(
        globals(),
        {
            **dict.fromkeys(
                (
                    "CancelExportTaskRequestTypeDef",
                    "DescribeExportImageTasksPageTypeDef",
                    "DescribeExportImageTasksRequestPaginateTypeDef",
                    "ExportImageAnswerTypeDef",
                    "ExportImageRequestTypeDef",
                ),
                "._boto_types",
            ),
            **dict.fromkeys(
                (
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
                ),
                "._export_image",
            ),
            **dict.fromkeys(("ExportImageTaskId", "ImageId"), "._ids"),
            **dict.fromkeys(
                ("DescribeExportImageTasksRequest", "Filter", "PaginationConfig"), "._request"
            ),
            "DescribeExportImageTasksResponse": "._response",
            "json_schema": "._schema",
            "ExportImageTaskStatus": "._status",
            **dict.fromkeys(("Tag", "TagKey", "TagValue"), "._tag"),
            **dict.fromkeys(("ExportImageTask", "Percent", "S3ExportLocation"), "._task"),
        },
    )

__all__ = [
    "CancelExportTaskRequest",
    "CancelExportTaskRequestTypeDef",
    "ClientToken",
    "DescribeExportImageTasksPageTypeDef",
    "DescribeExportImageTasksRequest",
    "DescribeExportImageTasksRequestPaginateTypeDef",
    "DescribeExportImageTasksResponse",
    "Description",
    "DiskImageFormat",
    "ExportImageAnswerTypeDef",
    "ExportImageRequest",
    "ExportImageRequestTypeDef",
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
