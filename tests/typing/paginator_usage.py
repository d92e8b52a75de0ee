"""User code against the paginator: inferred item and page types, and rejected misuse."""

from typing import assert_type

from ec2_export_image_tasks import (
    EC2ClientProtocol,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskPaginator,
    InvalidItemError,
)
from ec2_export_image_tasks.paginator import TypedIterator


def list_tasks(client: EC2ClientProtocol) -> None:
    paginator = ExportImageTaskPaginator(client)
    it = paginator.paginate(
        Filters=[{"Name": "task-state", "Values": ["active"]}],
        PaginationConfig={"MaxItems": 50, "PageSize": 25},
    )
    assert_type(it, TypedIterator[ExportImageTask, DescribeExportImageTasksResponse])
    for task in it:
        assert_type(task, ExportImageTask)
    assert_type(it.resume_token, str | None)
    for page in paginator.paginate().pages():
        assert_type(page, DescribeExportImageTasksResponse)
    assert_type(paginator.paginate().build_full_result(), DescribeExportImageTasksResponse)
    for error in ExportImageTaskPaginator(client, on_invalid="skip").paginate().errors:
        assert_type(error, InvalidItemError)
    assert_type(paginator.check_permissions(DryRun=False), bool)

    paginator.paginate(Filtres=[])  # expect-error
    paginator.paginate(Filters=[{"Name": 1, "Values": ["active"]}])  # expect-error
    paginator.paginate(PaginationConfig={"MaxItems": "50"})  # expect-error
    ExportImageTaskPaginator("ec2")  # expect-error
    ExportImageTaskPaginator(client, on_invalid="ignore")  # expect-error
