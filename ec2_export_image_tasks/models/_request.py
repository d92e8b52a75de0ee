"""The request side: the paginator's DryRun, Filters, ExportImageTaskIds and PaginationConfig."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar, Self, cast

from pydantic import (
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from ._base import FrozenList, RequestModel, WireStr
from ._facts import MAX_PAGE_SIZE, TASK_STATE_FILTER
from ._ids import ExportImageTaskId
from ._status import ExportImageTaskStatus

if TYPE_CHECKING:
    from ._boto_types import (
        DescribeExportImageTasksRequestPaginateTypeDef,
        FilterTypeDef,
        PaginatorConfigTypeDef,
    )

__all__ = ["DescribeExportImageTasksRequest", "Filter", "PaginationConfig"]

_STATE_VALUES = frozenset(status.value for status in ExportImageTaskStatus)
_STATES = ", ".join(repr(status.value) for status in ExportImageTaskStatus)


class Filter(RequestModel, frozen=True):
    """A filter; ``task-state`` values must be statuses, since EC2 matches them case-sensitively."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        json_schema_extra={
            "if": {"properties": {"Name": {"const": TASK_STATE_FILTER}}},
            "then": {
                "properties": {
                    "Values": {
                        "items": {"enum": [status.value for status in ExportImageTaskStatus]}
                    }
                }
            },
        }
    )

    name: Annotated[str, StringConstraints(strict=True, min_length=1)]
    values: Annotated[FrozenList[WireStr], Field(min_length=1)]

    @field_validator("values")
    @classmethod
    def _task_states_are_statuses(
        cls, values: tuple[str, ...], info: ValidationInfo
    ) -> tuple[str, ...]:
        if info.data.get("name") == TASK_STATE_FILTER:
            for value in values:
                if value not in _STATE_VALUES:
                    raise ValueError(f"{value!r} is not a task-state; use one of {_STATES}")
        return values

    @classmethod
    def task_state(cls, *statuses: ExportImageTaskStatus) -> Self:
        """The ``task-state`` filter matching any of ``statuses``."""
        return cls(name=TASK_STATE_FILTER, values=tuple(str(status) for status in statuses))

    def to_boto(self) -> FilterTypeDef:
        """The boto3 form."""
        return cast("FilterTypeDef", self._boto_dict())


class PaginationConfig(RequestModel, frozen=True):
    """botocore's ``PaginationConfig``, with the service's limits checked before sending."""

    max_items: Annotated[StrictInt, Field(ge=1)] | None = None
    # The service's MaxResults range; botocore itself checks only the minimum.
    page_size: Annotated[StrictInt, Field(ge=1, le=MAX_PAGE_SIZE)] | None = None
    starting_token: Annotated[str, StringConstraints(strict=True, min_length=1)] | None = None

    def to_boto(self) -> PaginatorConfigTypeDef:
        """The boto3 form."""
        return cast("PaginatorConfigTypeDef", self._boto_dict())


class DescribeExportImageTasksRequest(RequestModel, frozen=True):
    """The paginator's keyword arguments: exactly those of boto3's ``paginate()``."""

    dry_run: StrictBool | None = None
    filters: FrozenList[Filter] | None = None
    export_image_task_ids: FrozenList[ExportImageTaskId] | None = None
    pagination_config: PaginationConfig | None = None

    def to_boto(self) -> DescribeExportImageTasksRequestPaginateTypeDef:
        """The keyword arguments for boto3's ``paginate(**...)``."""
        return cast("DescribeExportImageTasksRequestPaginateTypeDef", self._boto_dict())
