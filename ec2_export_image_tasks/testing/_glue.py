"""What the botocore and aiobotocore glue share: the handler install, the session, the config.

A request is answered at botocore's ``before-send`` event, where a handler may return the
response instead of sending anything. The two clients differ only in the response object
(aiobotocore reads its body with ``await``), so each glue module passes its own ``respond``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar
from urllib.parse import parse_qsl, urlsplit

from botocore.exceptions import ConnectionClosedError, ReadTimeoutError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from botocore.awsrequest import AWSPreparedRequest
    from botocore.config import Config
    from botocore.hooks import BaseEventHooks
    from botocore.session import Session

    from ._handler import Handler, Reply

Response = TypeVar("Response")
ConfigT = TypeVar("ConfigT", bound="Config")

HANDLER_ID = "ec2_export_image_tasks.testing"
"""Names our ``before-send`` handler, so that installing another replaces it."""


def client_config(kind: type[ConfigT], max_attempts: int) -> ConfigT:
    """A client's config (botocore's or aiobotocore's ``kind``) for ``max_attempts`` tries.

    One by default: a retry would hide the error a test's handler returns, and call it again.
    Legacy mode is a default client's; standard mode would add MaxAttemptsReached to every answer.
    """
    if max_attempts < 1:
        raise ValueError(f"max_attempts must be at least 1, not {max_attempts!r}")
    return kind(retries={"mode": "legacy", "total_max_attempts": max_attempts})


_UNREAD = (None, None, None, None)
SESSION_VARIABLES = {
    "profile": _UNREAD,
    "config_file": _UNREAD,
    "credentials_file": _UNREAD,
    "region": (None, None, "us-east-1", None),
    "ignore_configured_endpoint_urls": (None, None, True, None),
}
"""A session's settings that read no AWS profile, config or credentials file and no endpoint URL
from the environment (so the caller's AWS setup cannot change or break it), in us-east-1 unless
a client says otherwise."""
CREDENTIALS = ("testing", "testing")


def form_parameters(request: AWSPreparedRequest) -> dict[str, str]:
    """The Query-protocol form fields of a request botocore prepared."""
    body = request.body
    text = body.decode() if isinstance(body, bytes) else str(body or "")
    return dict(parse_qsl(text, keep_blank_values=True))


def region_of(request: AWSPreparedRequest) -> str:
    """The region an EC2 request is for, from its host: ``ec2.{region}.amazonaws.com``."""
    labels = (urlsplit(request.url).hostname or "").split(".")
    if len(labels) < 3 or labels[0] != "ec2":
        raise RuntimeError(f"not an EC2 regional endpoint: {request.url}")
    return labels[1]


def install(
    events: BaseEventHooks | Session,
    choose: Callable[[AWSPreparedRequest], Handler],
    respond: Callable[[AWSPreparedRequest, Reply], Response],
) -> None:
    """Answer every request ``events`` sees with ``choose(request)``'s reply, made a response.

    ``events`` is a client's (``client.meta.events``) or a session's, for all its clients.

    Replaces the handler installed before, so a test may swap the service mid-way.
    """

    def before_send(request: AWSPreparedRequest, **_: object) -> Response:
        parameters = form_parameters(request)
        reply = choose(request)(parameters.get("Action", ""), parameters)
        return respond(request, reply)

    events.unregister("before-send", unique_id=HANDLER_ID)
    # The stubs type handlers as returning None; before-send's may return the response.
    events.register("before-send", before_send, unique_id=HANDLER_ID)  # type: ignore[arg-type]


def read_timeout_of(config: Config) -> float | None:
    """A client config's ``read_timeout`` (None: none); botocore sets it dynamically, untyped."""
    timeout: object = getattr(config, "read_timeout", None)
    return timeout if isinstance(timeout, int | float) else None


def waited(reply: Reply, read_timeout: float | None) -> float:
    """How long a client waits for ``reply``: its wait, cut at the client's read timeout.

    So a slow answer ends a boto3 call where a real socket's read would, not later.
    """
    return reply.wait if read_timeout is None else min(reply.wait, read_timeout)


def check_arrived(request: AWSPreparedRequest, reply: Reply, read_timeout: float | None) -> None:
    """After :func:`waited`: raise what the client sees instead of ``reply``, if anything.

    A read timeout if ``reply`` takes longer than the client waits, the error of a connection
    closed mid-way if it is :attr:`.Reply.lost`. Raised at ``before-send``, each is handled as
    one from botocore's HTTP layer: retried if the client allows it.
    """
    if read_timeout is not None and reply.wait > read_timeout:
        raise ReadTimeoutError(endpoint_url=request.url)
    if reply.lost:
        raise ConnectionClosedError(endpoint_url=request.url)


def unanswered(installer: str) -> Handler:
    """A handler that refuses every call, naming the function that installs a real one."""

    def refuse(action: str, parameters: Mapping[str, str]) -> Reply:
        raise RuntimeError(f"nothing answers {action}: install a handler with {installer}()")

    return refuse
