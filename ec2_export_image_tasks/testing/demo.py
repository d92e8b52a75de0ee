"""The ``--demo`` endpoint: exports that start, progress on a clock and finish.

``ExportImage`` starts one (its tags checked with the :class:`~..models.Tag` model, as EC2
checks them) and ``CancelExportTask`` stops one; every answer first moves each export along to
the clock's present. Tests pass a clock they control, so progress is theirs to advance.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..models import ExportImageTask, ExportImageTaskStatus, Tag
from . import xml
from .backend import Ec2Error, ExportImageTasksBackend, Task
from .endpoint import LocalEC2
from .query import numbered
from .service import Reply, request_id

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

DELETING_SECONDS = 2.0
"""How long a cancelled export stays ``deleting`` before it is ``deleted``."""
DISK_IMAGE_FORMATS = frozenset({"VMDK", "RAW", "VHD"})


@dataclass(slots=True)
class _Export:
    started: float
    seconds: float
    cancelled: float | None = None


class DemoEC2(LocalEC2):
    """A :class:`LocalEC2` whose exports run: started by ``ExportImage``, paced by ``clock``."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        export_seconds: float = 12.0,
        backend: ExportImageTasksBackend | None = None,
    ) -> None:
        super().__init__(backend)
        self.clock = clock
        self.export_seconds = export_seconds
        """How long an export started by ``ExportImage`` takes, start to completed."""
        self._exports: dict[str, _Export] = {}
        self._numbers = itertools.count(0xD000)

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self._advance()
        return super().__call__(action, parameters)

    def answers(self) -> Mapping[str, Callable[[Mapping[str, str]], Reply]]:
        """Describe, and the two actions that start and stop exports."""
        return {
            **super().answers(),
            "ExportImage": self._export_image,
            "CancelExportTask": self._cancel,
        }

    def start_export(
        self,
        image_id: str,
        *,
        seconds: float,
        done: float = 0.0,
        description: str | None = None,
        tags: Sequence[Tag] = (),
    ) -> str:
        """Start exporting ``image_id``, ``done`` (0..1) of the way already; return the task id."""
        task_id = f"export-ami-{next(self._numbers):017x}"
        self._exports[task_id] = _Export(self.clock() - done * seconds, seconds)
        task = ExportImageTask.model_validate(
            {
                "ExportImageTaskId": task_id,
                "ImageId": image_id,
                "Description": description,
                "S3ExportLocation": {"S3Bucket": "demo-exports", "S3Prefix": "images/"},
                "Status": "active",
                "Tags": [tag.to_boto() for tag in tags],
            }
        )
        self.backend.add_task(task)
        self._advance()
        return task_id

    def _export_image(self, parameters: Mapping[str, str]) -> Reply:
        self.backend.require_authorized()
        if parameters.get("DiskImageFormat") not in DISK_IMAGE_FORMATS:
            raise Ec2Error("InvalidParameterValue", "DiskImageFormat must be VMDK, RAW or VHD")
        tags = _tags(parameters)
        self.backend.refuse_dry_run(parameters.get("DryRun") == "true")
        task_id = self.start_export(
            parameters.get("ImageId", ""),
            seconds=self.export_seconds,
            description=parameters.get("Description"),
            tags=tags,
        )
        return Reply(200, xml.response("ExportImage", self._task(task_id), request_id()))

    def cancel(self, task_id: str, *, ago: float = 0.0) -> None:
        """Cancel an export (what ``CancelExportTask`` does), ``ago`` seconds in the past."""
        export = self._exports.get(task_id)
        if export is None:
            raise Ec2Error(
                "InvalidExportTaskID.NotFound", f"The export task ID '{task_id}' does not exist"
            )
        if export.cancelled is None:
            export.cancelled = self.clock() - ago
            self._advance()

    def _cancel(self, parameters: Mapping[str, str]) -> Reply:
        self.backend.require_authorized()
        self.cancel(parameters.get("ExportTaskId", ""))
        return Reply(200, xml.response("CancelExportTask", {}, request_id()))

    def _task(self, task_id: str) -> Task:
        return next(task for task in self.backend.tasks if task.get("ExportImageTaskId") == task_id)

    def _advance(self) -> None:
        now = self.clock()
        for index, task in enumerate(self.backend.tasks):
            export = self._exports.get(str(task.get("ExportImageTaskId")))
            if export is not None:
                self.backend.tasks[index] = _as_of(task, export, now)


def _as_of(task: Task, export: _Export, now: float) -> Task:
    """``task`` as it stands at ``now``: its progress, or how it ended."""
    stable = {key: value for key, value in task.items() if key not in ("Progress", "StatusMessage")}
    if export.cancelled is not None:
        gone = now - export.cancelled >= DELETING_SECONDS
        status = ExportImageTaskStatus.DELETED if gone else ExportImageTaskStatus.DELETING
        return stable | {"Status": status.value, "StatusMessage": "Cancelled by the user"}
    done = (now - export.started) / export.seconds
    if done >= 1:
        return stable | {"Status": ExportImageTaskStatus.COMPLETED.value}
    step = "converting" if done < 0.5 else "uploading"
    percent = int(done * 100 + 1e-9)  # 0.6 of the way is 60%, whatever the float says
    return stable | {"Status": "active", "Progress": str(percent), "StatusMessage": step}


def _tags(parameters: Mapping[str, str]) -> list[Tag]:
    """The ``TagSpecification.1.Tag.N`` pairs, each checked as EC2 checks tags."""
    keys = dict(numbered(parameters, "TagSpecification.1.Tag", ".Key"))
    tag_values = dict(numbered(parameters, "TagSpecification.1.Tag", ".Value"))
    tags: list[Tag] = []
    for number, key in keys.items():
        try:
            tags.append(Tag(key=key, value=tag_values.get(number, "")))
        except ValidationError as error:
            reason = error.errors()[0]["msg"]
            raise Ec2Error("InvalidParameterValue", f"Tag {key!r}: {reason}") from None
    return tags


def demo_ec2(clock: Callable[[], float] = time.monotonic) -> DemoEC2:
    """The endpoint ``--demo`` uses: three exports under way, two done, one cancelled."""
    demo = DemoEC2(clock)
    team = Tag(key="team", value="imaging")
    for number, (seconds, done) in enumerate([(8.0, 0.6), (14.0, 0.25), (20.0, 0.05)]):
        demo.start_export(
            f"ami-{0xA000 + number:017x}",
            seconds=seconds,
            done=done,
            description=f"nightly golden image {number + 1}",
            tags=[team],
        )
    for number in range(2):
        demo.start_export(f"ami-{0xB000 + number:017x}", seconds=1.0, done=1.0, tags=[team])
    cancelled = demo.start_export(f"ami-{0xC000:017x}", seconds=30.0, description="superseded")
    demo.cancel(cancelled, ago=DELETING_SECONDS)
    return demo
