"""The local endpoint's clients as the stubs' classes, for tests whose handler is a function.

A :class:`~ec2_export_image_tasks.testing.LocalEC2` names its clients' class itself
(``LocalEC2[EC2Client]``); a scripted handler cannot, so ``make_client(handler)`` is typed as the
package's protocol. These tests call every EC2 method through boto3-stubs' classes, as a user of
those stubs would after the same cast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from ec2_export_image_tasks.testing import make_client

if TYPE_CHECKING:
    from contextlib import AbstractAsyncContextManager

    from mypy_boto3_ec2.client import EC2Client
    from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

    from ec2_export_image_tasks.testing import Handler


def stubs_client(handler: Handler | None = None, *, max_attempts: int = 1) -> EC2Client:
    """:func:`make_client`'s client, typed as boto3-stubs' ``EC2Client``."""
    return cast("EC2Client", make_client(handler, max_attempts=max_attempts))


def stubs_async_client(
    handler: Handler | None = None, *, max_attempts: int = 1
) -> AbstractAsyncContextManager[AioEC2Client]:
    """:func:`make_async_client`'s client, typed as types-aiobotocore's ``EC2Client``."""
    from ec2_export_image_tasks.testing.aio import make_async_client  # aiobotocore: when asked

    return cast(
        "AbstractAsyncContextManager[AioEC2Client]",
        make_async_client(handler, max_attempts=max_attempts),
    )
