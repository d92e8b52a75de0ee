"""The local endpoint for asyncio code: aiobotocore clients answered by the same handlers.

An aiobotocore client's requests are answered at ``before-send`` by any :data:`.Handler` (a
:class:`.LocalEC2`, a test's script), as a boto3 client's are; only the response differs:
aiobotocore reads its body with ``await``. Nothing touches the network.

- :func:`make_async_client`: one real EC2 client a handler answers, as ``async with``;
- :func:`answer_with_async`: have another handler answer an existing client;
- :func:`local_session`: an :class:`~aiobotocore.session.AioSession` whose every client is
  answered by a handler chosen per region, for code that makes its own clients (such as
  :func:`~ec2_export_image_tasks.list_export_image_tasks_in_regions`).

aiobotocore is the optional ``[async]`` extra: :mod:`ec2_export_image_tasks.testing` does not
import this module; import it by name.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from functools import cache
from typing import TYPE_CHECKING, overload

try:
    from aiobotocore.awsrequest import AioAWSResponse
    from aiobotocore.config import AioConfig
    from aiobotocore.session import AioSession
except ImportError as _missing:
    raise ImportError(
        "ec2_export_image_tasks.testing.aio needs aiobotocore: "
        "install the package's [async] extra (pip install 'ec2-export-image-tasks[async]')"
    ) from _missing
from botocore.awsrequest import HTTPHeaders

from .._clients import AsyncClientT, aiobotocore_client
from . import _glue

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
    from contextlib import AbstractAsyncContextManager

    from botocore.awsrequest import AWSPreparedRequest

    from .._clients import AsyncBotocoreClientProtocol, AsyncEC2ClientProtocol, EC2ClientProtocol
    from ._handler import Handler, Reply
    from ._service import LocalEC2

__all__ = ["answer_with_async", "local_session", "make_async_client"]


class _Body:
    """What aiobotocore reads a response body from: aiohttp's response, minus the socket."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    async def read(self) -> bytes:
        return self._content


def _responder(
    read_timeout: float | None,
) -> Callable[[AWSPreparedRequest, Reply], Awaitable[AioAWSResponse]]:
    """Makes a reply aiobotocore's response, for a client that waits ``read_timeout`` at most."""

    async def respond(request: AWSPreparedRequest, reply: Reply) -> AioAWSResponse:
        # A deadline (asyncio.timeout) may cancel the wait, as it would a socket's read.
        await asyncio.sleep(_glue.waited(reply, read_timeout))
        _glue.check_arrived(request, reply, read_timeout)
        return _response(request, reply)

    return respond


def _response(request: AWSPreparedRequest, reply: Reply) -> AioAWSResponse:
    headers = HTTPHeaders()
    headers["Content-Type"] = "text/xml;charset=UTF-8"
    return AioAWSResponse(request.url, reply.status, headers, _Body(reply.body))


def answer_with_async(client: AsyncBotocoreClientProtocol, handler: Handler) -> None:
    """Have ``handler`` answer every request ``client`` makes, instead of any handler before.

    A reply that waits longer than the client's ``read_timeout`` ends in botocore's
    ``ReadTimeoutError`` after that long, as a real socket's read would.
    """
    meta = aiobotocore_client(client).meta
    responder = _responder(_glue.read_timeout_of(meta.config))
    _glue.install(meta.events, lambda request: handler, responder)


def _isolated_session() -> AioSession:
    """A session isolated from the caller's AWS setup (see :data:`._glue.SESSION_VARIABLES`)."""
    session = AioSession(session_vars=_glue.SESSION_VARIABLES)
    session.set_credentials(*_glue.CREDENTIALS)
    session.set_default_client_config(_glue.client_config(AioConfig, max_attempts=1))
    return session


@cache
def _shared_session() -> AioSession:
    """The one session :func:`make_async_client` uses: it loads the EC2 model once."""
    return _isolated_session()


@overload
def make_async_client(
    handler: LocalEC2[EC2ClientProtocol, AsyncClientT], *, max_attempts: int = 1
) -> AbstractAsyncContextManager[AsyncClientT]: ...
@overload
def make_async_client(
    handler: Handler | None = None, *, max_attempts: int = 1
) -> AbstractAsyncContextManager[AsyncEC2ClientProtocol]: ...
def make_async_client(
    handler: Handler | None = None, *, max_attempts: int = 1
) -> AbstractAsyncContextManager[AsyncEC2ClientProtocol]:
    """``async with`` a real aiobotocore EC2 client (dummy credentials, us-east-1).

    ``handler`` answers every request; without one, every call raises ``RuntimeError`` until
    :func:`answer_with_async` installs one: no request ever reaches the network. Each call is
    tried once, unless ``max_attempts`` lets botocore retry. The client is typed as the async
    client class a :class:`.LocalEC2` handler names (``LocalEC2[EC2Client, AioEC2Client]``),
    else as :class:`.AsyncEC2ClientProtocol`.
    """
    return _async_client(handler, max_attempts)


@asynccontextmanager
async def _async_client(
    handler: Handler | None, max_attempts: int
) -> AsyncGenerator[AsyncEC2ClientProtocol]:
    config = _glue.client_config(AioConfig, max_attempts)
    # The stubs' overloads name every service; those of services not installed are unknown.
    client_context = _shared_session().create_client("ec2", config=config)  # pyright: ignore[reportUnknownMemberType]
    async with client_context as client:
        answer_with_async(client, handler or _glue.unanswered("answer_with_async"))
        yield client


def local_session(handlers: Mapping[str, Handler]) -> AioSession:
    """A fresh isolated session (dummy credentials, no retries) answered per region.

    Hand it to code that creates its own clients: ``session.create_client("ec2",
    region_name="eu-west-1")`` gets a client answered by ``handlers["eu-west-1"]``; a request
    to a region without a handler raises ``RuntimeError`` (in the caller, as the client's error).
    A reply's ``wait`` is cut at the session's default ``read_timeout`` (60 s), not at one a
    client is made with: the answer is chosen for the session, before any client exists.

    The session is aiobotocore's own ``AioSession``: with types-aiobotocore its clients are typed
    as that family's classes (``session.create_client("ec2")``); without it a type checker reads
    aiobotocore, and so this session, as ``Any``.
    """

    def choose(request: AWSPreparedRequest) -> Handler:
        region = _glue.region_of(request)
        handler = handlers.get(region)
        if handler is None:
            raise RuntimeError(f"nothing answers region {region}: give local_session a handler")
        return handler

    session = _isolated_session()
    responder = _responder(_glue.read_timeout_of(session.get_default_client_config()))
    _glue.install(session, choose, responder)
    return session
