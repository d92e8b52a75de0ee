"""boto3's dict forms of EC2's export shapes, defined here so that no stub family is needed.

Each TypedDict has the keys and value types of the one of the same name in boto3-stubs
(``mypy_boto3_ec2.type_defs``) and types-boto3 (``types_boto3_ec2.type_defs``), which one
generator writes alike. TypedDicts are structural: what ``to_boto()`` returns passes on wherever
either family's TypedDict of that name is taken, and theirs unpack into this package's
``**kwargs``. A user with neither family still gets these precise types.

Two are this package's own, as the stubs' are not true of every answer: boto3-stubs' results of
``DescribeExportImageTasks`` and ``ExportImage`` have every key required, so
``answer["ExportImageTaskId"]`` would type-check and raise ``KeyError`` on an answer that left
it out (EC2 may: every member of the result is optional in its service model). A page built by
``build_full_result()`` has no ``ResponseMetadata``, and an empty page built by hand no
``ExportImageTasks``. :class:`DescribeExportImageTasksPageTypeDef` and
:class:`ExportImageAnswerTypeDef` make every key EC2 may omit ``NotRequired``, so type checkers
ask for ``.get(...)``.

A TypedDict's values are invariant, so each value type here is the stubs' exactly (``list``
where theirs is ``list``, ``Sequence`` where theirs is ``Sequence``), with one exception:
:data:`ResourceType`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "CancelExportTaskRequestTypeDef",
    "DescribeExportImageTasksPageTypeDef",
    "DescribeExportImageTasksRequestPaginateTypeDef",
    "DiskImageFormatType",
    "ExportImageAnswerTypeDef",
    "ExportImageRequestTypeDef",
    "ExportImageTaskTypeDef",
    "ExportTaskS3LocationRequestTypeDef",
    "ExportTaskS3LocationTypeDef",
    "FilterTypeDef",
    "PaginatorConfigTypeDef",
    "ResourceType",
    "ResponseMetadataTypeDef",
    "TagSpecificationOutputTypeDef",
    "TagSpecificationTypeDef",
    "TagTypeDef",
]

DiskImageFormatType = Literal["RAW", "VHD", "VMDK"]
"""The stubs' ``DiskImageFormatType``: EC2's disk image formats, in boto3's form."""

ResourceType = Any
"""A tag specification's ``ResourceType``: ``Any`` on purpose, the one ``Any`` here.

The stubs type it as the ``Literal`` of every EC2 resource type, which grows with each release
(96 names in 1.40, 112 in 1.43); a TypedDict's values are invariant, so no fixed type would
let a tag specification pass between this package and more than one release of the stubs.
The value is checked where it matters: :class:`TagSpecification` takes only
``"export-image-task"``, before anything is sent.
"""


class TagTypeDef(TypedDict):
    """A tag in boto3's form."""

    Key: NotRequired[str]
    Value: NotRequired[str]


class FilterTypeDef(TypedDict):
    """A ``DescribeExportImageTasks`` filter in boto3's form."""

    Name: NotRequired[str]
    Values: NotRequired[Sequence[str]]


class PaginatorConfigTypeDef(TypedDict):
    """botocore's ``PaginationConfig``."""

    MaxItems: NotRequired[int]
    PageSize: NotRequired[int]
    StartingToken: NotRequired[str]


class DescribeExportImageTasksRequestPaginateTypeDef(TypedDict):
    """The keyword arguments of ``paginate()`` for ``DescribeExportImageTasks``."""

    DryRun: NotRequired[bool]
    Filters: NotRequired[Sequence[FilterTypeDef]]
    ExportImageTaskIds: NotRequired[Sequence[str]]
    PaginationConfig: NotRequired[PaginatorConfigTypeDef]


class ExportTaskS3LocationTypeDef(TypedDict):
    """Where a task writes its image, as EC2 reports it."""

    S3Bucket: NotRequired[str]
    S3Prefix: NotRequired[str]


class ExportImageTaskTypeDef(TypedDict):
    """An export image task in boto3's form; EC2 may leave out any key."""

    Description: NotRequired[str]
    ExportImageTaskId: NotRequired[str]
    ImageId: NotRequired[str]
    Progress: NotRequired[str]
    S3ExportLocation: NotRequired[ExportTaskS3LocationTypeDef]
    Status: NotRequired[str]
    StatusMessage: NotRequired[str]
    Tags: NotRequired[list[TagTypeDef]]


class ResponseMetadataTypeDef(TypedDict):
    """What botocore adds to every answer it parses."""

    RequestId: str
    HTTPStatusCode: int
    HTTPHeaders: dict[str, str]
    RetryAttempts: int
    HostId: NotRequired[str]


class ExportTaskS3LocationRequestTypeDef(TypedDict):
    """Where an export is to write its image."""

    S3Bucket: str
    S3Prefix: NotRequired[str]


class TagSpecificationTypeDef(TypedDict):
    """Tags for the export task ``ExportImage`` starts."""

    ResourceType: NotRequired[ResourceType]
    Tags: NotRequired[Sequence[TagTypeDef]]


class TagSpecificationOutputTypeDef(TypedDict):
    """A tag specification as boto3 returns one (its tags a ``list``)."""

    ResourceType: NotRequired[ResourceType]
    Tags: NotRequired[list[TagTypeDef]]


class ExportImageRequestTypeDef(TypedDict):
    """The keyword arguments of ``ExportImage``."""

    DiskImageFormat: DiskImageFormatType
    ImageId: str
    S3ExportLocation: ExportTaskS3LocationRequestTypeDef
    ClientToken: NotRequired[str]
    Description: NotRequired[str]
    DryRun: NotRequired[bool]
    RoleName: NotRequired[str]
    TagSpecifications: NotRequired[
        Sequence[TagSpecificationTypeDef | TagSpecificationOutputTypeDef]
    ]


class CancelExportTaskRequestTypeDef(TypedDict):
    """The keyword arguments of ``CancelExportTask``."""

    ExportTaskId: str


class DescribeExportImageTasksPageTypeDef(TypedDict):
    """A page of ``DescribeExportImageTasks`` in boto3's form; every key may be absent."""

    ExportImageTasks: NotRequired[list[ExportImageTaskTypeDef]]
    NextToken: NotRequired[str]
    ResponseMetadata: NotRequired[ResponseMetadataTypeDef]


class ExportImageAnswerTypeDef(TypedDict):
    """``ExportImage``'s answer in boto3's form; every key may be absent, as EC2 may omit it.

    The keys and value types of the stubs' ``ExportImageResultTypeDef``, none required.
    """

    Description: NotRequired[str]
    DiskImageFormat: NotRequired[DiskImageFormatType]
    ExportImageTaskId: NotRequired[str]
    ImageId: NotRequired[str]
    RoleName: NotRequired[str]
    Progress: NotRequired[str]
    S3ExportLocation: NotRequired[ExportTaskS3LocationTypeDef]
    Status: NotRequired[str]
    StatusMessage: NotRequired[str]
    Tags: NotRequired[list[TagTypeDef]]
    ResponseMetadata: NotRequired[ResponseMetadataTypeDef]
