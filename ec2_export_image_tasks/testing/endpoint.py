"""The botocore glue: answer a real client's requests at ``before-send``, never on the network.

botocore serializes each request and parses each answer itself; only the HTTP exchange is
replaced. ``answer_with`` takes any handler, so a test can also play a misbehaving service.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config

from . import xml
from .backend import DescribeQuery, Ec2Error, ExportImageTasksBackend

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest
    from mypy_boto3_ec2.client import EC2Client


@dataclass(frozen=True, slots=True)
class Reply:
    """What the service sends back: an HTTP status and an XML body."""

    status: int
    body: bytes


Handler = Callable[[str, Mapping[str, str]], Reply]
"""Takes the request's Action and its form parameters; returns the reply."""

_request_ids = (f"local-{number:08d}" for number in itertools.count())


def request_id() -> str:
    """A fresh request id for a reply."""
    return next(_request_ids)


def error_reply(error: Ec2Error) -> Reply:
    """The EC2 error document for ``error``, with its HTTP status."""
    return Reply(error.status, xml.error(error.code, error.message, request_id()))


class _Body:
    """The part of urllib3's response that botocore reads."""

    def __init__(self, content: bytes) -> None:
        self._content = content

    def stream(self, **_: object) -> Any:
        yield self._content


def form_parameters(request: AWSPreparedRequest) -> dict[str, str]:
    """The Query-protocol form fields of a request botocore prepared."""
    body = request.body
    text = body.decode() if isinstance(body, bytes) else str(body or "")
    return dict(parse_qsl(text, keep_blank_values=True))


def answer_with(client: EC2Client, handler: Handler) -> None:
    """Have ``handler`` answer every EC2 request ``client`` makes."""

    def before_send(request: AWSPreparedRequest, **_: object) -> AWSResponse:
        parameters = form_parameters(request)
        reply = handler(parameters.get("Action", ""), parameters)
        return AWSResponse(request.url, reply.status, {}, _Body(reply.body))  # type: ignore[arg-type]

    client.meta.events.register("before-send.ec2", before_send)  # type: ignore[arg-type]


@cache
def _session() -> boto3.session.Session:
    # One session: botocore caches the (large) EC2 service model per session.
    return boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )


def make_client() -> EC2Client:
    """A real EC2 client with dummy credentials, one attempt per call (no retries to hide)."""
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"})
    return _session().client("ec2", config=config)  # pyright: ignore[reportUnknownMemberType]


def parse_describe(parameters: Mapping[str, str]) -> DescribeQuery:
    """``DescribeExportImageTasks``' form fields (``Filter.1.Value.2=...``) as a query."""
    ids = [
        value for key, value in sorted(parameters.items()) if key.startswith("ExportImageTaskId.")
    ]
    filters: dict[str, list[str]] = {}
    for key, name in parameters.items():
        if key.startswith("Filter.") and key.endswith(".Name"):
            prefix = key.removesuffix("Name") + "Value."
            filters[name] = [value for k, value in parameters.items() if k.startswith(prefix)]
    max_results = parameters.get("MaxResults")
    return DescribeQuery(
        task_ids=ids,
        filters=filters,
        max_results=None if max_results is None else int(max_results),
        next_token=parameters.get("NextToken"),
        dry_run=parameters.get("DryRun") == "true",
    )


class LocalEC2:
    """A backend and a real boto3 EC2 client wired to it; records every request it answers."""

    def __init__(self, backend: ExportImageTasksBackend | None = None) -> None:
        self.backend = backend or ExportImageTasksBackend()
        self.requests: list[dict[str, str]] = []
        """Each request's form parameters, in order (``Action``, ``NextToken``, ...)."""
        self.actions: dict[str, Callable[[Mapping[str, str]], Reply]] = {
            "DescribeExportImageTasks": self._describe
        }
        """The actions answered; add one to serve another operation."""
        self.client = make_client()
        answer_with(self.client, self._handle)

    def _handle(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(dict(parameters))
        answer = self.actions.get(action)
        if answer is None:
            return error_reply(Ec2Error("InvalidAction", f"The action {action} is not valid"))
        try:
            return answer(parameters)
        except Ec2Error as error:
            return error_reply(error)

    def _describe(self, parameters: Mapping[str, str]) -> Reply:
        page = self.backend.describe(parse_describe(parameters))
        return Reply(
            200, xml.describe_export_image_tasks(page.tasks, page.next_token, request_id())
        )
