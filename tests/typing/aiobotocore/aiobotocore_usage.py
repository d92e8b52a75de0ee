"""User code with aiobotocore and types-aiobotocore: their client, the region listing, and
the local endpoint for asyncio (``testing.aio``); checked where types-aiobotocore is installed,
with either stub family or none for the sync side (typed here by the package's protocol)."""

from typing import assert_type

from aiobotocore.session import AioSession
from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

from ec2_export_image_tasks import (
    AsyncEC2ClientProtocol,
    AsyncExportImageTaskPaginator,
    EC2ClientProtocol,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskPaginator,
    async_cancel_export,
    async_check_export_permissions,
    async_start_export,
    async_wait_for_export,
    list_export_image_tasks_in_regions,
)
from ec2_export_image_tasks.paginator import AsyncBotocoreClientProtocol
from ec2_export_image_tasks.testing import LocalEC2
from ec2_export_image_tasks.testing.aio import answer_with_async, local_session, make_async_client


async def every_async_function_takes_the_stubs_client(
    client: AioEC2Client, request: ExportImageRequest
) -> None:
    _as_protocol: AsyncEC2ClientProtocol = client
    _as_engine_client: AsyncBotocoreClientProtocol = client
    AsyncExportImageTaskPaginator(client)
    assert_type(await async_start_export(client, request), ExportImageResponse)
    assert_type(await async_check_export_permissions(client, request), bool)
    assert_type(await async_cancel_export(client, "export-ami-0123abcd"), None)
    assert_type(await async_wait_for_export(client, "export-ami-0123abcd"), ExportImageTask)
    answer_with_async(client, LocalEC2())


async def a_boto3_client_or_a_paginator_is_refused(
    sync_client: EC2ClientProtocol, client: AioEC2Client, request: ExportImageRequest
) -> None:
    AsyncExportImageTaskPaginator(sync_client)  # expect-error
    await async_start_export(sync_client, request)  # expect-error
    await async_cancel_export(sync_client, "export-ami-0123abcd")  # expect-error
    await async_wait_for_export(sync_client, "export-ami-0123abcd")  # expect-error
    answer_with_async(sync_client, LocalEC2())  # expect-error
    ExportImageTaskPaginator(client)  # expect-error
    paginator = client.get_paginator("describe_export_image_tasks")
    await async_start_export(paginator, request)  # expect-error
    AsyncExportImageTaskPaginator(paginator)  # expect-error


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


async def my_code(client: AioEC2Client) -> None:
    """The user's own code, typed with types-aiobotocore's client."""


async def with_the_local_endpoint() -> None:
    service = LocalEC2()
    async with make_async_client(service) as client:
        assert_type(client, AsyncEC2ClientProtocol)
        answer_with_async(client, service)
        await my_code(client)  # expect-error
    named: LocalEC2[EC2ClientProtocol, AioEC2Client] = LocalEC2()
    async with make_async_client(named, max_attempts=2) as client:
        assert_type(client, AioEC2Client)
        await my_code(client)
    async with make_async_client() as client:
        assert_type(client, AsyncEC2ClientProtocol)
    assert_type(local_session({"eu-west-1": service}), AioSession)

    make_async_client("ec2")  # expect-error
    local_session(service)  # expect-error
