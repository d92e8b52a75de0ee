"""``ExportImage`` and ``CancelExportTask``: start an export, stop it; checked before sending.

Names and wire forms are botocore's EC2 service model's (``ExportImageRequest``,
``ExportImageResult``, ``CancelExportTaskRequest``); the limits are AWS's documented ones, each
cited where it is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, cast

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    StrictBool,
    StringConstraints,
    field_validator,
)
from pydantic_core import CoreSchema, core_schema

from ._any_case import AnyCase
from ._base import CoreCheck, FrozenList, RequestModel, WireStr
from ._facts import (
    BUCKET_NAME_CHARACTERS,
    BUCKET_NAME_LENGTH,
    BUCKET_PREFIXES,
    BUCKET_SUFFIXES,
    EXPORT_IMAGE_TASK_ID_PREFIX,
    EXPORT_INSTANCE_TASK_ID_PREFIX,
    EXPORT_TASK_ID_PATTERN,
    MAX_CLIENT_TOKEN,
    MAX_DESCRIPTION,
    MAX_ROLE_NAME,
    ROLE_NAME_CHARACTERS,
    TaggedResourceType,
    tag_keys_problem,
)
from ._ids import ImageId
from ._tag import Tag
from ._task import ExportImageTaskFields

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaValue

    from ._boto_types import (
        CancelExportTaskRequestTypeDef,
        ExportImageAnswerTypeDef,
        ExportImageRequestTypeDef,
        ExportTaskS3LocationRequestTypeDef,
        TagSpecificationTypeDef,
    )

__all__ = [
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
]


class DiskImageFormat(StrEnum):
    """The file an AMI is exported as (the service model's ``DiskImageFormat`` enum)."""

    VMDK = "VMDK"
    RAW = "RAW"
    VHD = "VHD"


def _text_only(value: object) -> object:
    # A lax enum also takes b"VMDK"; like every other text field here, only a str is text.
    if isinstance(value, bytes | bytearray):
        raise ValueError("must be a str, not bytes")
    return value


WireDiskImageFormat = Annotated[
    DiskImageFormat, BeforeValidator(_text_only), PlainSerializer(str, return_type=str)
]
"""``"VMDK"``, ``"RAW"`` or ``"VHD"`` in a request; exactly these spellings."""

AnswerDiskImageFormat = Annotated[DiskImageFormat, AnyCase()]
"""The format as EC2's answer writes it, in any letter case (``"vmdk"``); ``"VMDK"`` out."""


@dataclass(frozen=True, slots=True)
class _Matching:
    """``Annotated`` metadata: a regex check in pydantic-core whose failure says ``message``.

    Strings only, unlike a :class:`CoreCheck` holding its schema, so that it hashes and the
    type can be made optional with ``| None``.
    """

    pattern: str
    error_type: str
    message: str

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        check = core_schema.custom_error_schema(
            core_schema.str_schema(pattern=self.pattern),
            custom_error_type=self.error_type,
            custom_error_message=self.message,
        )
        return CoreCheck(check, json_schema={"pattern": self.pattern}).__get_pydantic_core_schema__(
            source, handler
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # pydantic asks this metadata, not the CoreCheck built above, what it adds.
        return handler(schema) | {"pattern": self.pattern}


ExportTaskId = Annotated[
    str,
    StringConstraints(strict=True),
    _Matching(
        EXPORT_TASK_ID_PATTERN,
        "export_task_id",
        f"An export task id is {EXPORT_IMAGE_TASK_ID_PREFIX} (an image's) or "
        f"{EXPORT_INSTANCE_TASK_ID_PREFIX} (an instance's), then 8 or 17 lowercase hex digits",
    ),
]
"""What ``CancelExportTask`` takes: an image export's id or an instance export's."""

RoleName = Annotated[
    str,
    StringConstraints(strict=True),
    _Matching(
        f"^[{ROLE_NAME_CHARACTERS}]{{1,{MAX_ROLE_NAME}}}$",
        "role_name",
        f"An IAM role name is 1 to {MAX_ROLE_NAME} of: letters, digits and _+=,.@-",
    ),
]
"""An IAM role name; the service uses the role named ``vmimport`` when none is given."""

ClientToken = Annotated[
    str,
    StringConstraints(strict=True),
    # An empty token idempotizes nothing.
    _Matching(
        rf"^[\x00-\x7f]{{1,{MAX_CLIENT_TOKEN}}}$",
        "client_token",
        f"A client token is 1 to {MAX_CLIENT_TOKEN} ASCII characters",
    ),
]
"""EC2's idempotency token; botocore generates one (a UUID) when none is given."""

Description = Annotated[str, StringConstraints(strict=True, max_length=MAX_DESCRIPTION)]
"""At most 255 characters, as ``ExportImage`` documents."""

_NOT_BUCKET_CHARACTER = re.compile(f"[^{BUCKET_NAME_CHARACTERS}]")
_IP_ADDRESS_FORM = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}")


def _s3_bucket_name(name: str) -> str:
    """S3's general purpose bucket naming rules (Amazon S3 User Guide, "General purpose bucket
    naming rules"), which a destination of ``ExportImage`` must follow.

    Not checked here: uniqueness, and the bucket's existence (EC2 answers for those). Legacy
    us-east-1 names from before March 2018, which may hold capitals or underscores, are refused.
    """
    shortest, longest = BUCKET_NAME_LENGTH
    if not shortest <= len(name) <= longest:
        raise ValueError(
            f"a bucket name is {shortest} to {longest} characters long, not {len(name)}"
        )
    if bad := _NOT_BUCKET_CHARACTER.search(name):
        raise ValueError(
            f"a bucket name holds only lowercase letters, digits, dots and hyphens, not {bad[0]!r}"
        )
    if not (name[0].isalnum() and name[-1].isalnum()):
        raise ValueError("a bucket name begins and ends with a letter or a digit")
    if ".." in name:
        raise ValueError("a bucket name has no two adjacent dots")
    if _IP_ADDRESS_FORM.fullmatch(name):
        raise ValueError("a bucket name is not formatted as an IP address")
    if name.startswith(BUCKET_PREFIXES):
        raise ValueError(f"a bucket name does not begin with any of {', '.join(BUCKET_PREFIXES)}")
    if name.endswith(BUCKET_SUFFIXES):
        raise ValueError(f"a bucket name does not end with any of {', '.join(BUCKET_SUFFIXES)}")
    return name


_BUCKET_NAME_SHAPE = (
    f"^[a-z0-9][{BUCKET_NAME_CHARACTERS}]"
    f"{{{BUCKET_NAME_LENGTH[0] - 2},{BUCKET_NAME_LENGTH[1] - 2}}}[a-z0-9]$"
)

_BUCKET_NAME_REFUSED = (
    r"\.\.",
    f"^{_IP_ADDRESS_FORM.pattern}$",
    f"^(?:{'|'.join(map(re.escape, BUCKET_PREFIXES))})",
    f"(?:{'|'.join(map(re.escape, BUCKET_SUFFIXES))})$",
)
"""The naming rules beyond the shape, as patterns a name must not match (for the JSON Schema)."""

S3BucketName = Annotated[
    str,
    StringConstraints(strict=True),
    AfterValidator(_s3_bucket_name),
    Field(json_schema_extra={"allOf": [{"not": {"pattern": p}} for p in _BUCKET_NAME_REFUSED]}),
    # Already true of a name the rules took; said as a pattern so that the JSON Schema and the
    # strategies know the shape of a bucket name (a check in Rust, no Python call).
    _Matching(
        _BUCKET_NAME_SHAPE,
        "s3_bucket_name",
        "A bucket name is lowercase letters, digits, dots and hyphens, "
        f"{BUCKET_NAME_LENGTH[0]} to {BUCKET_NAME_LENGTH[1]} of them",
    ),
]
"""A general purpose S3 bucket name, by S3's naming rules."""


class ExportTaskS3LocationRequest(RequestModel, frozen=True):
    """Where the exported file goes; the bucket must exist (EC2 checks that, not this model)."""

    s3_bucket: S3BucketName
    s3_prefix: WireStr | None = None

    def to_boto(self) -> ExportTaskS3LocationRequestTypeDef:
        """The boto3 form."""
        return cast("ExportTaskS3LocationRequestTypeDef", self._boto_dict())


class TagSpecification(RequestModel, frozen=True):
    """Tags for the new export image task; ``ExportImage`` tags nothing else."""

    resource_type: TaggedResourceType
    # The JSON Schema's Tag keeps unknown keys, as in an answer; here they are refused.
    tags: Annotated[
        FrozenList[Tag] | None,
        Field(json_schema_extra={"items": {"propertyNames": {"enum": ["Key", "Value"]}}}),
    ] = None

    @field_validator("tags")
    @classmethod
    def _no_unknown_keys(cls, tags: tuple[Tag, ...] | None) -> tuple[Tag, ...] | None:
        # Tag keeps unknown keys (it reads responses too); in a request they are typos.
        for tag in tags or ():
            for key in tag.model_extra or {}:
                raise ValueError(f"unknown key {key!r} in the tag {tag.key!r}")
        return tags

    def to_boto(self) -> TagSpecificationTypeDef:
        """The boto3 form."""
        return cast("TagSpecificationTypeDef", self._boto_dict())


class ExportImageRequest(RequestModel, frozen=True):
    """``ExportImage``'s parameters; a bad one is refused here, before anything is sent."""

    client_token: ClientToken | None = None
    description: Description | None = None
    disk_image_format: WireDiskImageFormat
    dry_run: StrictBool | None = None
    image_id: ImageId
    role_name: RoleName | None = None
    s3_export_location: ExportTaskS3LocationRequest
    tag_specifications: FrozenList[TagSpecification] | None = None

    @field_validator("tag_specifications")
    @classmethod
    def _tags_fit_one_task(
        cls, specifications: tuple[TagSpecification, ...] | None
    ) -> tuple[TagSpecification, ...] | None:
        # Every specification tags the same task: keys are unique, and count, across them all.
        given = specifications or ()
        problem = tag_keys_problem([tag.key for spec in given for tag in spec.tags or ()])
        if problem is not None:
            raise ValueError(problem)
        return specifications

    def to_boto(self) -> ExportImageRequestTypeDef:
        """The keyword arguments for boto3's ``export_image(**...)``."""
        return cast("ExportImageRequestTypeDef", self._boto_dict())


class ExportImageResponse(ExportImageTaskFields, frozen=True):
    """``ExportImage``'s answer: the new task, with the fields and types :class:`ExportImageTask`
    has, and the format and role it was started with.

    ``ResponseMetadata`` and any key AWS adds later are kept as extra fields.
    """

    disk_image_format: AnswerDiskImageFormat | None = None
    role_name: WireStr | None = None

    def to_boto(self) -> ExportImageAnswerTypeDef:
        """The dict boto3's ``export_image`` returned; a key that was absent stays absent."""
        return cast("ExportImageAnswerTypeDef", self._boto_dict())


class CancelExportTaskRequest(RequestModel, frozen=True):
    """``CancelExportTask``'s one parameter."""

    export_task_id: ExportTaskId

    def to_boto(self) -> CancelExportTaskRequestTypeDef:
        """The keyword arguments for boto3's ``cancel_export_task(**...)``."""
        return cast("CancelExportTaskRequestTypeDef", self._boto_dict())
