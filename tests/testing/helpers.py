"""Running an async scenario from a plain test: a fresh aiobotocore client, a handler behind it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from ..stub_clients import stubs_async_client

if TYPE_CHECKING:
    from types_aiobotocore_ec2.client import EC2Client

    from ec2_export_image_tasks.testing import Handler

T = TypeVar("T")

Scenario = Callable[["EC2Client"], Awaitable[T]]


def run(handler: Handler, scenario: Scenario[T]) -> T:
    """``scenario`` run to its end with a new client that ``handler`` answers."""

    async def main() -> T:
        async with stubs_async_client(handler) as client:
            return await scenario(client)

    return asyncio.run(main())
