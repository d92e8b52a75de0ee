"""EC2's error document sent with a 200, wherever it starts in the body: one rule for every call.

botocore reads ``<Response><Errors>`` with a 2xx as an empty success: a last page, an export
without an id, a permission check that passed, a cancellation that went through. Behind a long
prolog (comments, processing instructions, whitespace) it is the same document, and each call,
sync and async, raises botocore's ``ClientError`` for it.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

from ec2_export_image_tasks import (
    AsyncExportImageTaskPaginator,
    ExportImageTaskPaginator,
    async_cancel_export,
    async_check_export_permissions,
    async_start_export,
    cancel_export,
    check_export_permissions,
    start_export,
)
from ec2_export_image_tasks.testing import Reply, make_client
from ec2_export_image_tasks.testing import _xml as xml
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

PROLOGS = {
    "no prolog": "\n",
    "whitespace": "\n" + " " * 4096 + "\r\n\t",
    "comments": "<!-- a proxy's banner -->\n" * 200,
    "processing instructions": '<?xml-stylesheet href="errors.xsl"?>\n' * 200,
    "a namespace on the root": "",
}
"""What may come before the root element, each far longer than any fixed window of bytes."""


def _error_document(prolog: str) -> bytes:
    document = xml.error("RequestLimitExceeded", "Request limit exceeded.", "e1")
    if not prolog:
        return document.replace(b"<Response>", b'<Response xmlns="urn:any">', 1)
    declaration, _, rest = document.partition(b"?>")
    return declaration + b"?>" + prolog.encode() + rest


def _answering(prolog: str) -> Callable[[str, Mapping[str, str]], Reply]:
    body = _error_document(prolog)
    return lambda action, parameters: Reply(200, body)


SYNC_CALLS: dict[str, Callable[[Any], object]] = {
    "paginator": lambda client: list(ExportImageTaskPaginator(client).paginate()),
    "start_export": lambda client: start_export(client, **REQUEST),
    "check_export_permissions": lambda client: check_export_permissions(client, **REQUEST),
    "cancel_export": lambda client: cancel_export(client, TASK_ID),
}


async def _all_tasks(client: Any) -> object:
    return [task async for task in AsyncExportImageTaskPaginator(client).paginate()]


ASYNC_CALLS: dict[str, Callable[[Any], Coroutine[Any, Any, object]]] = {
    "paginator": _all_tasks,
    "start_export": lambda client: async_start_export(client, **REQUEST),
    "check_export_permissions": lambda client: async_check_export_permissions(client, **REQUEST),
    "cancel_export": lambda client: async_cancel_export(client, TASK_ID),
}

each_prolog = pytest.mark.parametrize("prolog", PROLOGS.values(), ids=PROLOGS.keys())


@each_prolog
@pytest.mark.parametrize("call", SYNC_CALLS.values(), ids=SYNC_CALLS.keys())
def test_an_error_document_behind_a_long_prolog_raises_the_client_error(
    call: Callable[[Any], object], prolog: str
) -> None:
    client = make_client(_answering(prolog), max_attempts=1)

    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        call(client)


@each_prolog
@pytest.mark.parametrize("call", ASYNC_CALLS.values(), ids=ASYNC_CALLS.keys())
def test_an_error_document_behind_a_long_prolog_raises_the_client_error_async(
    call: Callable[[Any], Coroutine[Any, Any, object]], prolog: str
) -> None:
    async def main() -> object:
        async with make_async_client(_answering(prolog), max_attempts=1) as client:
            return await call(client)

    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        asyncio.run(main())


FOREIGN = b"<?xml version='1.0'?><html><body>Sign in to the hotel network</body></html>"
"""A captive portal's page, sent with a 200: botocore would read it as an empty success."""


def _foreign(action: str, parameters: Mapping[str, str]) -> Reply:
    return Reply(200, FOREIGN)


@pytest.mark.parametrize("call", SYNC_CALLS.values(), ids=SYNC_CALLS.keys())
def test_a_root_that_is_no_answer_of_ec2s_raises_instead_of_passing_for_a_success(
    call: Callable[[Any], object],
) -> None:
    with pytest.raises(ResponseParserError, match="AWS answered with <html>, not EC2's XML"):
        call(make_client(_foreign))


@pytest.mark.parametrize("call", ASYNC_CALLS.values(), ids=ASYNC_CALLS.keys())
def test_a_root_that_is_no_answer_of_ec2s_raises_instead_of_passing_for_a_success_async(
    call: Callable[[Any], Coroutine[Any, Any, object]],
) -> None:
    async def main() -> object:
        async with make_async_client(_foreign) as client:
            return await call(client)

    with pytest.raises(ResponseParserError, match="AWS answered with <html>, not EC2's XML"):
        asyncio.run(main())


def test_a_success_that_mentions_errors_is_still_a_success() -> None:
    # Only the root decides: "Errors" in a task's description is text.
    task = {"ExportImageTaskId": TASK_ID, "Description": "<Response><Errors/></Response>"}
    body = xml.describe_export_image_tasks([task], None, "r")
    client = make_client(lambda action, parameters: Reply(200, body))

    (listed,) = ExportImageTaskPaginator(client).paginate()

    assert listed.description == "<Response><Errors/></Response>"


def test_a_plain_boto3_call_on_the_same_client_is_left_to_botocore() -> None:
    client = make_client(_answering("\n"))
    with pytest.raises(ClientError):
        start_export(client, **REQUEST)

    assert "ExportImageTaskId" not in client.export_image(**REQUEST)
