"""Live progress of export image tasks, refreshed by polling with backoff.

On a terminal, progress bars redrawn in place; anywhere else (a CI log, a file), one line per
task each time it changes, written as it happens. Only ``watch`` imports this module (and rich).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn
from rich.text import Text

from ..models import ExportImageTaskStatus
from ..paginator.export_image_tasks import ExportImageTaskPaginator
from ..waiter import retrying
from .output import progress_line, state
from .printable import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator, Sequence
    from typing import TextIO

    from mypy_boto3_ec2.client import EC2Client

    from ..models import DescribeExportImageTasksRequest, ExportImageTask

    Show = Callable[[Sequence[ExportImageTask]], None]

__all__ = ["MAX_INTERVAL", "bars", "lines", "watch"]

MAX_INTERVAL = 30.0
"""While nothing changes the delay doubles up to this, or up to the interval if it is longer."""

_STYLES = {
    ExportImageTaskStatus.ACTIVE: "cyan",
    ExportImageTaskStatus.COMPLETED: "green",
    ExportImageTaskStatus.DELETING: "yellow",
    ExportImageTaskStatus.DELETED: "red",
}


def _named(tasks: Sequence[ExportImageTask]) -> Iterator[tuple[str, ExportImageTask]]:
    """Each task with its name: its id, or its place in the answer, so that tasks without an
    id stay apart."""
    for place, task in enumerate(tasks, start=1):
        yield task.export_image_task_id or f"(no id, #{place})", task


def _percent(task: ExportImageTask) -> int:
    if task.status is ExportImageTaskStatus.COMPLETED:
        return 100
    return task.progress or 0


class _StateColumn(ProgressColumn):
    """The state as plain text in its status's colour: never read as markup or emoji codes."""

    def render(self, task: Task) -> Text:
        shown: Text = task.fields["state"]
        return shown


def _fixed_width() -> int | None:
    """The width ``COLUMNS`` fixes, or None to follow the terminal as it is resized.

    rich takes any digits in ``COLUMNS`` as the width, 0 too, and then draws nothing; shutil
    reads it as the shell means it (0 or nonsense: the terminal's own width, else 80).
    """
    return shutil.get_terminal_size().columns if os.environ.get("COLUMNS", "").isdigit() else None


@contextmanager
def bars(out: TextIO) -> Generator[Show]:
    """Progress bars for a terminal; text from the service is shown as plain text."""
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        _StateColumn(),
        console=Console(file=out, width=_fixed_width()),
    ) as progress:
        shown: dict[str, TaskID] = {}

        def show(tasks: Sequence[ExportImageTask]) -> None:
            for name, task in _named(tasks):
                if name not in shown:
                    shown[name] = progress.add_task(printable(name), total=100, state=Text())
                style = _STYLES.get(task.status, "") if task.status else ""
                progress.update(
                    shown[name], completed=_percent(task), state=Text(state(task), style=style)
                )

        yield show


@contextmanager
def lines(out: TextIO) -> Generator[Show]:
    """One line per task each time it changes, flushed at once: a log shows progress live."""
    shown: dict[str, str] = {}

    def show(tasks: Sequence[ExportImageTask]) -> None:
        for name, task in _named(tasks):
            line = progress_line(task, name)
            if shown.get(name) != line:
                out.write(line + "\n")
                shown[name] = line
        out.flush()

    yield show


def watch(
    client: EC2Client,
    request: DescribeExportImageTasksRequest,
    *,
    interval: float,
    show: Show,
    sleep: Callable[[float], None],
    on_retry: Callable[[Exception, float], None] | None = None,
) -> None:
    """Poll until no task is active.

    The delay is ``interval`` after a change and doubles while nothing changes, never below
    ``interval`` and up to ``max(interval, 30 s)``. Transient failures are retried as in
    :func:`~ec2_export_image_tasks.waiter.retrying`.
    """
    paginator = ExportImageTaskPaginator(client)
    delay, previous = interval, None
    while True:
        tasks = retrying(
            lambda: list(paginator.paginate(request)),
            interval=interval,
            sleep=sleep,
            on_retry=on_retry,
        )
        show(tasks)
        if not any(task.status is ExportImageTaskStatus.ACTIVE for task in tasks):
            return
        seen = [(task.export_image_task_id, task.status, task.progress) for task in tasks]
        delay = interval if seen != previous else min(delay * 2, max(interval, MAX_INTERVAL))
        previous = seen
        sleep(delay)
