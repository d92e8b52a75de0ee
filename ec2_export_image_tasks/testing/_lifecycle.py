"""A task as the backend holds it: what was given or created, and its timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..models import ExportImageTaskStatus

Task = Mapping[str, object]
"""A task in boto3's form, valid or not."""

# The fields time rewrites; a task keeps every other field it holds, known or not.
_TIMED = ("Status", "Progress", "StatusMessage")


@dataclass(slots=True)
class StoredTask:
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

    def cancel(self, now: float, deleting_seconds: float) -> None:
        """Cancelled at ``now``: ``deleting`` for ``deleting_seconds``, then ``deleted``."""
        self.cancelled = now
        self.deleting_seconds = deleting_seconds

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
        """Every field but those time rewrites: a field this module does not know is kept."""
        return {key: value for key, value in self.task.items() if key not in _TIMED}
