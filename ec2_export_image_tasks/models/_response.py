"""One page of ``DescribeExportImageTasks``, as the boto3 paginator yields it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ._base import FrozenList, ResponseModel, WireStr
from ._task import ExportImageTask

if TYPE_CHECKING:
    from ._boto_types import DescribeExportImageTasksPageTypeDef

__all__ = ["DescribeExportImageTasksResponse"]


class DescribeExportImageTasksResponse(ResponseModel, frozen=True):
    """A page; ``ResponseMetadata`` and any key AWS adds later are kept as extra fields."""

    export_image_tasks: FrozenList[ExportImageTask] = ()
    next_token: WireStr | None = None

    def to_boto(self) -> DescribeExportImageTasksPageTypeDef:
        """The page dict boto3 returned; a key that was absent stays absent."""
        return cast("DescribeExportImageTasksPageTypeDef", self._boto_dict())
