"""An in-memory EC2 holding export image tasks: the service's state and rules, no wire format.

Seeded tasks are kept as raw boto3-form dicts, exactly as given, so that a test can seed what the
real service must never send (a status outside the four, a 128-code-point tag key) and see how a
client copes. Exports started by ``ExportImage`` are state too: each knows when it started and,
if cancelled, when; what ``DescribeExportImageTasks`` shows is computed from that at the clock's
present, so nothing is ever rewritten behind a reader's back. Nothing here knows XML or botocore.

Where each error code comes from:

- EC2 API Reference, "Error codes for the Amazon EC2 API" (common and per-action client errors):
  ``UnauthorizedOperation``, ``DryRunOperation``, ``IdempotentParameterMismatch``,
  ``InvalidParameterValue``, ``MissingParameter``, ``InvalidPaginationToken``,
  ``InvalidAMIID.Malformed``, ``InvalidAMIID.NotFound``, ``InvalidExportTaskID.Malformed``,
  ``InvalidExportTaskID.NotFound``, ``InvalidExportImageTaskId.NotFound`` and ``IncorrectState``.
- A documented guess, where AWS names no code: a bucket that does not exist (the ExportImage
  reference says only "The destination bucket must exist") is ``InvalidParameter``, the code EC2
  uses for VM Import/Export's bucket and role checks; cancelling a task that is no longer active
  (the CancelExportTask reference: "If the export task is complete or is in the process of
  transferring the final disk image, the command fails and returns an error") is
  ``IncorrectState``; a client token over 64 characters, a description over 255 and a tag
  specification for another resource type are ``InvalidParameterValue``.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import itertools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from ..models import ExportImageTask, ExportImageTaskStatus, Tag
from ..models.request import TASK_STATE

MAX_RESULTS = 500
"""The largest ``MaxResults`` EC2 accepts; without ``MaxResults`` a page holds every task left."""
DISK_IMAGE_FORMATS = ("VMDK", "RAW", "VHD")
DEFAULT_ROLE_NAME = "vmimport"
"""The role EC2 uses when ``ExportImage`` names none."""
EXPORT_TASK_RESOURCE = "export-image-task"
"""The one resource type ``ExportImage``'s ``TagSpecifications`` may name."""
MAX_CLIENT_TOKEN = 64
MAX_DESCRIPTION = 255

_AMI_ID = re.compile(r"ami-(?:[0-9a-f]{8}|[0-9a-f]{17})")
_EXPORT_TASK_ID = re.compile(r"export-(?:ami|i)-(?:[0-9a-f]{8}|[0-9a-f]{17})")
# Every field of an export task that DescribeExportImageTasks shows and time does not change.
_DESCRIBED = ("Description", "ExportImageTaskId", "ImageId", "S3ExportLocation", "Tags")

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


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One ``ExportImage`` request's parameters, as sent and not yet checked.

    ``tag_specifications`` are (resource type, tags) pairs, each tag a (key, value) pair.
    """

    image_id: str
    disk_image_format: str
    s3_bucket: str
    s3_prefix: str | None = None
    role_name: str | None = None
    description: str | None = None
    tag_specifications: Sequence[tuple[str, Sequence[tuple[str, str]]]] = ()
    client_token: str | None = None
    dry_run: bool = False


@dataclass(slots=True)
class _Stored:
    """A task as held: what was given or created, and its timeline.

    A seeded task (``started`` None) shows exactly what was given until it is cancelled; an
    export progresses from ``started`` to completed over ``seconds``.
    """

    task: Task
    started: float | None = None
    seconds: float = 0.0
    cancelled: float | None = None
    deleting_seconds: float = 0.0

    @property
    def task_id(self) -> object:
        return self.task.get("ExportImageTaskId")

    def as_of(self, now: float) -> Task:
        """The task as ``DescribeExportImageTasks`` shows it at ``now``."""
        if self.cancelled is not None:
            gone = now - self.cancelled >= self.deleting_seconds
            status = ExportImageTaskStatus.DELETED if gone else ExportImageTaskStatus.DELETING
            return self._stable() | {
                "Status": status.value,
                "StatusMessage": "Cancelled by the user",
            }
        if self.started is None:
            return self.task
        done = (now - self.started) / self.seconds if self.seconds > 0 else 1.0
        if done >= 1:
            return self._stable() | {"Status": ExportImageTaskStatus.COMPLETED.value}
        step = "converting" if done < 0.5 else "uploading"
        percent = int(done * 100 + 1e-9)  # 0.6 of the way is 60%, whatever the float says
        return self._stable() | {
            "Status": "active",
            "Progress": str(percent),
            "StatusMessage": step,
        }

    def _stable(self) -> dict[str, object]:
        return {key: self.task[key] for key in _DESCRIBED if key in self.task}


class ExportImageTasksBackend:
    """The tasks, and the three actions answered from them with EC2's errors.

    ``clock`` gives the present in seconds; without one, time stands still until
    :meth:`advance` moves it, so a test decides exactly how far an export has got.
    """

    def __init__(
        self, clock: Callable[[], float] | None = None, *, export_seconds: float = 60.0
    ) -> None:
        self._clock = clock
        self._advanced = 0.0
        self.export_seconds = export_seconds
        """How long an export started by ``ExportImage`` takes, start to completed."""
        self.deleting_seconds = 2.0
        """How long a task cancelled by ``CancelExportTask`` stays ``deleting``."""
        self.authorized = True
        """False makes every request fail with ``UnauthorizedOperation``, DryRun or not."""
        self.images: set[str] = set()
        """The AMI ids ``ExportImage`` finds; any other is ``InvalidAMIID.NotFound``."""
        self.buckets: set[str] = set()
        """The S3 buckets ``ExportImage`` may write to; any other is ``InvalidParameter``."""
        self._stored: list[_Stored] = []
        self._by_token: dict[str, tuple[ExportRequest, _Stored]] = {}
        self._export_numbers = itertools.count(0xD000)

    def now(self) -> float:
        """The present: the clock's reading plus every :meth:`advance`."""
        return (0.0 if self._clock is None else self._clock()) + self._advanced

    def advance(self, seconds: float) -> None:
        """Move time on by ``seconds``: exports progress, cancelled ones finish deleting.

        Its shape is ``time.sleep``'s, so code under test that sleeps can be handed this.
        """
        if seconds < 0:
            raise ValueError(f"time only moves forward: advance({seconds!r})")
        self._advanced += seconds

    @property
    def tasks(self) -> list[Task]:
        """Every task as it stands now, in the order added (the order answers list them in)."""
        now = self.now()
        return [stored.as_of(now) for stored in self._stored]

    def add_task(self, task: ExportImageTask | Task) -> Task:
        """Store a task: a model as its ``to_boto()``, or a raw dict as given (a shallow copy)."""
        raw: Task = task.to_boto() if isinstance(task, ExportImageTask) else dict(task)
        self._stored.append(_Stored(raw))
        return raw

    def add_tasks(
        self, count: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
    ) -> list[Task]:
        """Store ``count`` valid tasks (:func:`sample_task`), numbered on from the tasks held."""
        start = len(self._stored)
        return [
            self.add_task(sample_task(number, status)) for number in range(start, start + count)
        ]

    def check_access(self, dry_run: bool) -> None:
        """EC2's answer before anything else: not permitted, or permitted but only a DryRun."""
        if not self.authorized:
            raise Ec2Error(
                "UnauthorizedOperation", "You are not authorized to perform this operation.", 403
            )
        if dry_run:
            raise Ec2Error(
                "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412
            )

    def describe(self, query: DescribeQuery) -> TaskPage:
        """Answer ``query`` as EC2 does, or raise the :class:`Ec2Error` EC2 would send."""
        self.check_access(query.dry_run)
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

    def export_image(self, request: ExportRequest) -> Task:
        """Start an export as ``ExportImage`` does; the answer is ``ExportImage``'s result.

        The same ``client_token`` with the same parameters is the same export, answered as it
        stands now (a retried request starts nothing); with other parameters it is refused.
        """
        self.check_access(request.dry_run)
        token = request.client_token
        if token is not None:
            _check_client_token(token)
            if token in self._by_token:
                return self._repeat(token, request)
        _check_export(request, self.images, self.buckets)
        stored = _Stored(self._new_export(request), self.now(), self.export_seconds)
        self._stored.append(stored)
        if token is not None:
            self._by_token[token] = (_without_token(request), stored)
        return _export_result(stored, request, self.now())

    def _repeat(self, token: str, request: ExportRequest) -> Task:
        first, stored = self._by_token[token]
        if first != _without_token(request):
            raise Ec2Error(
                "IdempotentParameterMismatch",
                f"The client token '{token}' was used before with other parameters.",
            )
        return _export_result(stored, request, self.now())

    def _new_export(self, request: ExportRequest) -> Task:
        held = {stored.task_id for stored in self._stored}
        task_id = next(
            candidate
            for number in self._export_numbers
            if (candidate := f"export-ami-{number:017x}") not in held
        )
        location = {"S3Bucket": request.s3_bucket}
        if request.s3_prefix is not None:
            location["S3Prefix"] = request.s3_prefix
        task: dict[str, object] = {
            "ExportImageTaskId": task_id,
            "ImageId": request.image_id,
            "S3ExportLocation": location,
        }
        if request.description is not None:
            task["Description"] = request.description
        tags = [
            {"Key": key, "Value": value}
            for _, pairs in request.tag_specifications
            for key, value in pairs
        ]
        if tags:
            task["Tags"] = tags
        return task

    def cancel_export_task(self, task_id: str) -> None:
        """Cancel an active task as ``CancelExportTask`` does: it is deleting, then deleted."""
        self.check_access(dry_run=False)
        if not _EXPORT_TASK_ID.fullmatch(task_id):
            raise Ec2Error(
                "InvalidExportTaskID.Malformed",
                f"The export task ID '{task_id}' is malformed: "
                "expected export-ami- and 17 hex digits",
            )
        stored = next((stored for stored in self._stored if stored.task_id == task_id), None)
        if stored is None:
            raise Ec2Error(
                "InvalidExportTaskID.NotFound", f"The export task ID '{task_id}' does not exist"
            )
        now = self.now()
        status = stored.as_of(now).get("Status")
        if status != ExportImageTaskStatus.ACTIVE.value:
            raise Ec2Error(
                "IncorrectState",
                f"The export task '{task_id}' is {status}: only an active export can be cancelled",
            )
        stored.cancelled = now
        stored.deleting_seconds = self.deleting_seconds


def _without_token(request: ExportRequest) -> ExportRequest:
    """The parameters a client token stands for: all but the token and DryRun."""
    return dataclasses.replace(request, client_token=None, dry_run=False)


def _export_result(stored: _Stored, request: ExportRequest, now: float) -> Task:
    role = DEFAULT_ROLE_NAME if request.role_name is None else request.role_name
    return {**stored.as_of(now), "DiskImageFormat": request.disk_image_format, "RoleName": role}


def _check_client_token(token: str) -> None:
    if len(token) > MAX_CLIENT_TOKEN or not token.isascii():
        raise Ec2Error(
            "InvalidParameterValue",
            f"Value ({token}) for parameter ClientToken is invalid: "
            f"at most {MAX_CLIENT_TOKEN} ASCII characters.",
        )


def _check_export(request: ExportRequest, images: set[str], buckets: set[str]) -> None:
    """Refuse what EC2 refuses in an ``ExportImage`` request, in the order it checks."""
    image_id = request.image_id
    if not _AMI_ID.fullmatch(image_id):
        raise Ec2Error("InvalidAMIID.Malformed", f'Invalid id: "{image_id}" (expecting "ami-...")')
    if image_id not in images:
        raise Ec2Error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
    if request.disk_image_format not in DISK_IMAGE_FORMATS:
        raise Ec2Error(
            "InvalidParameterValue",
            f"Value ({request.disk_image_format}) for parameter DiskImageFormat is invalid. "
            f"Expecting one of {', '.join(DISK_IMAGE_FORMATS)}.",
        )
    if request.s3_bucket not in buckets:
        raise Ec2Error(
            "InvalidParameter",
            f"The S3 bucket '{request.s3_bucket}' does not exist, "
            "or you do not have permission to write to it.",
        )
    if request.description is not None and len(request.description) > MAX_DESCRIPTION:
        raise Ec2Error(
            "InvalidParameterValue",
            f"The description is {len(request.description)} characters; "
            f"the maximum is {MAX_DESCRIPTION}.",
        )
    for resource_type, tags in request.tag_specifications:
        _check_tags(resource_type, tags)


def _check_tags(resource_type: str, tags: Sequence[tuple[str, str]]) -> None:
    """Tags are checked with the :class:`~..models.Tag` model, as EC2 checks tags."""
    if resource_type != EXPORT_TASK_RESOURCE:
        raise Ec2Error(
            "InvalidParameterValue",
            f"'{resource_type}' is not a valid taggable resource type for this operation: "
            f"use '{EXPORT_TASK_RESOURCE}'.",
        )
    seen: set[str] = set()
    for key, value in tags:
        try:
            Tag(key=key, value=value)
        except ValidationError as error:
            reason = error.errors()[0]["msg"]
            raise Ec2Error("InvalidParameterValue", f"Tag {key!r}: {reason}") from None
        if key in seen:
            raise Ec2Error("InvalidParameterValue", f"Duplicate tag key '{key}' specified.")
        seen.add(key)


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
