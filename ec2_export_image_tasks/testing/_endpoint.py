"""The botocore glue: a real client's requests answered at ``before-send``, never on the network.

botocore serializes each request and parses each answer itself; only the HTTP exchange is
replaced, by a :data:`.Handler`. This is the one module here that imports boto3, and it loads
only when one of its names is first used, or a client is first made.
"""

from __future__ import annotations

import io
import time
from functools import cache
from typing import TYPE_CHECKING

import boto3
import botocore.session
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from urllib3.response import HTTPResponse

from .._clients import botocore_client
from . import _glue

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest

    from .._clients import BotocoreClientProtocol, EC2ClientProtocol
    from ._handler import Handler, Reply


def _response(request: AWSPreparedRequest, reply: Reply, read_timeout: float | None) -> AWSResponse:
    time.sleep(_glue.waited(reply, read_timeout))
    _glue.check_arrived(request, reply, read_timeout)
    headers = HTTPHeaders()
    headers["Content-Type"] = "text/xml;charset=UTF-8"
    # A real urllib3 response, unread, as botocore's HTTP layer would have handed over.
    raw = HTTPResponse(io.BytesIO(reply.body), status=reply.status, preload_content=False)
    return AWSResponse(request.url, reply.status, headers, raw)


def answer_with(client: BotocoreClientProtocol, handler: Handler) -> None:
    """Have ``handler`` answer every request ``client`` makes, instead of any handler before.

    A reply that waits longer than the client's ``read_timeout`` ends in botocore's
    ``ReadTimeoutError`` after that long, as a real socket's read would.
    """
    meta = botocore_client(client).meta
    read_timeout = _glue.read_timeout_of(meta.config)
    _glue.install(
        meta.events,
        lambda request: handler,
        lambda request, reply: _response(request, reply, read_timeout),
    )


@cache
def _session() -> boto3.session.Session:
    """The one session every client comes from: isolated (see :data:`._glue.SESSION_VARIABLES`).

    botocore loads and caches the (large) EC2 service model per session, so after the first
    client each costs milliseconds.
    """
    isolated = botocore.session.Session(session_vars=_glue.SESSION_VARIABLES)
    isolated.set_credentials(*_glue.CREDENTIALS)
    return boto3.session.Session(botocore_session=isolated)


def new_client(handler: Handler | None, max_attempts: int) -> EC2ClientProtocol:
    """:func:`~._service.make_client`'s client, made here, where boto3 is loaded."""
    config = _glue.client_config(Config, max_attempts)
    client = _session().client("ec2", config=config)  # pyright: ignore[reportUnknownMemberType]
    answer_with(client, handler or _glue.unanswered("answer_with"))
    return client
