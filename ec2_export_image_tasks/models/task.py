"""One export image task, as ``DescribeExportImageTasks`` returns it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, cast

from pydantic import BeforeValidator, Field, PlainSerializer

from ._base import FrozenList, ResponseModel, WireStr
from .ids import ExportImageTaskId, ImageId
from .status import ExportImageTaskStatus
from .tag import Tag

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import ExportImageTaskTypeDef, ExportTaskS3LocationTypeDef

# Canonical decimal only, so that the string goes back out exactly as it came in.
_WHOLE_PERCENT = re.compile(r"100|[1-9]?[0-9]")


def _parse_wire_percent(value: object) -> object:
    if isinstance(value, str):
        if _WHOLE_PERCENT.fullmatch(value) is None:
            raise ValueError(f"progress must be a whole percent from '0' to '100', got {value!r}")
        return int(value)
    return value


Percent = Annotated[
    int,
    Field(strict=True, ge=0, le=100),
    BeforeValidator(_parse_wire_percent),
    PlainSerializer(str, return_type=str),
]
"""The wire's ``"45"`` as the int 45; written back as the string."""

Status = Annotated[ExportImageTaskStatus, PlainSerializer(str, return_type=str)]


class S3ExportLocation(ResponseModel):
    """Where the exported image goes (the service's ``ExportTaskS3Location``)."""

    s3_bucket: WireStr | None = None
    s3_prefix: WireStr | None = None

    def to_boto(self) -> ExportTaskS3LocationTypeDef:
        """The boto3 form."""
        return cast("ExportTaskS3LocationTypeDef", self._boto_dict())


class ExportImageTask(ResponseModel):
    """An export image task; every field is optional, as in the service model."""

    description: WireStr | None = None
    export_image_task_id: ExportImageTaskId | None = None
    image_id: ImageId | None = None
    progress: Percent | None = None
    s3_export_location: S3ExportLocation | None = None
    status: Status | None = None
    status_message: WireStr | None = None
    tags: FrozenList[Tag] | None = None

    def to_boto(self) -> ExportImageTaskTypeDef:
        """The boto3 form: what ``model_validate`` took, key for key."""
        return cast("ExportImageTaskTypeDef", self._boto_dict())
