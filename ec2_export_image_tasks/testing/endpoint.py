"""The botocore glue: a real client's requests answered at ``before-send``, never on the network.

botocore serializes each request and parses each answer itself; only the HTTP exchange is
replaced, by a :data:`.Handler`. Everything else in this package is pure; this is the one module
that imports boto3, and the one an async client would need a twin of (its response reads the
body with ``await``; :func:`reply_to` is shared).
"""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

import boto3
import botocore.session
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from urllib3.response import HTTPResponse

from .service import Ec2Service, Reply

if TYPE_CHECKING:
    from collections.abc import Mapping

    from botocore.awsrequest import AWSPreparedRequest
    from botocore.client import BaseClient
    from mypy_boto3_ec2.client import EC2Client

    from .backend import ExportImageTasksBackend
    from .service import Handler

_HANDLER_ID = "ec2_export_image_tasks.testing"
"""Names our ``before-send`` handler on a client, so that installing another replaces it."""

# One attempt per call: a retry would hide the error a test's handler returns, and call it again.
# Legacy mode is a default client's; standard mode would add MaxAttemptsReached to every answer.
_CONFIG = Config(retries={"mode": "legacy", "total_max_attempts": 1})


def form_parameters(request: AWSPreparedRequest) -> dict[str, str]:
    """The Query-protocol form fields of a request botocore prepared."""
    body = request.body
    text = body.decode() if isinstance(body, bytes) else str(body or "")
    return dict(parse_qsl(text, keep_blank_values=True))


def reply_to(request: AWSPreparedRequest, handler: Handler) -> Reply:
    """``handler``'s reply to ``request``: the part of answering that is not botocore's types."""
    parameters = form_parameters(request)
    return handler(parameters.get("Action", ""), parameters)


def _response(request: AWSPreparedRequest, reply: Reply) -> AWSResponse:
    headers = HTTPHeaders()
    headers["Content-Type"] = "text/xml;charset=UTF-8"
    # A real urllib3 response, unread, as botocore's HTTP layer would have handed over.
    raw = HTTPResponse(io.BytesIO(reply.body), status=reply.status, preload_content=False)
    return AWSResponse(request.url, reply.status, headers, raw)


def answer_with(client: BaseClient, handler: Handler) -> None:
    """Have ``handler`` answer every request ``client`` makes, instead of any handler before."""

    def before_send(request: AWSPreparedRequest, **_: object) -> AWSResponse:
        return _response(request, reply_to(request, handler))

    events = client.meta.events
    events.unregister("before-send", unique_id=_HANDLER_ID)
    # botocore-stubs type handlers as returning None; before-send's may return the response.
    events.register("before-send", before_send, unique_id=_HANDLER_ID)  # type: ignore[arg-type]


def _unanswered(action: str, parameters: Mapping[str, str]) -> Reply:
    raise RuntimeError(f"nothing answers {action}: install a handler with answer_with()")


@cache
def _session() -> boto3.session.Session:
    """The one session every client comes from.

    botocore loads and caches the (large) EC2 service model per session, so after the first
    client each costs milliseconds. It reads no AWS profile, config or credentials file and no
    endpoint URL from the environment, so the caller's AWS setup cannot change or break it.
    """
    unread = (None, None, None, None)
    isolated = botocore.session.Session(
        session_vars={
            "profile": unread,
            "config_file": unread,
            "credentials_file": unread,
            "ignore_configured_endpoint_urls": (None, None, True, None),
        }
    )
    return boto3.session.Session(
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
        botocore_session=isolated,
    )


def make_client(handler: Handler = _unanswered) -> EC2Client:
    """A real EC2 client (dummy credentials, us-east-1, no retries) that ``handler`` answers.

    Without a handler every call raises ``RuntimeError`` until :func:`answer_with` installs
    one: no request ever reaches the network.
    """
    client = _session().client("ec2", config=_CONFIG)  # pyright: ignore[reportUnknownMemberType]
    answer_with(client, handler)
    return client


class LocalEC2(Ec2Service):
    """An in-memory EC2 and a real boto3 client it answers: ``LocalEC2().client``."""

    def __init__(self, backend: ExportImageTasksBackend | None = None) -> None:
        super().__init__(backend)
        self.client = make_client(self)
