"""An in-memory EC2 holding export image tasks; pure data and rules, no botocore.

Tasks are kept as raw boto3-form dicts, exactly as given, so a test can seed what the real
service must never send (a status outside the four, a 128-code-point tag key) and see how
a client copes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..models import ExportImageTask, ExportImageTaskStatus

MAX_RESULTS = 500


class Ec2Error(Exception):
    """An error the service answers with; ``status`` is the HTTP status it comes with."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True, slots=True)
class DescribeQuery:
    """The parsed parameters of one ``DescribeExportImageTasks`` request."""

    task_ids: Sequence[str] = ()
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict[str, Sequence[str]])
    max_results: int | None = None
    next_token: str | None = None
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class TaskPage:
    """One answer: the tasks on this page, and the token for the next (None when done)."""

    tasks: Sequence[Mapping[str, object]]
    next_token: str | None


class ExportImageTasksBackend:
    """The service's state and rules for ``DescribeExportImageTasks``."""

    def __init__(self) -> None:
        self.tasks: list[Mapping[str, object]] = []
        self.authorized = True
        """False makes every request fail with ``UnauthorizedOperation``, DryRun or not."""

    def add_task(self, task: ExportImageTask | Mapping[str, object]) -> Mapping[str, object]:
        """Store a task as given: a model, or a raw boto3 dict that may break the contract."""
        raw = task.to_boto() if isinstance(task, ExportImageTask) else dict(task)
        self.tasks.append(raw)
        return raw

    def add_tasks(
        self, count: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
    ) -> list[Mapping[str, object]]:
        """``count`` valid tasks with deterministic ids, numbered after those already held."""
        start = len(self.tasks)
        return [
            self.add_task(sample_task(number, status)) for number in range(start, start + count)
        ]

    def describe(self, query: DescribeQuery) -> TaskPage:
        """Answer a query as EC2 does, or raise :class:`Ec2Error`."""
        if not self.authorized:
            raise Ec2Error(
                "UnauthorizedOperation", "You are not authorized to perform this operation.", 403
            )
        if query.dry_run:
            raise Ec2Error(
                "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412
            )
        matching = self._matching(query)
        start = self._offset(query)
        size = len(matching) if query.max_results is None else query.max_results
        end = start + size
        next_token = _token(end, query) if end < len(matching) else None
        return TaskPage(matching[start:end], next_token)

    def _matching(self, query: DescribeQuery) -> list[Mapping[str, object]]:
        by_id = {task.get("ExportImageTaskId"): task for task in self.tasks}
        for task_id in query.task_ids:
            if task_id not in by_id:
                raise Ec2Error(
                    "InvalidExportImageTaskId.NotFound",
                    f"The export image task ID '{task_id}' does not exist",
                )
        tasks = [by_id[task_id] for task_id in query.task_ids] if query.task_ids else self.tasks
        for name, values in query.filters.items():
            if name != "task-state":
                raise Ec2Error("InvalidParameterValue", f"The filter '{name}' is invalid")
            tasks = [task for task in tasks if task.get("Status") in values]
        return tasks

    def _offset(self, query: DescribeQuery) -> int:
        if query.max_results is not None and not 1 <= query.max_results <= MAX_RESULTS:
            raise Ec2Error(
                "InvalidParameterValue",
                f"Value ({query.max_results}) for parameter maxResults is invalid. "
                f"Expecting a value between 1 and {MAX_RESULTS}.",
            )
        if query.next_token is None:
            return 0
        try:
            payload = json.loads(base64.b64decode(query.next_token, validate=True))
            offset, fingerprint = int(payload["offset"]), str(payload["query"])
        except (ValueError, KeyError, TypeError) as error:
            raise _invalid_token(query.next_token) from error
        if fingerprint != _fingerprint(query):
            raise _invalid_token(query.next_token)
        return offset


def _fingerprint(query: DescribeQuery) -> str:
    # A token is only good for the query that issued it, as with the real service.
    shape = [sorted(query.task_ids), sorted((k, sorted(v)) for k, v in query.filters.items())]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def _token(offset: int, query: DescribeQuery) -> str:
    payload = json.dumps({"offset": offset, "query": _fingerprint(query)})
    return base64.b64encode(payload.encode()).decode()


def _invalid_token(token: str) -> Ec2Error:
    return Ec2Error("InvalidPaginationToken", f"The pagination token '{token}' is invalid")


def sample_task(
    number: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
) -> ExportImageTask:
    """A valid task; the same ``number`` gives the same task. Only an active one has progress."""
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
