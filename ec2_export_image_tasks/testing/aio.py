"""The aiobotocore glue: the twin of :mod:`.endpoint` for asyncio clients.

An aiobotocore client's requests are answered at ``before-send`` by the same :data:`.Handler`s
(an :class:`.Ec2Service`, a test's script) through the same :func:`.endpoint.reply_to`; only the
response differs: aiobotocore reads its body with ``await``. Nothing touches the network.

aiobotocore is the optional ``[async]`` extra, so this module is the only one here that imports
it, and :mod:`ec2_export_image_tasks.testing` does not import this one: import it by name.

- :func:`make_async_client`: one real EC2 client a handler answers, as ``async with``;
- :func:`local_session`: an :class:`~aiobotocore.session.AioSession` whose every client is
  answered by a handler chosen per region, for code that makes its own clients (such as
  :func:`~ec2_export_image_tasks.regions.list_export_image_tasks_in_regions`).
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiobotocore.awsrequest import AioAWSResponse
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore.awsrequest import HTTPHeaders

from .endpoint import reply_to

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Mapping

    from aiobotocore.client import AioBaseClient
    from botocore.awsrequest import AWSPreparedRequest
    from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

    from .service import Handler, Reply

_HANDLER_ID = "ec2_export_image_tasks.testing.aio"
"""Names our ``before-send`` handler, so that installing another replaces it."""

# One attempt per call, as in .endpoint: a retry would hide the error a handler returns (and,
# in legacy mode, sleep before calling it again).
_CONFIG = AioConfig(retries={"mode": "legacy", "total_max_attempts": 1})


class _Body:
    """What aiobotocore reads a response body from: aiohttp's response, minus the socket."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    async def read(self) -> bytes:
        return self._content


def _response(request: AWSPreparedRequest, reply: Reply) -> AioAWSResponse:
    headers = HTTPHeaders()
    headers["Content-Type"] = "text/xml;charset=UTF-8"
    return AioAWSResponse(request.url, reply.status, headers, _Body(reply.body))


def answer_with_async(client: AioBaseClient, handler: Handler) -> None:
    """Have ``handler`` answer every request ``client`` makes, instead of any handler before."""

    def before_send(request: AWSPreparedRequest, **_: object) -> AioAWSResponse:
        return _response(request, reply_to(request, handler))

    events = client.meta.events
    events.unregister("before-send", unique_id=_HANDLER_ID)
    # The stubs type handlers as returning None; before-send's may return the response.
    events.register("before-send", before_send, unique_id=_HANDLER_ID)  # type: ignore[arg-type]


def _unanswered(action: str, parameters: Mapping[str, str]) -> Reply:
    raise RuntimeError(f"nothing answers {action}: install a handler with answer_with_async()")


def _isolated_session() -> AioSession:
    """A session with dummy credentials that reads no AWS profile, config file or endpoint URL.

    Every client it makes is in us-east-1 unless told otherwise, and tries each call once.
    """
    unread = (None, None, None, None)
    session = AioSession(
        session_vars={
            "profile": unread,
            "config_file": unread,
            "credentials_file": unread,
            "region": (None, None, "us-east-1", None),
            "ignore_configured_endpoint_urls": (None, None, True, None),
        }
    )
    session.set_credentials("testing", "testing")
    session.set_default_client_config(_CONFIG)
    return session


@cache
def _shared_session() -> AioSession:
    """The one session :func:`make_async_client` uses: it loads the EC2 model once."""
    return _isolated_session()


@asynccontextmanager
async def make_async_client(handler: Handler = _unanswered) -> AsyncGenerator[AioEC2Client]:
    """``async with`` a real aiobotocore EC2 client (dummy credentials, us-east-1, no retries).

    ``handler`` answers every request; without one, every call raises ``RuntimeError`` until
    :func:`answer_with_async` installs one: no request ever reaches the network.
    """
    # The stubs' overloads name every service; those of services not installed are unknown.
    client_context = _shared_session().create_client("ec2")  # pyright: ignore[reportUnknownMemberType]
    async with client_context as client:
        answer_with_async(client, handler)
        yield client


def region_of(request: AWSPreparedRequest) -> str:
    """The region an EC2 request is for, from its host: ``ec2.{region}.amazonaws.com``."""
    labels = (urlsplit(request.url).hostname or "").split(".")
    if len(labels) < 3 or labels[0] != "ec2":
        raise RuntimeError(f"not an EC2 regional endpoint: {request.url}")
    return labels[1]


def answer_regions(session: AioSession, handlers: Mapping[str, Handler]) -> None:
    """Have every client ``session`` creates from now on answered by its region's handler.

    The handler is ``handlers[region]``, the region read from the request's host; a request to
    a region without one raises ``RuntimeError`` (in the caller, as the client's error).
    """

    def before_send(request: AWSPreparedRequest, **_: object) -> AioAWSResponse:
        region = region_of(request)
        handler = handlers.get(region)
        if handler is None:
            raise RuntimeError(f"nothing answers region {region}: give answer_regions a handler")
        return _response(request, reply_to(request, handler))

    session.unregister("before-send", unique_id=_HANDLER_ID)
    session.register("before-send", before_send, unique_id=_HANDLER_ID)


def local_session(handlers: Mapping[str, Handler]) -> AioSession:
    """A fresh isolated session (dummy credentials, no retries) answered per region.

    Hand it to code that creates its own clients: ``session.create_client("ec2",
    region_name="eu-west-1")`` gets a client answered by ``handlers["eu-west-1"]``.
    """
    session = _isolated_session()
    answer_regions(session, handlers)
    return session
