"""An in-memory EC2 holding export image tasks: the service's state and rules, no wire format.

Seeded tasks are kept as raw boto3-form dicts, exactly as given, so that a test can seed what the
real service must never send (a status outside the four, a 128-code-point tag key) and see how a
client copes. Exports started by ``ExportImage`` are state too: each knows when it started and,
if cancelled, when; what ``DescribeExportImageTasks`` shows is computed from that at the clock's
present, so nothing is ever rewritten behind a reader's back. Nothing here knows XML or botocore.
The error codes and where they come from: :mod:`._errors`.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from ..models import ExportImageTask, ExportImageTaskStatus
from ..models._facts import (
    DEFAULT_ROLE_NAME,
    EXPORT_IMAGE_TASK_ID_PREFIX,
    EXPORT_INSTANCE_TASK_ID_PREFIX,
    EXPORT_TASK_ID_PATTERN,
    IMAGE_ID_PREFIX,
    TASK_STATE_FILTER,
)
from ._errors import Ec2Error
from ._export_rules import (
    ExportRequest,
    check_client_token,
    check_export,
    without_token,
)
from ._habits import Habits, visible
from ._lifecycle import StoredTask, Task
from ._paging import DescribeQuery, TaskPage, offset_of, page_size, token_for

if TYPE_CHECKING:
    from collections.abc import Callable

_EXPORT_TASK_ID = re.compile(EXPORT_TASK_ID_PATTERN)


class ExportImageTasksBackend:
    """The tasks, and the three actions answered from them with EC2's errors.

    ``clock`` gives the present in seconds; without one, time stands still until
    :meth:`advance` moves it, so a test decides exactly how far an export has got.
    """

    def __init__(
        self,
        clock: Callable[[], float] | None = None,
        *,
        export_seconds: float = 60.0,
        habits: Habits | None = None,
    ) -> None:
        self._clock = clock
        self.habits: Habits = Habits() if habits is None else habits
        """The EC2 habits played (:class:`.Habits`); replace it to change them mid-test."""
        self._advanced = 0.0
        self.export_seconds = export_seconds
        """How long an export started by ``ExportImage`` takes, start to completed."""
        self.deleting_seconds: float = 2.0
        """How long a task cancelled by ``CancelExportTask`` stays ``deleting``."""
        self.authorized = True
        """False makes every request fail with ``UnauthorizedOperation``, DryRun or not."""
        self.images: set[str] = set()
        """The AMI ids ``ExportImage`` finds; any other is ``InvalidAMIID.NotFound``."""
        self.buckets: set[str] = set()
        """The S3 buckets ``ExportImage`` may write to; any other is ``InvalidParameter``."""
        self._stored: list[StoredTask] = []
        self._by_token: dict[str, tuple[ExportRequest, StoredTask]] = {}
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
    def tasks(self) -> tuple[Task, ...]:
        """Every task as it stands now, in the order added (the order answers list them in).

        A snapshot, so a tuple: seed with :meth:`add_task`, change with the client's calls.
        Each task is in boto3's form, key for key as seeded, and typed ``Mapping[str, object]``
        because that is all that holds: a seeded task is never checked (seeding what EC2 must
        never send, a status outside the four or a key of its own, is what seeding is for), so
        no ``TypedDict`` would be true of every one, and the model cannot hold an invalid one.
        For a typed view of a valid task, ``ExportImageTask.model_validate(task)``.
        """
        now = self.now()
        return tuple(stored.as_of(now) for stored in self._stored)

    def add_task(self, task: ExportImageTask | Task) -> Task:
        """Store a task: a model as its ``to_boto()``, or a raw dict as given (a shallow copy)."""
        raw: Task = task.to_boto() if isinstance(task, ExportImageTask) else dict(task)
        self._stored.append(StoredTask(raw))
        return raw

    def add_tasks(
        self, count: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
    ) -> list[Task]:
        """Store ``count`` valid tasks (:func:`sample_task`), numbered on from the tasks held."""
        start = len(self._stored)
        return [
            self.add_task(sample_task(number, status)) for number in range(start, start + count)
        ]

    def _check_access(self, dry_run: bool) -> None:
        """EC2's answer before anything else: not permitted, or permitted but only a DryRun."""
        if not self.authorized:
            raise Ec2Error(
                "UnauthorizedOperation", "You are not authorized to perform this operation.", 403
            )
        if dry_run:
            raise Ec2Error(
                "DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412
            )

    def _describe(self, query: DescribeQuery) -> TaskPage:
        """Answer ``query`` as EC2 does, or raise the :class:`Ec2Error` EC2 would send."""
        self._check_access(query.dry_run)
        size = page_size(query.max_results)
        matching = self._matching(query)
        start = 0 if query.next_token is None else offset_of(query.next_token, query)
        end = len(matching) if size is None else start + size
        next_token = token_for(end, query) if end < len(matching) else None
        return TaskPage(matching[start:end], next_token)

    def _matching(self, query: DescribeQuery) -> list[Task]:
        now = self.now()
        tasks = [stored.as_of(now) for stored in self._known(now)]
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
            if name != TASK_STATE_FILTER:
                raise Ec2Error("InvalidParameterValue", f"The filter '{name}' is invalid")
            tasks = [task for task in tasks if task.get("Status") in values]
        return tasks

    def _known(self, now: float) -> list[StoredTask]:
        """The tasks answers know of at ``now``: all but the exports ``visible_after`` hides."""
        return [stored for stored in self._stored if visible(self.habits, stored.started, now)]

    def _export_image(self, request: ExportRequest) -> Task:
        """Start an export as ``ExportImage`` does; the answer is ``ExportImage``'s result.

        The same ``client_token`` with the same parameters is the same export, answered as it
        stands now (a retried request starts nothing); with other parameters it is refused.
        """
        self._check_access(request.dry_run)
        token = request.client_token
        if token is not None:
            check_client_token(token)
            if token in self._by_token:
                return self._repeat(token, request)
        check_export(request, self.images, self.buckets)
        stored = StoredTask(request.task(self._new_task_id()), self.now(), self.export_seconds)
        self._stored.append(stored)
        if token is not None:
            self._by_token[token] = (without_token(request), stored)
        return _export_result(stored, request, self.now())

    def _repeat(self, token: str, request: ExportRequest) -> Task:
        first, stored = self._by_token[token]
        if first != without_token(request):
            raise Ec2Error(
                "IdempotentParameterMismatch",
                f"The client token '{token}' was used before with other parameters.",
            )
        return _export_result(stored, request, self.now())

    def _new_task_id(self) -> str:
        held = {stored.task_id for stored in self._stored}
        return next(
            candidate
            for number in self._export_numbers
            if (candidate := _sample_id(EXPORT_IMAGE_TASK_ID_PREFIX, number)) not in held
        )

    def _cancel_export_task(self, task_id: str) -> None:
        """Cancel an active task as ``CancelExportTask`` does: it is deleting, then deleted."""
        self._check_access(dry_run=False)
        if not _EXPORT_TASK_ID.fullmatch(task_id):
            raise Ec2Error(
                "InvalidExportTaskID.Malformed",
                f"The export task ID '{task_id}' is malformed: "
                f"expected {EXPORT_IMAGE_TASK_ID_PREFIX} or {EXPORT_INSTANCE_TASK_ID_PREFIX} "
                "and 8 or 17 hex digits",
            )
        now = self.now()
        stored = next((stored for stored in self._known(now) if stored.task_id == task_id), None)
        if stored is None:
            raise Ec2Error(
                "InvalidExportTaskID.NotFound", f"The export task ID '{task_id}' does not exist"
            )
        status = stored.as_of(now).get("Status")
        if status != ExportImageTaskStatus.ACTIVE.value:
            raise Ec2Error(
                "IncorrectState",
                f"The export task '{task_id}' is {status}: only an active export can be cancelled",
            )
        stored.cancel(now, self.deleting_seconds)


def _export_result(stored: StoredTask, request: ExportRequest, now: float) -> Task:
    role = DEFAULT_ROLE_NAME if request.role_name is None else request.role_name
    return {**stored.as_of(now), "DiskImageFormat": request.disk_image_format, "RoleName": role}


def _sample_id(prefix: str, number: int) -> str:
    """The id ``number`` in EC2's long form: ``prefix`` and 17 hex digits."""
    return f"{prefix}{number:017x}"


def sample_task(
    number: int, status: ExportImageTaskStatus = ExportImageTaskStatus.ACTIVE
) -> ExportImageTask:
    """A valid task, the same for the same ``number``; its id is ``export-ami-`` + 17 hex digits.

    Only an active task has ``Progress`` and ``StatusMessage``, as in EC2's answers.
    """
    task: dict[str, object] = {
        "Description": f"nightly export {number}",
        "ExportImageTaskId": _sample_id(EXPORT_IMAGE_TASK_ID_PREFIX, number),
        "ImageId": _sample_id(IMAGE_ID_PREFIX, number),
        "S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "images/"},
        "Status": status.value,
        "Tags": [{"Key": "team", "Value": "imaging"}, {"Key": "number", "Value": str(number)}],
    }
    if status is ExportImageTaskStatus.ACTIVE:
        task |= {"Progress": str(number % 101), "StatusMessage": "converting"}
    return ExportImageTask.model_validate(task)
