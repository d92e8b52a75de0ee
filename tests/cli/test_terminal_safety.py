"""Whatever reaches a terminal is shown, never obeyed, and lines up in cells.

JSON on a terminal writes hidden characters as ``\\u`` escapes (and still parses back to the same
text), JSON anywhere else is exactly ``json.dumps``'s text; the table escapes line separators
and zero-width characters and aligns columns by terminal cells; ``watch`` draws at a sane width
whatever ``COLUMNS`` says.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import pytest
from rich.cells import cell_len

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli.printable import is_hidden
from ec2_export_image_tasks._cli.watch import bars
from ec2_export_image_tasks.models import ExportImageTask
from ec2_export_image_tasks.testing import LocalEC2

from .helpers import NEARLY_DONE, SLOWEST, Terminal

if TYPE_CHECKING:
    from collections.abc import Callable

HIDDEN = "a\x85b\x9b2Jc\u202ed\u2028e\u2029f\u200bg\ufeffh\U000e0041i"
"""C1 controls, bidi, line and paragraph separators, zero-width, a BOM, a tag character."""
SHOWN = "a\\x85b\\x9b2Jc\\u202ed\\u2028e\\u2029f\\u200bg\\ufeffh\\U000e0041i"
IMAGE = "ami-0123456789abcdef0"


def _service(**fields: str) -> LocalEC2:
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": NEARLY_DONE, "Status": "active", **fields})
    return service


def _list(style: str) -> Callable[[], int]:
    return lambda: main(["list", "--output", style], client=_service(Description=HIDDEN).client)


def _export(local_ec2: LocalEC2) -> Callable[[], int]:
    local_ec2.images.add(IMAGE)
    local_ec2.buckets.add("b-b")
    argv = ["export", IMAGE, "--bucket", "b-b", "--format", "vmdk", "--output", "json"]
    return lambda: main([*argv, "--description", HIDDEN], client=local_ec2.client)


def _documents(written: str) -> list[dict[str, Any]]:
    """Every JSON document written, one per line for jsonl (split on "\\n" alone)."""
    if written.startswith("{\n"):
        return [json.loads(written)]
    return [json.loads(line) for line in written.split("\n")[:-1]]


def _description(document: dict[str, Any]) -> str:
    """The one task's description, in a listing or in ``export``'s document."""
    task = document["ExportImageTasks"][0] if "ExportImageTasks" in document else document
    return str(task["Description"])


@pytest.mark.parametrize("command", ["json", "jsonl", "export"])
def test_json_on_a_terminal_escapes_what_a_terminal_obeys_and_parses_back(
    monkeypatch: pytest.MonkeyPatch, local_ec2: LocalEC2, command: str
) -> None:
    run = _export(local_ec2) if command == "export" else _list(command)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)

    assert run() == 0

    written = terminal.getvalue()
    assert not any(map(is_hidden, written.replace("\n", "")))
    assert all(_description(document) == HIDDEN for document in _documents(written))


@pytest.mark.parametrize("command", ["json", "jsonl", "export"])
def test_json_for_a_program_is_exactly_what_json_dumps_writes(
    capsys: pytest.CaptureFixture[str], local_ec2: LocalEC2, command: str
) -> None:
    run = _export(local_ec2) if command == "export" else _list(command)

    assert run() == 0

    written = capsys.readouterr().out
    documents = _documents(written)
    indent = 2 if written.startswith("{\n") else None
    dumped = (json.dumps(d, indent=indent, ensure_ascii=False) + "\n" for d in documents)
    assert written == "".join(dumped)
    assert HIDDEN in written


def test_the_table_escapes_separators_and_zero_width_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["list", "--output", "table"], client=_service(Description=HIDDEN).client)

    lines = capsys.readouterr().out.split("\n")
    assert lines[1].endswith(SHOWN)
    assert lines[2:] == [""]


def test_table_columns_line_up_in_terminal_cells_with_wide_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    service = LocalEC2()
    for task_id, prefix in ((NEARLY_DONE, "東京/"), (SLOWEST, "tokyo/")):
        location = {"S3Bucket": "b-b", "S3Prefix": prefix}
        # The description, after the location, shows where its column starts.
        service.add_task(
            {"ExportImageTaskId": task_id, "S3ExportLocation": location, "Description": "after"}
        )

    main(["list", "--output", "table"], client=service.client)

    header, *rows = capsys.readouterr().out.splitlines()
    columns = [(header, "DESCRIPTION"), *((row, "after") for row in rows)]
    assert len({cell_len(line[: line.index(word)]) for line, word in columns}) == 1


@pytest.mark.parametrize("columns", ["0", "000", "nonsense", "-3"])
def test_watch_draws_at_a_sane_width_whatever_columns_says(
    monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    terminal = Terminal()
    task = ExportImageTask.model_validate(
        {"ExportImageTaskId": NEARLY_DONE, "Status": "active", "Progress": "60"}
    )

    with bars(terminal) as show:
        show([task])

    assert NEARLY_DONE in terminal.getvalue()
