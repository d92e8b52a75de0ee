"""User code against the async paginator: inferred types, rejected misuse, with or without
aiobotocore and its stubs (the region listing and ``testing.aio`` are in ``aiobotocore/``)."""

from typing import assert_type

from ec2_export_image_tasks import (
    AsyncEC2ClientProtocol,
    DescribeExportImageTasksResponse,
    EC2ClientProtocol,
    ExportImageTask,
    ExportImageTaskPaginator,
)
from ec2_export_image_tasks.errors import InvalidItemError
from ec2_export_image_tasks import AsyncExportImageTaskPaginator
from ec2_export_image_tasks.paginator import AsyncTypedIterator


async def list_tasks(client: AsyncEC2ClientProtocol) -> None:
    paginator = AsyncExportImageTaskPaginator(client)
    it = paginator.paginate(
        Filters=[{"Name": "task-state", "Values": ["active"]}],
        PaginationConfig={"MaxItems": 50, "PageSize": 25},
    )
    assert_type(it, AsyncTypedIterator[ExportImageTask, DescribeExportImageTasksResponse])
    async for task in it:
        assert_type(task, ExportImageTask)
    assert_type(it.resume_token, str | None)
    async for page in paginator.paginate().pages():
        assert_type(page, DescribeExportImageTasksResponse)
    assert_type(await paginator.paginate().build_full_result(), DescribeExportImageTasksResponse)
    for error in AsyncExportImageTaskPaginator(client, on_invalid="skip").paginate().errors:
        assert_type(error, InvalidItemError)
    assert_type(await paginator.check_permissions(DryRun=False), bool)

    paginator.paginate(Filtres=[])  # expect-error
    paginator.paginate(Filters=[{"Name": 1, "Values": ["active"]}])  # expect-error
    paginator.paginate(PaginationConfig={"MaxItems": "50"})  # expect-error
    AsyncExportImageTaskPaginator("ec2")  # expect-error
    AsyncExportImageTaskPaginator(client, on_invalid="ignore")  # expect-error
    for _task in paginator.paginate():  # expect-error
        pass
    paginator.paginate().build_full_result().export_image_tasks  # expect-error


def mixing_sync_and_async(
    sync_client: EC2ClientProtocol, async_client: AsyncEC2ClientProtocol
) -> None:
    AsyncExportImageTaskPaginator(sync_client)  # expect-error
    ExportImageTaskPaginator(async_client)  # expect-error
