"""boto3 TypedDicts that are true of what ``to_boto()`` returns, where boto3-stubs' are not.

boto3-stubs types a ``DescribeExportImageTasks`` result with ``ExportImageTasks`` and
``ResponseMetadata`` required: true of what the client returns, not of every page. A page built
by ``build_full_result()`` has no ``ResponseMetadata``, and an empty page built by hand has no
``ExportImageTasks``; with the stubs' type, ``page["ResponseMetadata"]`` would type-check and
raise ``KeyError``. The items keep the stubs' types, which are right.

Defined at run time (importable), but the stubs it names are read by type checkers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NotRequired, TypedDict

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import ExportImageTaskTypeDef, ResponseMetadataTypeDef

__all__ = ["DescribeExportImageTasksPageTypeDef"]


class DescribeExportImageTasksPageTypeDef(TypedDict):
    """A page of ``DescribeExportImageTasks`` in boto3's form; every key may be absent."""

    ExportImageTasks: NotRequired[list[ExportImageTaskTypeDef]]
    NextToken: NotRequired[str]
    ResponseMetadata: NotRequired[ResponseMetadataTypeDef]
