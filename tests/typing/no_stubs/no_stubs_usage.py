"""User code with no stubs at all: boto3 is untyped, so cast its client to the protocol.

mypy reads an untyped ``boto3.client(...)`` as ``Any`` (an annotation would do); pyright infers
a type from boto3's source that is partially unknown, hence the cast and the ignore.

Checked where neither stub family nor types-aiobotocore is installed (tests/test_type_checks.py),
with the common files beside it: the package's signatures stay precise (every ``assert_type``
and ``# expect-error`` there holds), the async ones too, without aiobotocore.
"""

from typing import assert_type, cast

import boto3  # type: ignore[import-untyped]  # no stubs: boto3 itself ships none

from ec2_export_image_tasks import (
    AsyncEC2ClientProtocol,
    EC2ClientProtocol,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskPaginator,
    async_start_export,
    cancel_export,
    start_export,
    wait_for_export,
)
from ec2_export_image_tasks.paginator import BotocoreClientProtocol


def a_cast_client_is_taken_everywhere(request: ExportImageRequest) -> None:
    client = cast(EC2ClientProtocol, boto3.client("ec2"))  # pyright: ignore[reportUnknownMemberType]
    assert_type(start_export(client, request), ExportImageResponse)
    assert_type(wait_for_export(client, "export-ami-0123abcd"), ExportImageTask)
    assert_type(cancel_export(client, "export-ami-0123abcd"), None)
    ExportImageTaskPaginator(client)
    any_service = cast(BotocoreClientProtocol, boto3.client("s3"))  # pyright: ignore[reportUnknownMemberType]
    _as_engine_client: BotocoreClientProtocol = client

    ExportImageTaskPaginator(any_service)  # expect-error
    start_export("ec2", request)  # expect-error
    start_export(client, {"ImageId": "ami-0123abcd"})  # expect-error


async def an_async_client_is_not_a_sync_one(
    client: EC2ClientProtocol, async_client: AsyncEC2ClientProtocol, request: ExportImageRequest
) -> None:
    assert_type(await async_start_export(async_client, request), ExportImageResponse)

    await async_start_export(client, request)  # expect-error
    start_export(async_client, request)  # expect-error
