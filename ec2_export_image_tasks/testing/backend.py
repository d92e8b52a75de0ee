"""An in-memory EC2 holding export image tasks: the service's state and rules, no wire format.

Tasks are kept as raw boto3-form dicts, exactly as given, so that a test can seed what the real
service must never send (a status outside the four, a 128-code-point tag key) and see how a
client copes. Nothing here knows XML or botocore: :mod:`.service` does the wire.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import ExportImageTask, ExportImageTaskStatus
from ..models.request import TASK_STATE

MAX_RESULTS = 500
"""The largest ``MaxResults`` EC2 accepts; without ``MaxResults`` a page holds every task left."""

Task = Mapping[str, object]
"""A task in boto3's form, valid or not."""


class Ec2Error(Exception):
    """An error the service answers with: EC2's error code, message, and HTTP status."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class DescribeQuery:
    """One ``DescribeExportImageTasks`` request's parameters, lists in the order sent.

    ``filters`` are (name, values) pairs: a task must match every filter, and a filter matches
    when the task's value is any of its values, as in EC2.
    """

    task_ids: Sequence[str] = ()
    filters: Sequence[tuple[str, Sequence[str]]] = ()
    max_results: int | None = None
    next_token: str | None = None
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class TaskPage:
    """One answer: the tasks on this page, and the token for the next (None on the last)."""

    tasks: Sequence[Task]
    next_token: str | None


class ExportImageTasksBackend:
    """The tasks, and ``DescribeExportImageTasks`` answered from them with EC2's errors."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        """In the order added, the order answers list them in (by ids: the ids' order)."""
        self.authorized = True
        """False makes every request fail with ``UnauthorizedOperation``, DryRun or not."""

    def add_task(self, task: ExportImageTask | Task) -> Task:
        """Store a task: a model as its ``to_boto()``, or a raw dict as given (a shallow copy)."""
        raw: Task = task.to_boto() if isinstance(task, ExportImageTask) else dict(task)
        self.tasks.append(raw)
        return raw

    def add_tasks(
        self, count: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
    ) -> list[Task]:
        """Store ``count`` valid tasks (:func:`sample_task`), numbered on from the tasks held."""
        start = len(self.tasks)
        return [
            self.add_task(sample_task(number, status)) for number in range(start, start + count)
        ]

    def require_authorized(self) -> None:
        """EC2's answer to any request from a caller without the permission."""
        if not self.authorized:
            raise Ec2Error(
                "UnauthorizedOperation", "You are not authorized to perform this operation.", 403
            )

    @staticmethod
    def refuse_dry_run(dry_run: bool) -> None:
        """EC2's answer to a DryRun request that would have succeeded."""
        if dry_run:
            raise Ec2Error(
                "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412
            )

    def describe(self, query: DescribeQuery) -> TaskPage:
        """Answer ``query`` as EC2 does, or raise the :class:`Ec2Error` EC2 would send."""
        self.require_authorized()
        self.refuse_dry_run(query.dry_run)
        size = _page_size(query.max_results)
        matching = self._matching(query)
        start = 0 if query.next_token is None else _offset(query.next_token, query)
        end = len(matching) if size is None else start + size
        next_token = _token(end, query) if end < len(matching) else None
        return TaskPage(matching[start:end], next_token)

    def _matching(self, query: DescribeQuery) -> list[Task]:
        tasks = self.tasks
        if query.task_ids:
            by_id = {task.get("ExportImageTaskId"): task for task in tasks}
            for task_id in query.task_ids:
                if task_id not in by_id:
                    raise Ec2Error(
                        "InvalidExportImageTaskId.NotFound",
                        f"The export image task ID '{task_id}' does not exist",
                    )
            tasks = [by_id[task_id] for task_id in dict.fromkeys(query.task_ids)]
        for name, values in query.filters:
            if name != TASK_STATE:
                raise Ec2Error("InvalidParameterValue", f"The filter '{name}' is invalid")
            tasks = [task for task in tasks if task.get("Status") in values]
        return tasks


def _page_size(max_results: int | None) -> int | None:
    if max_results is not None and not 1 <= max_results <= MAX_RESULTS:
        raise Ec2Error(
            "InvalidParameterValue",
            f"Value ( {max_results} ) for parameter maxResults is invalid. "
            f"Expecting a value between 1 and {MAX_RESULTS}.",
        )
    return max_results


# A token is base64 of {"offset": N, "query": fingerprint}: opaque to the client, and good only
# for the query that was given it, as with the real service (which refuses a token replayed
# with other filters or ids).


def _fingerprint(query: DescribeQuery) -> str:
    shape = [list(query.task_ids), [[name, list(values)] for name, values in query.filters]]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def _token(offset: int, query: DescribeQuery) -> str:
    payload = json.dumps({"offset": offset, "query": _fingerprint(query)})
    return base64.b64encode(payload.encode()).decode()


def _offset(token: str, query: DescribeQuery) -> int:
    """Where the page ``token`` asks for starts, if this backend issued it for this query."""
    try:
        payload = json.loads(base64.b64decode(token, validate=True))
        offset, fingerprint = payload["offset"], payload["query"]
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise _invalid_token() from error
    if type(offset) is not int or offset < 0 or fingerprint != _fingerprint(query):
        raise _invalid_token()
    return offset


def _invalid_token() -> Ec2Error:
    return Ec2Error("InvalidPaginationToken", "Invalid pagination token")


def sample_task(
    number: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
) -> ExportImageTask:
    """A valid task, the same for the same ``number``; its id is ``export-ami-`` + 17 hex digits.

    Only an active task has ``Progress`` and ``StatusMessage``, as in EC2's answers.
    """
    task: dict[str, object] = {
        "Description": f"nightly export {number}",
        "ExportImageTaskId": f"export-ami-{number:017x}",
        "ImageId": f"ami-{number:017x}",
        "S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "images/"},
        "Status": status.value,
        "Tags": [{"Key": "team", "Value": "imaging"}, {"Key": "number", "Value": str(number)}],
    }
    if status is ExportImageTaskStatus.ACTIVE:
        task |= {"Progress": str(number % 101), "StatusMessage": "converting"}
    return ExportImageTask.model_validate(task)
