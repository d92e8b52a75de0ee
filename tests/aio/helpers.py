"""Running an async scenario from a plain test: a fresh aiobotocore client, a handler behind it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar, Unpack

import pytest

from ec2_export_image_tasks import AsyncExportImageTaskPaginator
from ec2_export_image_tasks.testing.aio import make_async_client

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import PaginatorConfigTypeDef
    from types_aiobotocore_ec2.client import EC2Client

    from ec2_export_image_tasks import ExportImageTask
    from ec2_export_image_tasks.testing import Handler

T = TypeVar("T")
E = TypeVar("E", bound=Exception)

Scenario = Callable[["EC2Client"], Awaitable[T]]


def run(handler: Handler, scenario: Scenario[T]) -> T:
    """``scenario`` run to its end with a new client that ``handler`` answers."""

    async def main() -> T:
        async with make_async_client(handler) as client:
            return await scenario(client)

    return asyncio.run(main())


async def ids(tasks: AsyncIterable[ExportImageTask]) -> list[str | None]:
    """The id of every task ``tasks`` yields, in order, to the end."""
    return [task.export_image_task_id async for task in tasks]


async def typed_ids(
    client: EC2Client, **config: Unpack[PaginatorConfigTypeDef]
) -> tuple[list[str | None], str | None]:
    """Every task id the typed paginator yields for ``config``, and its resume token."""
    it = AsyncExportImageTaskPaginator(client).paginate(PaginationConfig=config)
    return await ids(it), it.resume_token


async def aiobotocore_ids(
    client: EC2Client, **config: Unpack[PaginatorConfigTypeDef]
) -> tuple[list[str | None], str | None]:
    """The same from aiobotocore's own paginator."""
    pages = client.get_paginator("describe_export_image_tasks").paginate(PaginationConfig=config)
    found = [
        task.get("ExportImageTaskId") async for page in pages for task in page["ExportImageTasks"]
    ]
    resume_token: object = pages.resume_token
    return found, resume_token if isinstance(resume_token, str) else None


async def ids_until(
    error: type[E], tasks: AsyncIterable[ExportImageTask]
) -> tuple[list[str | None], E]:
    """The ids ``tasks`` yields before it raises ``error``, and the error (which must come)."""
    yielded: list[str | None] = []
    try:
        async for task in tasks:
            yielded.append(task.export_image_task_id)
    except error as raised:
        return yielded, raised
    pytest.fail(f"{error.__name__} was not raised; yielded {yielded}")
