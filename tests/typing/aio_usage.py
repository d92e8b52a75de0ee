"""User code against the async paginator and the region listing: inferred types, rejected misuse."""

from typing import assert_type

from aiobotocore.session import AioSession
from mypy_boto3_ec2.client import EC2Client
from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

from ec2_export_image_tasks import (
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskPaginator,
)
from ec2_export_image_tasks.errors import InvalidItemError
from ec2_export_image_tasks import AsyncExportImageTaskPaginator
from ec2_export_image_tasks.paginator import AsyncTypedIterator
from ec2_export_image_tasks import list_export_image_tasks_in_regions
from ec2_export_image_tasks.testing import LocalEC2
from ec2_export_image_tasks.testing.aio import answer_with_async, local_session, make_async_client


async def list_tasks(client: AioEC2Client) -> None:
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


async def list_everywhere(session: AioSession) -> None:
    async for found in list_export_image_tasks_in_regions(session, ["eu-west-1", "us-east-1"]):
        assert_type(found, tuple[str, ExportImageTask])
    async for region, task in list_export_image_tasks_in_regions(
        session, ("eu-west-1",), concurrency=2, on_invalid="skip"
    ):
        assert_type(region, str)
        assert_type(task, ExportImageTask)

    list_export_image_tasks_in_regions(session, ["eu-west-1"], 2)  # expect-error
    list_export_image_tasks_in_regions("session", ["eu-west-1"])  # expect-error
    for _found in list_export_image_tasks_in_regions(session, ["eu-west-1"]):  # expect-error
        pass


def mixing_sync_and_async(sync_client: EC2Client, async_client: AioEC2Client) -> None:
    AsyncExportImageTaskPaginator(sync_client)  # expect-error
    ExportImageTaskPaginator(async_client)  # expect-error


async def with_the_local_endpoint() -> None:
    service = LocalEC2()
    async with make_async_client(service) as client:
        assert_type(client, AioEC2Client)
        answer_with_async(client, service)
    assert_type(local_session({"eu-west-1": service}), AioSession)

    make_async_client("ec2")  # expect-error
    local_session(service)  # expect-error
