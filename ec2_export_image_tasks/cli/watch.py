"""Live progress bars for export image tasks, refreshed by polling with backoff."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import ExportImageTaskStatus
from ..paginator.export_image_tasks import ExportImageTaskPaginator

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client
    from rich.console import Console

    from ..models import DescribeExportImageTasksRequest, ExportImageTask

__all__ = ["MAX_INTERVAL", "watch"]

MAX_INTERVAL = 30.0
_SHOWN = {
    ExportImageTaskStatus.ACTIVE: "[cyan]active[/]",
    ExportImageTaskStatus.COMPLETED: "[green]completed[/]",
    ExportImageTaskStatus.DELETING: "[yellow]deleting[/]",
    ExportImageTaskStatus.DELETED: "[red]deleted[/]",
}


def _percent(task: ExportImageTask) -> int:
    if task.status is ExportImageTaskStatus.COMPLETED:
        return 100
    return task.progress or 0


def watch(
    client: EC2Client,
    request: DescribeExportImageTasksRequest,
    *,
    interval: float,
    sleep: Callable[[float], None],
    console: Console,
) -> None:
    """Poll until no task is active. The interval doubles, up to 30 s, while nothing changes."""
    from rich.progress import BarColumn, Progress, TaskID, TextColumn

    paginator = ExportImageTaskPaginator(client)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.fields[state]}"),
        console=console,
    ) as progress:
        bars: dict[str | None, TaskID] = {}
        delay, previous = interval, None
        while True:
            tasks = list(paginator.paginate(request))
            for task in tasks:
                state = _SHOWN.get(task.status, "") if task.status else ""
                if task.export_image_task_id not in bars:
                    name = task.export_image_task_id or "?"
                    bars[task.export_image_task_id] = progress.add_task(name, total=100, state="")
                bar = bars[task.export_image_task_id]
                progress.update(bar, completed=_percent(task), state=state)
            if not any(task.status is ExportImageTaskStatus.ACTIVE for task in tasks):
                return
            seen = [(task.export_image_task_id, task.status, task.progress) for task in tasks]
            delay = interval if seen != previous else min(delay * 2, MAX_INTERVAL)
            previous = seen
            sleep(delay)
