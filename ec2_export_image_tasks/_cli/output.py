"""How tasks are written: an aligned table and progress lines for people, JSON and aws-cli's
text for tools.

What people read passes through :func:`.printable`, so that text from the service cannot forge
rows or drive the terminal. JSON carries every string exactly: written for a program (a pipe, a
file) it is ``json.dumps``'s own text; on a terminal, hidden characters are ``\\u`` escapes
(:func:`.inert_json`), and so is whatever the stream's encoding cannot write, in every case.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ._aws_text import text_rows
from ._color import paint
from ._query import apply
from .printable import inert_json, json_escape, printable
from .stdout import encodable

if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import TextIO

    from jmespath.parser import ParsedResult

    from ..models import ExportImageTask

__all__ = [
    "HEADERS",
    "write_as_aws_cli",
    "write_document",
    "write_json",
    "write_json_line",
    "write_jsonl",
    "write_queried_json",
    "write_table",
    "write_text",
]

HEADERS = ("TASK ID", "STATUS", "PROGRESS", "IMAGE", "S3 LOCATION", "DESCRIPTION")
_STATUS_COLUMN = HEADERS.index("STATUS")


def _row(task: ExportImageTask) -> tuple[str, ...]:
    location = task.s3_export_location
    cells = (
        task.export_image_task_id or "",
        task.status or "",
        "" if task.progress is None else f"{task.progress}%",
        task.image_id or "",
        f"s3://{location.s3_bucket or ''}/{location.s3_prefix or ''}" if location else "",
        task.description or "",
    )
    return tuple(map(printable, cells))


def write_table(tasks: Iterable[ExportImageTask], out: TextIO, *, color: bool = False) -> None:
    """Columns sized to their widest cell, in terminal cells (a CJK character takes two); a
    table needs every row before its first line. With ``color``, each status in its colour."""
    from rich.cells import cell_len  # imported here: only the table measures what it draws

    tasks = list(tasks)
    rows = [
        tuple(encodable(cell, out.encoding) for cell in row) for row in (HEADERS, *map(_row, tasks))
    ]
    statuses = [None, *(task.status for task in tasks)]  # the headers' row has none
    widths = [max(cell_len(row[column]) for row in rows) for column in range(len(HEADERS))]
    for row, status in zip(rows, statuses, strict=True):
        cells = [
            cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)
        ]
        if color:
            cells[_STATUS_COLUMN] = paint(cells[_STATUS_COLUMN], status)
        out.write("  ".join(cells).rstrip() + "\n")


def write_jsonl(tasks: Iterable[ExportImageTask], out: TextIO) -> None:
    """One task per line, streamed as the pages arrive."""
    for task in tasks:
        write_json_line(task.to_boto(), out)


def write_json_line(document: object, out: TextIO) -> None:
    """``document`` as one line of JSON, as ``--output jsonl`` writes each."""
    _write_json_text(json.dumps(document, ensure_ascii=False), out)


def write_json(
    tasks: list[dict[str, Any]] | None,
    resume_token: str | None,
    query: ParsedResult | None,
    out: TextIO,
) -> None:
    """aws-cli's merged listing, ``{"ExportImageTasks": [...], "NextToken": ...}`` (the list
    unless no page held one, the token when truncated), or what ``query`` makes of it."""
    document: dict[str, object] = {} if tasks is None else {"ExportImageTasks": tasks}
    if resume_token is not None:
        document["NextToken"] = resume_token
    write_queried_json(document, query, out)


def write_queried_json(document: object, query: ParsedResult | None, out: TextIO) -> None:
    """What ``query`` makes of ``document``, as aws-cli's ``--output json`` writes it: nothing
    for an empty object."""
    result = apply(query, document)
    if result != {}:
        write_document(result, out)


def write_document(document: object, out: TextIO) -> None:
    """``document`` as indented JSON, as aws-cli's ``--output json`` writes it (indent 4)."""
    _write_json_text(json.dumps(document, indent=4, ensure_ascii=False), out)


def write_text(document: object, query: ParsedResult | None, out: TextIO) -> None:
    """What ``query`` makes of ``document``, in aws-cli's ``--output text`` rows; each value
    printable on a terminal, as it is anywhere else (aws-cli's bytes) for a program."""
    shown = printable if out.isatty() else str
    for row in text_rows(apply(query, document), shown):
        out.write(encodable(row, out.encoding) + "\n")


def write_as_aws_cli(style: str, document: object, query: ParsedResult | None, out: TextIO) -> None:
    """What ``query`` makes of ``document``, as aws-cli's ``--output style`` (json or text)
    writes it."""
    if style == "text":
        write_text(document, query, out)
    else:
        write_queried_json(document, query, out)


def _write_json_text(text: str, out: TextIO) -> None:
    """One JSON text and a newline: the same document wherever it goes, written so that the
    stream can encode it and a terminal does not obey it."""
    shown = inert_json(text) if out.isatty() else text
    out.write(encodable(shown, out.encoding, json_escape) + "\n")


def _message(task: ExportImageTask) -> str:
    return f": {task.status_message}" if task.status_message else ""


def state(task: ExportImageTask) -> str:
    """``deleted: Cancelled by the user``: the status and the service's message, printable."""
    return printable(f"{task.status or '(no status)'}{_message(task)}")


def progress_line(task: ExportImageTask, name: str) -> str:
    """``export-ami-... active 45%``: how a task stands, in one line, as wait and watch print it."""
    progress = "" if task.progress is None else f" {task.progress}%"
    return printable(f"{name} {task.status or '(no status)'}{progress}{_message(task)}")
