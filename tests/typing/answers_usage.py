"""User code reading answers: a key EC2 may leave out is optional in what ``to_boto()`` returns.

Each unguarded read of such a key carries the ignore a checker needs; an ignore that is no
longer needed is an error (mypy --strict warns of unused ignores; pyright by the comment
below), so a key made required again fails this file. ``.get(...)`` is accepted everywhere.
That each dict passes on wherever a stub family's TypedDict for it is taken, and never where
the family's dishonest result type is, is shown per family (``boto3_stubs/``, ``types_boto3/``).
"""
# pyright: reportUnnecessaryTypeIgnoreComment=error

from typing import Literal, TypedDict, assert_type

from ec2_export_image_tasks import (
    DescribeExportImageTasksResponse,
    ExportImageResponse,
    ExportImageTask,
    S3ExportLocation,
    Tag,
)
from ec2_export_image_tasks.models import (
    DescribeExportImageTasksPageTypeDef,
    ExportImageAnswerTypeDef,
)


class HasATaskId(TypedDict):
    """Code that counts on the id being there: only a dict that must hold it is one."""

    ExportImageTaskId: str


def reading_an_export_answer(answer: ExportImageResponse) -> None:
    boto = answer.to_boto()
    assert_type(boto, ExportImageAnswerTypeDef)
    assert_type(boto.get("ExportImageTaskId"), str | None)
    assert_type(boto.get("DiskImageFormat"), Literal["VHD", "RAW", "VMDK"] | None)
    location = boto.get("S3ExportLocation")
    if location is not None:
        assert_type(location.get("S3Bucket"), str | None)
    assert_type([tag.get("Key") for tag in boto.get("Tags", [])], list[str | None])
    metadata = boto.get("ResponseMetadata")
    if metadata is not None:
        assert_type(metadata["RequestId"], str)
    if "ExportImageTaskId" in boto:
        assert_type(boto["ExportImageTaskId"], str)

    boto["ExportImageTaskId"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
    boto["Status"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
    _with_id: HasATaskId = boto  # expect-error


def reading_a_task(task: ExportImageTask) -> None:
    boto = task.to_boto()
    assert_type(boto.get("ExportImageTaskId"), str | None)
    assert_type(boto.get("Progress"), str | None)

    boto["ExportImageTaskId"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
    _with_id: HasATaskId = boto  # expect-error


def reading_a_page(page: DescribeExportImageTasksResponse) -> None:
    boto = page.to_boto()
    assert_type(boto, DescribeExportImageTasksPageTypeDef)
    assert_type(boto.get("NextToken"), str | None)
    for task in boto.get("ExportImageTasks", []):
        assert_type(task.get("ExportImageTaskId"), str | None)

    boto["ExportImageTasks"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
    boto["ResponseMetadata"]  # pyright: ignore[reportTypedDictNotRequiredAccess]


def reading_a_location_and_a_tag(location: S3ExportLocation, tag: Tag) -> None:
    assert_type(location.to_boto().get("S3Bucket"), str | None)
    assert_type(tag.to_boto().get("Value"), str | None)

    location.to_boto()["S3Bucket"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
    tag.to_boto()["Value"]  # pyright: ignore[reportTypedDictNotRequiredAccess]
