"""One exchange with EC2, minus HTTP: an Action and its form fields in, a status and XML out.

Pure, like the backend and the XML it joins: the glue (:mod:`._endpoint` for botocore,
:mod:`.aio` for aiobotocore) only carries these values in and out of a request.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from typing import TYPE_CHECKING, Generic, cast, overload

from .._clients import AsyncClientT, ClientT
from . import _xml
from ._backend import ExportImageTasksBackend
from ._errors import Ec2Error
from ._habits import LOST_ERRORS, Habits, dressed
from ._handler import Reply
from ._query import parse_cancel, parse_describe, parse_export

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from .._clients import AsyncEC2ClientProtocol, EC2ClientProtocol
    from ._handler import Handler


_request_numbers = itertools.count()


def _request_id() -> str:
    """A fresh request id for a reply; boto3 shows it as ``ResponseMetadata.RequestId``."""
    return f"local-{next(_request_numbers):08d}"


def error_reply(error: Ec2Error) -> Reply:
    """EC2's error document for ``error``, with its HTTP status: botocore raises ClientError."""
    return Reply(error.status, _xml.error(error.code, error.message, _request_id()))


def page_reply(tasks: Iterable[Mapping[str, object]], next_token: str | None = None) -> Reply:
    """A ``DescribeExportImageTasks`` page holding ``tasks``, each written as given, key for key.

    For a handler that scripts the service: pages of any size, a repeated or empty token. A
    task is any ``Mapping[str, object]``, not a ``TypedDict``, so that a script can send what
    EC2 must never send (an unknown key, a number where a string belongs: written as its text).
    """
    return Reply(200, _xml.describe_export_image_tasks(tasks, next_token, _request_id()))


def _check_writable(parameters: Mapping[str, str]) -> None:
    """Refuse text that no XML answer could carry back (a C0 control), before it is stored.

    Stored, it would make every later answer that holds it unwritable; echoed in an error
    message, it would make that error unwritable too. So the message names the character only.
    A ``ClientToken`` is never written back, so it may hold any ASCII character, as before.
    """
    for name, value in parameters.items():
        if name != "ClientToken" and (bad := _xml.unwritable(value)):
            raise Ec2Error(
                "InvalidParameterValue",
                f"Value for parameter {name} is invalid: it holds {bad}, "
                "which XML 1.0 cannot carry.",
            )


class LocalEC2(ExportImageTasksBackend, Generic[ClientT, AsyncClientT]):
    """An in-memory EC2 and a real boto3 client it answers: ``LocalEC2().client``.

    It answers ``DescribeExportImageTasks``, ``ExportImage`` and ``CancelExportTask`` with EC2's
    XML and error codes, from the state it holds. Seed it with :meth:`add_task`/:meth:`add_tasks`,
    and :attr:`images` and :attr:`buckets` for ``ExportImage`` to find; move time on with
    :meth:`advance`; see what was sent in :attr:`requests`. It is itself a :data:`Handler`, so
    an aiobotocore client can be answered by it too (:mod:`.aio`). ``habits`` has it play EC2's
    habits (:class:`.Habits`): tasks seen late, enum values in lower case, slow or lost answers.

    Its clients are typed as :class:`.EC2ClientProtocol` (and :class:`.AsyncEC2ClientProtocol`)
    unless you name your stubs' client classes: ``local: LocalEC2[EC2Client]`` (from
    ``mypy_boto3_ec2.client`` or ``types_boto3_ec2.client``) types :attr:`client` and
    ``make_client(local)`` as that class, and ``LocalEC2[EC2Client, AioEC2Client]`` types
    ``make_async_client(local)`` too (from ``types_aiobotocore_ec2.client``). Every stub family
    describes the same real botocore client, which is what these return. Checkers narrowing
    with ``isinstance(x, LocalEC2)`` leave the parameters unknown, not defaulted: annotate.
    """

    def __init__(
        self,
        clock: Callable[[], float] | None = None,
        *,
        export_seconds: float = 60.0,
        habits: Habits | None = None,
    ) -> None:
        super().__init__(clock, export_seconds=export_seconds, habits=habits)
        self.requests: list[dict[str, str]] = []
        """Each request's form fields, in order: ``Action``, ``MaxResults``, ``NextToken``, ..."""
        self._lost: Counter[str] = Counter()
        self._client: EC2ClientProtocol | None = None

    @property
    def client(self) -> ClientT:
        """A real boto3 EC2 client answered here (made on first use: boto3 loads then).

        Read-only: it is typed as the class the endpoint names, which only the endpoint's own
        client (botocore's) is sure to be.
        """
        if self._client is None:
            self._client = make_client(self)
        return cast("ClientT", self._client)

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        """Answer one request: its reply, or EC2's error document for what it got wrong.

        The action takes effect first; then the answer takes its time, and may be lost.
        """
        self.requests.append(dict(parameters))
        reply = self._answer(action, parameters)
        self.advance(self.habits.answer_seconds)
        if self._lost[action] < self.habits.lost_answers.get(action, 0):
            self._lost[action] += 1
            reply = self._lost_reply(reply)
        return dataclasses.replace(reply, wait=self.habits.answer_wait)

    def _lost_reply(self, reply: Reply) -> Reply:
        """What the client gets of an answer lost on the way, as :attr:`Habits.lost_as` says."""
        lost_as = self.habits.lost_as
        if lost_as == "connection":
            return dataclasses.replace(reply, lost=True)
        status, message = LOST_ERRORS[lost_as]
        return error_reply(Ec2Error(lost_as, message, status))

    def _answer(self, action: str, parameters: Mapping[str, str]) -> Reply:
        try:
            _check_writable(parameters)
            if action == "DescribeExportImageTasks":
                page = self._describe(parse_describe(parameters))
                return page_reply(map(self._dressed, page.tasks), page.next_token)
            if action == "ExportImage":
                result = self._export_image(parse_export(parameters))
                return self._reply(action, self._dressed(result))
            if action == "CancelExportTask":
                self._cancel_export_task(parse_cancel(parameters))
                return self._reply(action, {"Return": "true"})
            raise Ec2Error(
                "InvalidAction", f"The action {action} is not valid for this web service."
            )
        except Ec2Error as error:
            return error_reply(error)

    def _dressed(self, task: Mapping[str, object]) -> Mapping[str, object]:
        return dressed(self.habits, task)

    @staticmethod
    def _reply(action: str, members: Mapping[str, object]) -> Reply:
        return Reply(200, _xml.response(action, members, _request_id()))


@overload
def make_client(
    handler: LocalEC2[ClientT, AsyncEC2ClientProtocol], *, max_attempts: int = 1
) -> ClientT: ...
@overload
def make_client(handler: Handler | None = None, *, max_attempts: int = 1) -> EC2ClientProtocol: ...
def make_client(handler: Handler | None = None, *, max_attempts: int = 1) -> EC2ClientProtocol:
    """A real EC2 client (dummy credentials, us-east-1) that ``handler`` answers.

    Without a handler every call raises ``RuntimeError`` until :func:`.answer_with` installs
    one: no request ever reaches the network. Each call is tried once, unless ``max_attempts``
    lets botocore retry (to test code that must survive a dropped response, say).

    Typed as the client class a :class:`LocalEC2` handler names (``LocalEC2[EC2Client]``), else
    as :class:`.EC2ClientProtocol`: the client is botocore's, which every stub family describes.
    """
    from ._endpoint import new_client  # here: the pure service needs no botocore

    return new_client(handler, max_attempts)
