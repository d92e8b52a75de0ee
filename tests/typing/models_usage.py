"""User code against the models: the types users touch, and misuse both checkers must reject."""

from collections.abc import Sequence
from typing import assert_type

from pydantic import ValidationError

from ec2_export_image_tasks import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    Filter,
    PaginationConfig,
    S3ExportLocation,
    Tag,
)
from ec2_export_image_tasks.models import (
    DescribeExportImageTasksPageTypeDef,
    DescribeExportImageTasksRequestPaginateTypeDef,
)
from ec2_export_image_tasks import ExportImageTsk  # expect-error


def reading_a_task() -> None:
    task = ExportImageTask.model_validate({"ExportImageTaskId": "export-ami-0123abcd"})
    assert_type(task, ExportImageTask)
    assert_type(task.description, str | None)
    assert_type(task.export_image_task_id, str | None)
    assert_type(task.image_id, str | None)
    assert_type(task.progress, int | None)
    assert_type(task.status, ExportImageTaskStatus | None)
    assert_type(task.status_message, str | None)
    assert_type(task.s3_export_location, S3ExportLocation | None)
    assert_type(task.tags, Sequence[Tag] | None)
    assert_type(task.to_boto().get("Progress"), str | None)
    assert_type(task.to_boto().get("Tags", [])[0].get("Key"), str | None)
    assert_type(task.status == "active", bool)

    task.progress = "45"  # expect-error
    _as_text: str = ExportImageTask().progress  # expect-error
    task.to_boto()["Percent"]  # expect-error


def building_a_task() -> None:
    task = ExportImageTask(
        export_image_task_id="export-ami-0123456789abcdef0",
        progress=45,
        status=ExportImageTaskStatus.ACTIVE,
        s3_export_location=S3ExportLocation(s3_bucket="exports", s3_prefix="images/"),
        tags=(Tag(key="team", value="imaging"),),
    )
    assert_type(task, ExportImageTask)

    ExportImageTask(progress="45")  # expect-error
    ExportImageTask(status="active")  # expect-error
    ExportImageTask(export_image_task_ids="export-ami-0123abcd")  # expect-error


def tags_and_locations() -> None:
    tag = Tag(key="team", value="imaging")
    assert_type(Tag.model_validate({"Key": "team"}), Tag)
    assert_type(tag.key, str)
    assert_type(tag.value, str)
    assert_type(tag.to_boto().get("Key"), str | None)
    location = S3ExportLocation(s3_bucket="exports")
    assert_type(location.s3_bucket, str | None)
    assert_type(location.s3_prefix, str | None)
    assert_type(location.to_boto().get("S3Prefix"), str | None)

    Tag(key=1)  # expect-error
    Tag(kee="team")  # expect-error
    Tag(value="imaging")  # expect-error
    S3ExportLocation(s3_bucket=b"exports")  # expect-error


def any_sequence_builds_a_model(ids: list[str]) -> None:
    # Lists as boto3 gives them, or any sequence; the model holds a tuple either way.
    Filter(name="task-state", values=["active", "deleting"])
    DescribeExportImageTasksRequest(export_image_task_ids=ids, filters=[Filter.task_state()])
    ExportImageTask(tags=[Tag(key="team")])
    DescribeExportImageTasksResponse(export_image_tasks=[ExportImageTask()])

    # A str is a Sequence[str] to type checkers: values="active" is refused at run time only.
    Filter(name="task-state", values=[1])  # expect-error
    ExportImageTask(tags=[{"Key": "team"}])  # expect-error
    DescribeExportImageTasksRequest(export_image_task_ids={"ami": 1})  # expect-error


def building_a_request() -> None:
    state = Filter.task_state(ExportImageTaskStatus.ACTIVE, ExportImageTaskStatus.DELETING)
    assert_type(state, Filter)
    assert_type(state.name, str)
    assert_type(state.values, Sequence[str])
    assert_type(state.to_boto().get("Values"), Sequence[str] | None)
    config = PaginationConfig(max_items=50, page_size=25)
    assert_type(config.max_items, int | None)
    assert_type(config.page_size, int | None)
    assert_type(config.starting_token, str | None)
    assert_type(config.to_boto().get("MaxItems"), int | None)
    request = DescribeExportImageTasksRequest(filters=(state,), pagination_config=config)
    assert_type(request.dry_run, bool | None)
    assert_type(request.filters, Sequence[Filter] | None)
    assert_type(request.export_image_task_ids, Sequence[str] | None)
    assert_type(request.pagination_config, PaginationConfig | None)
    assert_type(request.to_boto(), DescribeExportImageTasksRequestPaginateTypeDef)

    Filter.task_state("active")  # expect-error
    PaginationConfig(page_size="25")  # expect-error
    DescribeExportImageTasksRequest(dry_run="yes")  # expect-error
    _request: DescribeExportImageTasksRequestPaginateTypeDef = state.to_boto()  # expect-error


def reading_a_page(answer: dict[str, object]) -> None:
    page = DescribeExportImageTasksResponse.model_validate(answer)
    assert_type(page, DescribeExportImageTasksResponse)
    assert_type(page.export_image_tasks, Sequence[ExportImageTask])
    assert_type(page.next_token, str | None)
    assert_type(page.to_boto(), DescribeExportImageTasksPageTypeDef)
    # A page built by build_full_result() has no ResponseMetadata: the type says it may be absent.
    metadata = page.to_boto().get("ResponseMetadata")
    if metadata is not None:
        assert_type(metadata["RequestId"], str)
        assert_type(metadata.get("HostId"), str | None)
    for boto_task in page.to_boto().get("ExportImageTasks", []):
        assert_type(boto_task.get("Status"), str | None)

    page.export_image_tasks.append(ExportImageTask())  # expect-error
    page.next_token = None  # expect-error
    ExportImageTask().progress = 45  # expect-error
    Tag(key="team").value = "imaging"  # expect-error
    PaginationConfig().page_size = 10  # expect-error


def handling_invalid_input(boto: dict[str, object]) -> None:
    try:
        Tag.model_validate(boto)
    except ValidationError as error:
        _caught: ValueError = error
        assert_type(error.error_count(), int)
