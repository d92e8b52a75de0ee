"""One exchange with EC2, minus HTTP: an Action and its form fields in, a status and XML out.

Pure, like the backend and the XML it joins: the botocore glue (:mod:`.endpoint`) only carries
these values in and out of a request, so a client of another kind (aiobotocore's, say) needs
only its own few lines of glue around the same handler.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import ExportImageTaskStatus
from . import xml
from .backend import Ec2Error, ExportImageTasksBackend, Task
from .query import parse_describe

if TYPE_CHECKING:
    from ..models import ExportImageTask


@dataclass(frozen=True, slots=True)
class Reply:
    """What the service sends back: an HTTP status and an XML body."""

    status: int
    body: bytes


Handler = Callable[[str, Mapping[str, str]], Reply]
"""Takes a request's ``Action`` and all its form fields (``Action`` included); gives the reply.

Any function of this shape can play the service: see :func:`.endpoint.answer_with`.
"""

_request_numbers = itertools.count()


def request_id() -> str:
    """A fresh request id for a reply; boto3 shows it as ``ResponseMetadata.RequestId``."""
    return f"local-{next(_request_numbers):08d}"


def error_reply(error: Ec2Error) -> Reply:
    """EC2's error document for ``error``, with its HTTP status."""
    return Reply(error.status, xml.error(error.code, error.message, request_id()))


class Ec2Service:
    """A :data:`Handler` answering ``DescribeExportImageTasks`` from a backend.

    Records every request it answers, so that a test can check what was sent, or that nothing
    was. ``add_task``, ``add_tasks`` and ``authorized`` are the backend's, at hand.
    """

    def __init__(self, backend: ExportImageTasksBackend | None = None) -> None:
        self.backend = ExportImageTasksBackend() if backend is None else backend
        self.requests: list[dict[str, str]] = []
        """Each request's form fields, in order: ``Action``, ``MaxResults``, ``NextToken``, ..."""

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(dict(parameters))
        answer = self.answers().get(action)
        try:
            if answer is None:
                raise Ec2Error(
                    "InvalidAction", f"The action {action} is not valid for this web service."
                )
            return answer(parameters)
        except Ec2Error as error:
            return error_reply(error)

    def answers(self) -> Mapping[str, Callable[[Mapping[str, str]], Reply]]:
        """The actions answered, by name; a service that answers more extends this."""
        return {"DescribeExportImageTasks": self._describe}

    def _describe(self, parameters: Mapping[str, str]) -> Reply:
        page = self.backend.describe(parse_describe(parameters))
        body = xml.describe_export_image_tasks(page.tasks, page.next_token, request_id())
        return Reply(200, body)

    def add_task(self, task: ExportImageTask | Task) -> Task:
        """See :meth:`.ExportImageTasksBackend.add_task`."""
        return self.backend.add_task(task)

    def add_tasks(
        self, count: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
    ) -> list[Task]:
        """See :meth:`.ExportImageTasksBackend.add_tasks`."""
        return self.backend.add_tasks(count, status)

    @property
    def authorized(self) -> bool:
        """False makes every request fail with ``UnauthorizedOperation``."""
        return self.backend.authorized

    @authorized.setter
    def authorized(self, value: bool) -> None:
        self.backend.authorized = value
