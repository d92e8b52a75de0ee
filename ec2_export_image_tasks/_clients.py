"""What this package needs of a client, as protocols that every stub family's client matches.

A function here takes whatever has the members it uses: a client typed by boto3-stubs
(``mypy_boto3_ec2.EC2Client``), by types-boto3 (``types_boto3_ec2.EC2Client``), by
types-aiobotocore, or a ``boto3.client("ec2")`` cast to one of these protocols where no stubs
are installed (boto3 is untyped). Naming one family's class instead would turn every other
family's client away, and make its stubs a dependency.

Each protocol names only what the package uses, plus ``close``, whose sync or async form lets a
type checker tell a boto3 client from an aiobotocore one. ``meta`` is read through botocore's
own types, at one boundary (:func:`botocore_client`, :func:`aiobotocore_client`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

from typing_extensions import TypeVar

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Unpack

    from aiobotocore.client import AioBaseClient
    from botocore.client import BaseClient

    from .models import CancelExportTaskRequestTypeDef, ExportImageRequestTypeDef

__all__ = [
    "AsyncBotocoreClientProtocol",
    "AsyncClientT",
    "AsyncEC2ClientProtocol",
    "BotocoreClientProtocol",
    "ClientT",
    "EC2ClientProtocol",
    "aiobotocore_client",
    "botocore_client",
]


class BotocoreClientProtocol(Protocol):
    """Any boto3 (botocore) client, of any service: what the generic paginator takes.

    Cast a stub-less ``boto3.client(...)`` to it. An aiobotocore client is refused (its
    ``close`` is a coroutine); use :class:`AsyncBotocoreClientProtocol` for one.
    """

    @property
    def meta(self) -> object:
        """botocore's ``ClientMeta``: the service model and the event hooks."""
        ...

    def close(self) -> None:
        """Closes the client's connections."""
        ...


class AsyncBotocoreClientProtocol(Protocol):
    """Any aiobotocore client, of any service: what the generic async paginator takes."""

    @property
    def meta(self) -> object:
        """botocore's ``ClientMeta``: the service model and the event hooks."""
        ...

    async def close(self) -> None:
        """Closes the client's connections."""
        ...


class EC2ClientProtocol(BotocoreClientProtocol, Protocol):
    """A boto3 EC2 client, from any stub family or none: what every sync function here takes.

    ``boto3.client("ec2")`` typed by boto3-stubs or types-boto3 matches it as it is; without
    stubs, cast it: ``client = cast(EC2ClientProtocol, boto3.client("ec2"))``. A client of
    another service, or an aiobotocore client, is refused.
    """

    def export_image(self, **kwargs: Unpack[ExportImageRequestTypeDef]) -> Mapping[str, object]:
        """``ExportImage``: its answer is read by this package's models, never trusted as typed."""
        ...

    def cancel_export_task(
        self, **kwargs: Unpack[CancelExportTaskRequestTypeDef]
    ) -> Mapping[str, object]:
        """``CancelExportTask``."""
        ...


class AsyncEC2ClientProtocol(AsyncBotocoreClientProtocol, Protocol):
    """An aiobotocore EC2 client, typed by types-aiobotocore or not: what each ``async_*`` takes.

    Without stubs, cast the client ``async with session.create_client("ec2")`` gives you.
    """

    async def export_image(
        self, **kwargs: Unpack[ExportImageRequestTypeDef]
    ) -> Mapping[str, object]:
        """``ExportImage``: its answer is read by this package's models, never trusted as typed."""
        ...

    async def cancel_export_task(
        self, **kwargs: Unpack[CancelExportTaskRequestTypeDef]
    ) -> Mapping[str, object]:
        """``CancelExportTask``."""
        ...


ClientT = TypeVar("ClientT", bound=EC2ClientProtocol, default=EC2ClientProtocol, covariant=True)
"""The static type of a local endpoint's boto3 client: a stub family's ``EC2Client`` where the
user names it, our protocol where they do not. Covariant, so any such endpoint is a plain one."""
AsyncClientT = TypeVar(
    "AsyncClientT", bound=AsyncEC2ClientProtocol, default=AsyncEC2ClientProtocol, covariant=True
)
"""The same for the endpoint's aiobotocore client."""


def botocore_client(client: BotocoreClientProtocol | AsyncBotocoreClientProtocol) -> BaseClient:
    """``client`` as botocore's own type, for what the protocols leave out (``meta``'s parts,
    ``get_paginator``, whose stubs are overloaded per operation). Every client is one, an
    aiobotocore client too."""
    return cast("BaseClient", client)


def aiobotocore_client(client: AsyncBotocoreClientProtocol) -> AioBaseClient:
    """``client`` as aiobotocore's own type, as :func:`botocore_client` does."""
    return cast("AioBaseClient", client)
