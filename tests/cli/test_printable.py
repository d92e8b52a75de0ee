"""Text from the service is shown, never obeyed: escaped for people, exact in JSON.

Escaped in the table, error lines, progress lines and bars; JSON on a terminal writes hidden
characters as ``\\u`` escapes (and still parses back to the same text), JSON anywhere else is
exactly ``json.dumps``'s text; the table's columns line up in terminal cells; ``watch`` draws at
a sane width whatever ``COLUMNS`` says.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli.printable import is_hidden, printable
from ec2_export_image_tasks._cli.watch import bars
from ec2_export_image_tasks.models import ExportImageTask
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, error_reply, make_client

from .helpers import IMAGE, NEARLY_DONE, SLOWEST, Terminal

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ec2_export_image_tasks.testing import Reply


HOSTILE = "one\ntwo\rthree\tfour\x7ffive\x85six\x9b2Jseven\u202eeight\u2066[red]x[/]:smile:"
"""Every kind of character a terminal obeys, as EC2's XML can carry them; rich markup, emoji."""
SHOWN = "one\\ntwo\\rthree\\tfour\\x7ffive\\x85six\\x9b2Jseven\\u202eeight\\u2066[red]x[/]:smile:"
HIDDEN = "a\x85b\x9b2Jc\u202ed\u2028e\u2029f\u200bg\ufeffh\U000e0041i"
"""C1 controls, bidi, line and paragraph separators, zero-width, a BOM, a tag character."""
HIDDEN_SHOWN = "a\\x85b\\x9b2Jc\\u202ed\\u2028e\\u2029f\\u200bg\\ufeffh\\U000e0041i"


BIDI = [
    "\u061c",
    "\u200e",
    "\u200f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]


@pytest.mark.parametrize(
    ("character", "shown"),
    [
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\t", "\\t"),
        ("\x00", "\\x00"),
        ("\x1b", "\\x1b"),
        ("\x7f", "\\x7f"),
        ("\x80", "\\x80"),
        ("\x9f", "\\x9f"),
        *((c, f"\\u{ord(c):04x}") for c in BIDI),
        ("\u2028", "\\u2028"),  # line separator
        ("\u2029", "\\u2029"),  # paragraph separator
        ("\u200b", "\\u200b"),  # zero-width space
        ("\u200d", "\\u200d"),  # zero-width joiner
        ("\u2060", "\\u2060"),  # word joiner
        ("\ufeff", "\\ufeff"),  # zero-width no-break space
        ("\u00ad", "\\xad"),  # soft hyphen
        ("\U000e0041", "\\U000e0041"),  # tag character
        ("\ud800", "\\ud800"),  # lone surrogate
    ],
    ids=ascii,
)
def test_control_bidi_separator_and_zero_width_characters_are_escaped(
    character: str, shown: str
) -> None:
    assert printable(f"a{character}b") == f"a{shown}b"


def _obeyed(character: str) -> bool:
    """Controls, format characters (bidi, zero-width), separators, lone surrogates."""
    return unicodedata.category(character) in {"Cc", "Cf", "Zl", "Zp", "Cs"}


@given(st.text())
def test_nothing_a_terminal_obeys_survives_and_the_rest_is_untouched(text: str) -> None:
    shown = printable(text)

    assert not any(map(_obeyed, shown))
    if not any(map(_obeyed, text)):
        assert shown == text


def _local(**fields: str) -> LocalEC2:
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": NEARLY_DONE, "Status": "deleted", **fields})
    return service


def test_a_table_row_cannot_be_forged_by_a_description(
    capsys: pytest.CaptureFixture[str],
) -> None:
    client = _local(Description=HOSTILE).client

    main(["list", "--output", "table"], client=client)

    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[1].endswith(SHOWN)


def test_json_outputs_carry_service_text_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    service = _local(Description=HOSTILE, StatusMessage=HOSTILE)
    service.add_task(
        {
            "ExportImageTaskId": "export-ami-0000000000000d001",
            "Tags": [{"Key": "k", "Value": HOSTILE}],
        }
    )

    main(["list", "--output", "json"], client=service.client)
    document = json.loads(capsys.readouterr().out)
    main(["list", "--output", "jsonl"], client=service.client)
    # Split on newlines only: str.splitlines also splits at U+0085, which JSON carries raw.
    lines = [json.loads(line) for line in capsys.readouterr().out.split("\n")[:-1]]

    first, second = document["ExportImageTasks"]
    assert first["Description"] == first["StatusMessage"] == HOSTILE
    assert second["Tags"] == [{"Key": "k", "Value": HOSTILE}]
    assert lines == document["ExportImageTasks"]


def test_a_status_message_in_an_error_line_is_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    client = _local(StatusMessage=HOSTILE).client

    status = main(["wait", NEARLY_DONE], client=client)

    assert status == 5
    assert capsys.readouterr().err == f"error: export {NEARLY_DONE} is deleted: {SHOWN}\n"


def test_an_aws_error_message_is_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    def refuse(action: str, parameters: Mapping[str, str]) -> Reply:
        return error_reply(Ec2Error("UnauthorizedOperation", HOSTILE))

    status = main(["list"], client=make_client(refuse))

    assert status == 1
    assert capsys.readouterr().err == f"error: AWS UnauthorizedOperation: {SHOWN}\n"


@pytest.mark.parametrize("command", [["wait", NEARLY_DONE], ["watch"]])
def test_progress_lines_escape_the_status_message(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    service = LocalEC2()
    service.add_task(
        {"ExportImageTaskId": NEARLY_DONE, "Status": "completed", "StatusMessage": HOSTILE}
    )

    main(command, client=service.client)

    assert capsys.readouterr().out == f"{NEARLY_DONE} completed: {SHOWN}\n"


def test_progress_bars_show_markup_and_controls_from_the_service_literally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "300")  # room for the whole message
    terminal = Terminal()
    task = ExportImageTask.model_validate(
        {"ExportImageTaskId": NEARLY_DONE, "Status": "active", "StatusMessage": HOSTILE}
    )

    with bars(terminal) as show:
        show([task])

    drawn = terminal.getvalue()
    assert f"active: {SHOWN}" in drawn
    assert "\u202e" not in drawn
    assert "\x85" not in drawn


def _list(style: str) -> Callable[[], int]:
    return lambda: main(["list", "--output", style], client=_local(Description=HIDDEN).client)


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
    indent = 4 if written.startswith("{\n") else None
    dumped = (json.dumps(d, indent=indent, ensure_ascii=False) + "\n" for d in documents)
    assert written == "".join(dumped)
    assert HIDDEN in written


def test_the_table_escapes_separators_and_zero_width_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["list", "--output", "table"], client=_local(Description=HIDDEN).client)

    lines = capsys.readouterr().out.split("\n")
    assert lines[1].endswith(HIDDEN_SHOWN)
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
