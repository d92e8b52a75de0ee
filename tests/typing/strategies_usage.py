"""User code against the strategies: each is typed as precisely as what it draws."""

from typing import assert_type

from hypothesis.strategies import SearchStrategy

from ec2_export_image_tasks import (
    CancelExportTaskRequest,
    DescribeExportImageTasksResponse,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    Filter,
    Tag,
)
from ec2_export_image_tasks.models import (
    CancelExportTaskRequestTypeDef,
    DescribeExportImageTasksPageTypeDef,
    ExportImageAnswerTypeDef,
    ExportImageRequestTypeDef,
)
from ec2_export_image_tasks.models import DiskImageFormat
from ec2_export_image_tasks.strategies import (
    boto_dicts,
    disk_image_formats,
    model_instances,
    statuses,
    tag_keys,
)


def instances_are_of_the_model_given() -> None:
    assert_type(model_instances(ExportImageTask), SearchStrategy[ExportImageTask])
    assert_type(model_instances(ExportImageRequest), SearchStrategy[ExportImageRequest])
    assert_type(model_instances(Tag), SearchStrategy[Tag])


def dicts_are_what_the_models_to_boto_returns() -> None:
    assert_type(boto_dicts(ExportImageTask).example().get("Progress"), str | None)
    assert_type(boto_dicts(Tag).example().get("Key"), str | None)
    assert_type(boto_dicts(Filter).example().get("Name"), str | None)
    assert_type(
        boto_dicts(DescribeExportImageTasksResponse),
        SearchStrategy[DescribeExportImageTasksPageTypeDef],
    )
    assert_type(boto_dicts(ExportImageRequest), SearchStrategy[ExportImageRequestTypeDef])
    assert_type(boto_dicts(ExportImageResponse), SearchStrategy[ExportImageAnswerTypeDef])
    assert_type(boto_dicts(CancelExportTaskRequest), SearchStrategy[CancelExportTaskRequestTypeDef])


def field_strategies_draw_the_fields_types() -> None:
    assert_type(statuses(), SearchStrategy[ExportImageTaskStatus])
    assert_type(disk_image_formats(), SearchStrategy[DiskImageFormat])
    assert_type(tag_keys(), SearchStrategy[str])


def misuse() -> None:
    _request: ExportImageRequestTypeDef = boto_dicts(Tag).example()  # expect-error
    _tag: SearchStrategy[Tag] = model_instances(ExportImageTask)  # expect-error
    boto_dicts(dict)  # expect-error
