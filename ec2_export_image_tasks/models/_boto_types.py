"""boto3 TypedDicts that are true of what ``to_boto()`` returns, where boto3-stubs' are not.

boto3-stubs types the results of ``DescribeExportImageTasks`` and ``ExportImage`` as what the
client returns on a good day: ``ExportImageResultTypeDef`` has every key required, so
``answer["ExportImageTaskId"]`` would type-check and raise ``KeyError`` on an answer that left
it out (EC2 may: every member of the result is optional in its service model). A page built by
``build_full_result()`` has no ``ResponseMetadata``, and an empty page built by hand no
``ExportImageTasks``. The TypedDicts here make every key EC2 may omit ``NotRequired``, so type
checkers ask for ``.get(...)``. The items (a task, a location, a tag) keep the stubs' types,
which are already true of every value; so a page's tasks pass on wherever the stubs' go.

Defined at run time (importable), but the stubs it names are read by type checkers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import (
        ExportImageTaskTypeDef,
        ExportTaskS3LocationTypeDef,
        ResponseMetadataTypeDef,
        TagTypeDef,
    )

__all__ = ["DescribeExportImageTasksPageTypeDef", "ExportImageAnswerTypeDef"]


class DescribeExportImageTasksPageTypeDef(TypedDict):
    """A page of ``DescribeExportImageTasks`` in boto3's form; every key may be absent."""

    ExportImageTasks: NotRequired[list[ExportImageTaskTypeDef]]
    NextToken: NotRequired[str]
    ResponseMetadata: NotRequired[ResponseMetadataTypeDef]


class ExportImageAnswerTypeDef(TypedDict):
    """``ExportImage``'s answer in boto3's form; every key may be absent, as EC2 may omit it.

    The keys and value types of boto3-stubs' ``ExportImageResultTypeDef``, none required.
    """

    Description: NotRequired[str]
    DiskImageFormat: NotRequired[Literal["VHD", "RAW", "VMDK"]]
    ExportImageTaskId: NotRequired[str]
    ImageId: NotRequired[str]
    RoleName: NotRequired[str]
    Progress: NotRequired[str]
    S3ExportLocation: NotRequired[ExportTaskS3LocationTypeDef]
    Status: NotRequired[str]
    StatusMessage: NotRequired[str]
    Tags: NotRequired[list[TagTypeDef]]
    ResponseMetadata: NotRequired[ResponseMetadataTypeDef]
