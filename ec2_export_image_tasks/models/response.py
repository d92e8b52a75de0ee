"""One page of ``DescribeExportImageTasks``, as the boto3 paginator yields it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ._base import FrozenList, ResponseModel, WireStr
from .task import ExportImageTask

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import DescribeExportImageTasksResultTypeDef


class DescribeExportImageTasksResponse(ResponseModel, frozen=True):
    """A page; ``ResponseMetadata`` and any key AWS adds later are kept as extra fields."""

    export_image_tasks: FrozenList[ExportImageTask] = ()
    next_token: WireStr | None = None

    def to_boto(self) -> DescribeExportImageTasksResultTypeDef:
        """The page dict boto3 returned."""
        return cast("DescribeExportImageTasksResultTypeDef", self._boto_dict())
