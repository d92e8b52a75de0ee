"""start_export, check_export_permissions and cancel_export given EC2's error document with a 200.

botocore reads such an answer as an empty success: an export with no id, a permission check
that passed, a cancellation that went through. Each must be the ClientError it stands for.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks import (
    async_cancel_export,
    async_check_export_permissions,
    async_start_export,
    cancel_export,
    check_export_permissions,
    start_export,
)
from ec2_export_image_tasks.testing import Ec2Error, Reply, error_reply, make_client
from ec2_export_image_tasks.testing.aio import make_async_client

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Mapping

    from mypy_boto3_ec2.type_defs import ExportImageRequestTypeDef

REQUEST: ExportImageRequestTypeDef = {
    "ImageId": "ami-0123456789abcdef0",
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": "exports"},
}
TASK_ID = "export-ami-0123456789abcdef0"
THROTTLED = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 200)


def _throttled_with_200(action: str, parameters: Mapping[str, str]) -> Reply:
    return error_reply(THROTTLED)


SYNC_CALLS: dict[str, Callable[[Any], object]] = {
    "start_export": lambda client: start_export(client, **REQUEST),
    "check_export_permissions": lambda client: check_export_permissions(client, **REQUEST),
    "cancel_export": lambda client: cancel_export(client, TASK_ID),
}
ASYNC_CALLS: dict[str, Callable[[Any], Coroutine[Any, Any, object]]] = {
    "async_start_export": lambda client: async_start_export(client, **REQUEST),
    "async_check_export_permissions": lambda client: async_check_export_permissions(
        client, **REQUEST
    ),
    "async_cancel_export": lambda client: async_cancel_export(client, TASK_ID),
}


@pytest.mark.parametrize("call", SYNC_CALLS.values(), ids=SYNC_CALLS.keys())
def test_an_error_document_with_status_200_raises_the_client_error(
    call: Callable[[Any], object],
) -> None:
    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        call(make_client(_throttled_with_200))


@pytest.mark.parametrize("call", ASYNC_CALLS.values(), ids=ASYNC_CALLS.keys())
def test_an_error_document_with_status_200_raises_the_client_error_async(
    call: Callable[[Any], Coroutine[Any, Any, object]],
) -> None:
    async def main() -> object:
        async with make_async_client(_throttled_with_200) as client:
            return await call(client)

    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        asyncio.run(main())


def test_a_plain_boto3_call_on_the_same_client_is_left_to_botocore() -> None:
    client = make_client(_throttled_with_200)
    with pytest.raises(ClientError):
        start_export(client, **REQUEST)

    assert "ExportImageTaskId" not in client.export_image(**REQUEST)
