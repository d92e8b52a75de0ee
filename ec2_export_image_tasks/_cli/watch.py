"""Live progress of export image tasks, refreshed by polling with backoff.

On a terminal, progress bars redrawn in place, with warnings printed above them (a line written
to the terminal behind the live view's back would be drawn over); anywhere else (a CI log, a
file), one line per task each time it changes, written as it happens. A task that leaves the
selection (``--state active`` no longer matches once it completes) is asked for by id, so that
its final state is shown rather than dropped. Only ``watch`` imports this module (and rich).
"""

from __future__ import annotations

import math
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from botocore.exceptions import ClientError
from rich.console import Console
from rich.file_proxy import FileProxy
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TextColumn
from rich.text import Text

from .._paginators import ExportImageTaskPaginator
from .._retry import RETRY_POLICY, failed_in_a_row, is_transient, noting_clock_skew
from .._waiting import AttemptCutShort
from ..models import DescribeExportImageTasksRequest, ExportImageTaskStatus
from ._color import STATUS_COLORS, paint
from ._deadline import cut_short_after
from .output import progress_line, state
from .printable import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator, Sequence
    from typing import TextIO

    from mypy_boto3_ec2.client import EC2Client

    from ..models import ExportImageTask

    Show = Callable[[Sequence[ExportImageTask]], None]

__all__ = [
    "Display",
    "WatchTimeoutError",
    "bars",
    "lines",
    "watch",
]

_MAX_DELAY_WHILE_UNCHANGED = 30.0
"""Seconds: while no task changes, the delay between polls doubles up to this, or up to the
interval if it is longer; a change brings it back to the interval. Not a retry: failures are
retried by :data:`.RETRY_POLICY`."""

_NOT_FOUND = "InvalidExportImageTaskId.NotFound"


class WatchTimeoutError(Exception):
    """``--timeout`` passed with tasks still active; the message says how far they got, and
    how the polls failed when the deadline cut their retries short (``why``)."""

    def __init__(
        self, timeout: float, active: Sequence[ExportImageTask] | None, why: str = ""
    ) -> None:
        if active is None:
            got = "before AWS answered"
        else:
            got = f"{len(active)} task(s) still active: " + ", ".join(
                progress_line(task, name) for name, task in _named(active)
            )
        super().__init__(f"watch timed out after {timeout:g} s, {got}" + (why and f" ({why})"))


def _named(tasks: Sequence[ExportImageTask]) -> Iterator[tuple[str, ExportImageTask]]:
    """Each task with its name: its id, or its place in the answer, so that tasks without an
    id stay apart."""
    for place, task in enumerate(tasks, start=1):
        yield task.export_image_task_id or f"(no id, #{place})", task


def _percent(task: ExportImageTask) -> int:
    if task.status is ExportImageTaskStatus.COMPLETED:
        return 100
    return task.progress or 0


def _active(tasks: Sequence[ExportImageTask]) -> list[ExportImageTask]:
    return [task for task in tasks if task.status is ExportImageTaskStatus.ACTIVE]


class _StateColumn(ProgressColumn):
    """The state as plain text in its status's colour: never read as markup or emoji codes."""

    def render(self, task: Task) -> Text:
        shown: Text = task.fields["state"]
        return shown


@dataclass(frozen=True)
class Display:
    """Called with the tasks of each poll; ``err`` is where warnings go so that they stay."""

    show: Show
    err: TextIO

    def __call__(self, tasks: Sequence[ExportImageTask]) -> None:
        self.show(tasks)


def _fixed_width() -> int | None:
    """The width ``COLUMNS`` fixes, or None to follow the terminal as it is resized.

    rich takes any digits in ``COLUMNS`` as the width, 0 too, and then draws nothing; shutil
    reads it as the shell means it (0 or nonsense: the terminal's own width, else 80).
    """
    return shutil.get_terminal_size().columns if os.environ.get("COLUMNS", "").isdigit() else None


@contextmanager
def bars(out: TextIO, err: TextIO | None = None, *, color: bool = True) -> Generator[Display]:
    """Progress bars for a terminal; text from the service is shown as plain text.

    When ``err`` is the terminal too (or not given), a warning is printed through the live view,
    above the bars, where it stays; written to the terminal directly, the next redraw would
    erase it. An ``err`` redirected elsewhere (``2>log``) is written to as it is.
    """
    with Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        _StateColumn(),
        # The 16 standard colours (the statuses' own) when ``color``, whatever TERM says.
        console=Console(
            file=out,
            width=_fixed_width(),
            color_system="standard" if color else None,
            no_color=not color,  # rich would read NO_COLOR itself, which --color on overrides
        ),
    ) as progress:
        shown: dict[str, TaskID] = {}

        def show(tasks: Sequence[ExportImageTask]) -> None:
            for name, task in _named(tasks):
                if name not in shown:
                    shown[name] = progress.add_task(printable(name), total=100, state=Text())
                style = STATUS_COLORS.get(task.status, "") if task.status else ""
                progress.update(
                    shown[name], completed=_percent(task), state=Text(state(task), style=style)
                )

        above = cast("TextIO", FileProxy(progress.console, err or out))
        yield Display(show, above if err is None or err.isatty() else err)


@contextmanager
def lines(out: TextIO, err: TextIO, *, color: bool) -> Generator[Display]:
    """One line per task each time it changes, flushed at once: a log shows progress live;
    with ``color``, in the colour of its status."""
    shown: dict[str, str] = {}

    def show(tasks: Sequence[ExportImageTask]) -> None:
        for name, task in _named(tasks):
            line = progress_line(task, name)
            if shown.get(name) != line:
                out.write((paint(line, task.status) if color else line) + "\n")
                shown[name] = line
        out.flush()

    yield Display(show, err)


def watch(
    client: EC2Client,
    request: DescribeExportImageTasksRequest,
    *,
    interval: float,
    display: Display,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    timeout: float | None = None,
    on_retry: Callable[[Exception, float], None] | None = None,
) -> None:
    """Poll until no task is active.

    The delay is ``interval`` after a change and doubles while nothing changes, never below
    ``interval`` and up to ``max(interval, 30 s)``. Transient failures are retried by
    :data:`.RETRY_POLICY`, as a wait's are. After ``timeout`` seconds (by ``clock``,
    and by a real-time alarm that interrupts even a request that hangs), raises
    :class:`WatchTimeoutError` naming the tasks still active.
    """
    deadline = math.inf if timeout is None else clock() + timeout
    polls = _Polls(client, interval, sleep, on_retry, lambda: deadline - clock())
    delay, previous = interval, None
    longest = max(interval, _MAX_DELAY_WHILE_UNCHANGED)
    shown: list[ExportImageTask] | None = None
    try:
        with cut_short_after(timeout):
            while True:
                tasks = polls.get(request)
                tasks += _final_states(polls, shown or [], tasks, display.err)
                display(tasks)
                shown = tasks
                if not _active(tasks):
                    return
                if deadline - clock() <= 0:
                    raise AttemptCutShort
                seen = [(task.export_image_task_id, task.status, task.progress) for task in tasks]
                delay = interval if seen != previous else min(delay * 2, longest)
                previous = seen
                sleep(min(delay, deadline - clock()))  # the last poll falls on the deadline
    except AttemptCutShort:
        active = None if shown is None else _active(shown)
        raise WatchTimeoutError(timeout or 0.0, active, polls.failing) from None


@dataclass
class _Polls:
    """One listing at a time, each retried through transient failures until the deadline."""

    client: EC2Client
    interval: float
    sleep: Callable[[float], None]
    on_retry: Callable[[Exception, float], None] | None
    remaining: Callable[[], float]
    failing: str = ""
    """How the polls are failing, while they are: what the deadline's error says."""

    def get(self, request: DescribeExportImageTasksRequest) -> list[ExportImageTask]:
        """Every task ``request`` lists, trying again after each transient failure.

        Gives up, raising the last failure with a note saying so, after the policy's failures
        in a row; once the deadline has come, ends the watch as the deadline does.
        """
        paginator = ExportImageTaskPaginator(self.client)
        failures = 0
        while True:
            try:
                tasks = list(paginator.paginate(request))
            except Exception as error:
                if not is_transient(error):
                    noting_clock_skew(error)  # watch, as a wait, says what a skewed clock needs
                    raise
                failures += 1
                self.failing = failed_in_a_row(failures, error)
                left = self.remaining()
                if left <= 0:
                    raise AttemptCutShort from error
                delay = RETRY_POLICY.next_delay(error, failures, interval=self.interval, left=left)
                if self.on_retry is not None:
                    self.on_retry(error, delay)
                self.sleep(delay)
            else:
                self.failing = ""
                return tasks


def _final_states(
    polls: _Polls,
    before: Sequence[ExportImageTask],
    now: Sequence[ExportImageTask],
    err: TextIO,
) -> list[ExportImageTask]:
    """The tasks active at the last poll that this one left out, asked for by id.

    One AWS no longer finds is named in a warning with how it last stood: never dropped unsaid.
    """
    listed = {task.export_image_task_id for task in now}
    gone = {
        task.export_image_task_id: task
        for task in _active(before)
        if task.export_image_task_id and task.export_image_task_id not in listed
    }
    if not gone:
        return []
    found = _by_id(polls, [*gone])
    missing = gone.keys() - {task.export_image_task_id for task in found}
    for task_id, last in gone.items():
        if task_id in missing:
            shown = progress_line(last, task_id)
            err.write(
                f"warning: {shown} (last seen) is no longer listed, and AWS does not find it\n"
            )
    return found


def _by_id(polls: _Polls, task_ids: list[str]) -> list[ExportImageTask]:
    """The tasks of ``task_ids`` that AWS finds: one unknown id fails the whole request, so
    then each is asked for alone."""
    try:
        found = polls.get(DescribeExportImageTasksRequest(export_image_task_ids=task_ids))
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != _NOT_FOUND:
            raise
        if len(task_ids) == 1:
            return []
        return [task for task_id in task_ids for task in _by_id(polls, [task_id])]
    return [task for task in found if task.export_image_task_id in task_ids]
