"""A string botocore cannot encode (a lone surrogate) is refused before anything is sent.

A Python string can hold one (``os.fsdecode`` of non-UTF-8 bytes, ``json.loads('"\\udcff"')``).
Each call that sends a request (the waiter's too), in its boto3 and its asyncio form, raises the
models' ``ValidationError`` naming the field and the value, and its client never reaches the
endpoint.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from ec2_export_image_tasks import (
    CLIENT_TOKEN,
    AsyncExportImageTaskPaginator,
    ExportImageTaskPaginator,
    async_cancel_export,
    async_check_export_permissions,
    async_start_export,
    async_wait_for_export,
    cancel_export,
    check_export_permissions,
    start_export,
    wait_for_export,
)
from ec2_export_image_tasks.testing import make_client
from ec2_export_image_tasks.testing.aio import make_async_client

from .models.helpers import rejected

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Mapping

    from ec2_export_image_tasks.testing import Reply

BAD = "exports/\udcff"
"""What ``os.fsdecode(b"exports/\\xff")`` gives on a POSIX system."""

EXPORT: dict[str, Any] = {
    "ImageId": "ami-0123456789abcdef0",
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "vms/"},
}

EXPORT_FIELDS: list[tuple[str, dict[str, Any]]] = [
    ("S3ExportLocation.S3Prefix", {"S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": BAD}}),
    ("Description", {"Description": BAD}),
    ("ClientToken", {"ClientToken": BAD}),
    (
        "TagSpecifications.0.Tags.0.Value",
        {
            "TagSpecifications": [
                {"ResourceType": "export-image-task", "Tags": [{"Key": "team", "Value": BAD}]}
            ]
        },
    ),
]


@dataclass(frozen=True)
class Call:
    """One call that sends a request, in both forms, with a lone surrogate in ``field``."""

    name: str
    field: str
    sync: Callable[[Any], object]
    aio: Callable[[Any], Coroutine[Any, Any, object]]

    def __str__(self) -> str:
        return f"{self.name}-{self.field}"


async def _listed(iterator: Any) -> list[Any]:
    return [task async for task in iterator]


def _export_calls(field: str, change: dict[str, Any]) -> list[Call]:
    kwargs = EXPORT | change
    return [
        Call(
            "start_export",
            field,
            lambda client: start_export(client, **kwargs),
            lambda client: async_start_export(client, **kwargs),
        ),
        Call(
            "check_export_permissions",
            field,
            lambda client: check_export_permissions(client, **kwargs),
            lambda client: async_check_export_permissions(client, **kwargs),
        ),
    ]


FILTERS: Any = [{"Name": "image-id", "Values": [BAD]}]

CALLS = [
    *(call for field, change in EXPORT_FIELDS for call in _export_calls(field, change)),
    Call(
        "cancel_export",
        "ExportTaskId",
        lambda client: cancel_export(client, f"export-ami-{BAD}"),
        lambda client: async_cancel_export(client, f"export-ami-{BAD}"),
    ),
    Call(
        "wait_for_export",
        "ExportImageTaskIds.0",
        lambda client: wait_for_export(client, f"export-ami-{BAD}", timeout=2),
        lambda client: async_wait_for_export(client, f"export-ami-{BAD}", timeout=2),
    ),
    Call(
        "paginate",
        "Filters.0.Values.0",
        lambda client: list(ExportImageTaskPaginator(client).paginate(Filters=FILTERS)),
        lambda client: _listed(AsyncExportImageTaskPaginator(client).paginate(Filters=FILTERS)),
    ),
    Call(
        "paginate",
        "PaginationConfig.StartingToken",
        lambda client: list(
            ExportImageTaskPaginator(client).paginate(PaginationConfig={"StartingToken": BAD})
        ),
        lambda client: _listed(
            AsyncExportImageTaskPaginator(client).paginate(PaginationConfig={"StartingToken": BAD})
        ),
    ),
    Call(
        "check_permissions",
        "Filters.0.Values.0",
        lambda client: ExportImageTaskPaginator(client).check_permissions(Filters=FILTERS),
        lambda client: AsyncExportImageTaskPaginator(client).check_permissions(Filters=FILTERS),
    ),
]


class Recorder:
    """A handler that records every request it is given; none is expected."""

    def __init__(self) -> None:
        self.actions: list[str] = []

    def __call__(self, action: str, fields: Mapping[str, str]) -> Reply:
        self.actions.append(action)
        raise AssertionError(f"{action} was sent: {dict(fields)}")


def _run(form: str, call: Call, handler: Recorder) -> None:
    if form == "boto3":
        call.sync(make_client(handler))
        return

    async def main() -> None:
        async with make_async_client(handler) as client:
            await call.aio(client)

    asyncio.run(main())


@pytest.mark.parametrize("form", ["boto3", "asyncio"])
@pytest.mark.parametrize("call", CALLS, ids=str)
def test_a_lone_surrogate_is_refused_naming_the_field_and_nothing_is_sent(
    form: str, call: Call
) -> None:
    handler = Recorder()
    value = f"export-ami-{BAD}" if call.field.startswith("Export") else BAD
    with rejected(call.field, value):
        _run(form, call, handler)
    assert handler.actions == []


@pytest.mark.parametrize("form", ["boto3", "asyncio"])
def test_the_refused_export_carries_no_client_token_since_none_was_sent(form: str) -> None:
    handler = Recorder()
    (call, _) = _export_calls(*EXPORT_FIELDS[0])
    with pytest.raises(ValueError, match="lone surrogate") as raised:
        _run(form, call, handler)
    assert not hasattr(raised.value, CLIENT_TOKEN)
    assert not any("was sent" in note for note in getattr(raised.value, "__notes__", []))
    assert handler.actions == []
