"""``--color auto|on|off``: each status in its colour, in the table and in ``watch``; ``auto``
only on a terminal and never with ``NO_COLOR`` set, ``on`` always, ``off`` never."""

from __future__ import annotations

import io
import re
import sys

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import CANCELLED, NEARLY_DONE, FakeTime, Terminal

COLOR = re.compile(r"\x1b\[(?:\d+;)*3[1-7]m")
"""An ANSI foreground colour (rich's and ours)."""
ACTIVE_IN_CYAN = "\x1b[36mactive"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")


def _run(monkeypatch: pytest.MonkeyPatch, *argv: str, terminal: bool) -> str:
    """What the command wrote on stdout: a terminal or a pipe."""
    out = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    time = FakeTime()
    assert main(["--demo", *argv], sleep=time.sleep, clock=time.clock) == 0
    return out.getvalue()


@pytest.mark.parametrize(
    ("choice", "terminal", "no_color", "colored"),
    [
        ("auto", True, False, True),
        ("auto", True, True, False),
        ("auto", False, False, False),
        ("on", False, False, True),
        ("on", True, True, True),
        ("off", True, False, False),
    ],
)
def test_the_table_colours_the_statuses_as_the_choice_says(
    monkeypatch: pytest.MonkeyPatch, choice: str, terminal: bool, no_color: bool, colored: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")

    table = _run(monkeypatch, "list", "--output", "table", "--color", choice, terminal=terminal)

    assert bool(COLOR.search(table)) is colored
    assert (ACTIVE_IN_CYAN in table) is colored
    assert COLOR.sub("", table).replace("\x1b[0m", "") == _run(
        monkeypatch, "list", "--output", "table", "--color", "off", terminal=terminal
    )  # the same table, its columns aligned as without colour


def test_the_table_colours_each_status_alone_not_the_headers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    table = _run(monkeypatch, "list", "--output", "table", "--color", "on", terminal=False)

    headers, *rows = table.splitlines()
    assert not COLOR.search(headers)
    by_id = {row.split()[0]: row for row in rows}
    assert "\x1b[36mactive" in by_id[NEARLY_DONE]
    assert "\x1b[31mdeleted" in by_id[CANCELLED]


def test_an_empty_no_color_does_not_turn_colour_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")  # no-color.org: set, and not empty

    assert ACTIVE_IN_CYAN in _run(monkeypatch, "list", "--output", "table", terminal=True)


def test_a_dumb_terminal_is_not_coloured_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")

    assert not COLOR.search(_run(monkeypatch, "list", "--output", "table", terminal=True))
    assert COLOR.search(
        _run(monkeypatch, "list", "--output", "table", "--color", "on", terminal=True)
    )


def test_json_is_never_coloured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b" not in _run(
        monkeypatch, "list", "--output", "json", "--color", "on", terminal=False
    )


@pytest.mark.parametrize(("choice", "colored"), [("on", True), ("auto", False), ("off", False)])
def test_watch_lines_in_a_pipe_are_coloured_only_with_color_on(
    monkeypatch: pytest.MonkeyPatch, choice: str, colored: bool
) -> None:
    lines = _run(monkeypatch, "watch", "--id", NEARLY_DONE, "--color", choice, terminal=False)

    assert lines.splitlines()[0].startswith(
        f"\x1b[36m{NEARLY_DONE} active" if colored else NEARLY_DONE
    )
    assert lines.splitlines()[-1] == (
        f"\x1b[32m{NEARLY_DONE} completed\x1b[0m" if colored else f"{NEARLY_DONE} completed"
    )


@pytest.mark.parametrize(
    ("choice", "no_color", "colored"),
    [("auto", False, True), ("auto", True, False), ("off", False, False), ("on", True, True)],
)
def test_watch_bars_on_a_terminal_are_coloured_as_the_choice_says(
    monkeypatch: pytest.MonkeyPatch, choice: str, no_color: bool, colored: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")

    screen = _run(monkeypatch, "watch", "--id", NEARLY_DONE, "--color", choice, terminal=True)

    assert "completed" in screen
    assert bool(COLOR.search(screen)) is colored
