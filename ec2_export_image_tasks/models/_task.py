"""One export image task, as ``DescribeExportImageTasks`` returns it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, cast

from pydantic_core import CoreSchema, core_schema

from ._any_case import AnyCase
from ._base import FrozenList, ResponseModel, WireStr
from ._ids import ExportImageTaskId, ImageId
from ._status import ExportImageTaskStatus
from ._tag import Tag

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

    from ._boto_types import ExportImageTaskTypeDef, ExportTaskS3LocationTypeDef


__all__ = [
    "ExportImageTask",
    "ExportImageTaskFields",
    "Percent",
    "S3ExportLocation",
]


class _WirePercent:
    """The wire's ``"45"`` as the int 45, written back as the string; an int 0..100 too.

    Canonical decimal only ("045" is refused), so that the string goes back out exactly as it
    came in. Built from pydantic-core's own schemas: no Python call per item.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        whole_percent = core_schema.int_schema(strict=True, ge=0, le=100)
        wire_string = core_schema.chain_schema(
            [
                core_schema.str_schema(strict=True, pattern=r"^(?:100|[1-9]?[0-9])$"),
                core_schema.int_schema(),
            ]
        )
        return core_schema.union_schema(
            [wire_string, whole_percent],
            mode="left_to_right",
            custom_error_type="percent",
            custom_error_message="Progress must be a whole percent from 0 to 100, like '45'",
            serialization=core_schema.to_string_ser_schema(when_used="always"),
        )


Percent = Annotated[int, _WirePercent()]
"""A whole percent 0..100; ``"45"`` on the wire."""


Status = Annotated[ExportImageTaskStatus, AnyCase()]
"""A task's status as EC2 writes it, in any letter case; the documented (lowercase) one out."""


class S3ExportLocation(ResponseModel, frozen=True):
    """Where the exported image goes (the service's ``ExportTaskS3Location``)."""

    s3_bucket: WireStr | None = None
    s3_prefix: WireStr | None = None

    def to_boto(self) -> ExportTaskS3LocationTypeDef:
        """The boto3 form."""
        return cast("ExportTaskS3LocationTypeDef", self._boto_dict())


class ExportImageTaskFields(ResponseModel, frozen=True):
    """What EC2 says of an export image task wherever it describes one: in
    ``DescribeExportImageTasks`` and in ``ExportImage``'s answer; every field optional, as in the
    service model."""

    description: WireStr | None = None
    export_image_task_id: ExportImageTaskId | None = None
    image_id: ImageId | None = None
    progress: Percent | None = None
    s3_export_location: S3ExportLocation | None = None
    status: Status | None = None
    status_message: WireStr | None = None
    tags: FrozenList[Tag] | None = None


class ExportImageTask(ExportImageTaskFields, frozen=True):
    """An export image task; every field is optional, as in the service model."""

    def to_boto(self) -> ExportImageTaskTypeDef:
        """The boto3 form: what ``model_validate`` took, key for key."""
        return cast("ExportImageTaskTypeDef", self._boto_dict())
