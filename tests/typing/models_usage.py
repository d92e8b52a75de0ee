"""User code against the models: precise types, and misuse the checkers must reject."""

from typing import assert_type

from mypy_boto3_ec2.type_defs import ExportImageTaskTypeDef, FilterTypeDef, TagTypeDef

from ec2_export_image_tasks import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    Filter,
    S3ExportLocation,
    Tag,
)
from ec2_export_image_tasks import ExportImageTsk  # expect-error

task = ExportImageTask.model_validate({"ExportImageTaskId": "export-ami-0123abcd"})
assert_type(task, ExportImageTask)
assert_type(task.progress, int | None)
assert_type(task.status, ExportImageTaskStatus | None)
assert_type(task.tags, tuple[Tag, ...] | None)
assert_type(task.s3_export_location, S3ExportLocation | None)
assert_type(task.export_image_task_id, str | None)
assert_type(task.to_boto(), ExportImageTaskTypeDef)

tag = Tag(key="team", value="imaging")
assert_type(tag.key, str)
assert_type(tag.to_boto(), TagTypeDef)
assert_type(Filter.task_state(ExportImageTaskStatus.ACTIVE), Filter)
assert_type(Filter.task_state(ExportImageTaskStatus.ACTIVE).to_boto(), FilterTypeDef)
page = DescribeExportImageTasksResponse.model_validate({"ExportImageTasks": []})
assert_type(page.export_image_tasks, tuple[ExportImageTask, ...])
assert_type(page.next_token, str | None)
request = DescribeExportImageTasksRequest(dry_run=True, filters=(Filter.task_state(),))
assert_type(request.dry_run, bool | None)

Tag(key=1)  # expect-error
Tag(kee="team")  # expect-error
ExportImageTask(progress="45")  # expect-error
ExportImageTask(status="active")  # expect-error
wrong_shape: FilterTypeDef = tag.to_boto()  # expect-error
progress: str = task.progress  # expect-error
