"""How tasks are written: an aligned table for people, JSON or JSON lines for tools."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO

    from ..models import ExportImageTask

__all__ = ["HEADERS", "write_json", "write_jsonl", "write_table"]

HEADERS = ("TASK ID", "STATUS", "PROGRESS", "IMAGE", "S3 LOCATION", "DESCRIPTION")


def _row(task: ExportImageTask) -> tuple[str, ...]:
    location = task.s3_export_location
    return (
        task.export_image_task_id or "",
        task.status or "",
        "" if task.progress is None else f"{task.progress}%",
        task.image_id or "",
        f"s3://{location.s3_bucket or ''}/{location.s3_prefix or ''}" if location else "",
        task.description or "",
    )


def write_table(tasks: Iterable[ExportImageTask], out: TextIO) -> None:
    """Columns sized to their widest cell; a table needs every row before its first line."""
    rows = [HEADERS, *map(_row, tasks)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        out.write("  ".join(cells).rstrip() + "\n")


def write_jsonl(tasks: Iterable[ExportImageTask], out: TextIO) -> None:
    """One task per line, streamed as the pages arrive."""
    for task in tasks:
        out.write(json.dumps(task.to_boto(), ensure_ascii=False) + "\n")


def write_json(tasks: Iterable[ExportImageTask], resume_token: str | None, out: TextIO) -> None:
    """aws-cli's shape: ``{"ExportImageTasks": [...], "NextToken": ...}`` when truncated."""
    document: dict[str, object] = {"ExportImageTasks": [task.to_boto() for task in tasks]}
    if resume_token is not None:
        document["NextToken"] = resume_token
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
