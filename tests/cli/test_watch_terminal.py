"""``watch`` on a real terminal (a pseudo-terminal, read back as a screen): warnings stay above
the bars, and a signal that ends it restores the terminal and exits 128 + the signal."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING, Any

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._signals import EndedBySignal, ended_by_signals
from ec2_export_image_tasks.testing import Ec2Error, Reply, error_reply, make_client, page_reply

from .helpers import NEARLY_DONE, without_aws
from .watch_screen import PseudoTerminal, Screen

if TYPE_CHECKING:
    from collections.abc import Generator
    from typing import TextIO

THROTTLED = "warning: AWS RequestLimitExceeded: Request limit exceeded.; trying again in 1 s"


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Generator[PseudoTerminal]:
    """A pty, and rich's guesses made plain: the terminal's name and width, no forced colour."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    pty = PseudoTerminal()
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("COLUMNS", str(pty.width))
    yield pty
    pty.close()  # if the test failed before reading the screen


def _main_on(
    pty: PseudoTerminal, argv: list[str], *, err: TextIO | None = None, **options: Any
) -> int:
    """``main`` with the pty as stdout and stderr (or ``err``), as in a shell (set here:
    pytest's capture sets its own as each test starts)."""
    with open(pty.slave, "w", closefd=False) as text:
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = text, err or text
        try:
            return main(argv, **options)
        finally:
            sys.stdout, sys.stderr = saved


def _scripted(*replies: Reply) -> dict[str, Any]:
    """A client whose DescribeExportImageTasks calls get ``replies``, in order."""
    remaining = list(replies)
    client = make_client(lambda action, parameters: remaining.pop(0))
    return {"client": client, "sleep": _redrawn_sleep}


def _task(status: str, progress: str | None = None) -> dict[str, str]:
    return {"ExportImageTaskId": NEARLY_DONE, "Status": status} | (
        {"Progress": progress} if progress else {}
    )


def _redrawn_sleep(seconds: float) -> None:
    """Long enough for the live view to redraw (ten times a second) between polls."""
    time.sleep(0.3)


def test_a_retry_warning_stays_above_the_bars_which_are_drawn_once(
    terminal: PseudoTerminal,
) -> None:
    throttled = error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))
    replies = [page_reply([_task("active", "40")]), throttled, page_reply([_task("completed")])]

    status = _main_on(terminal, ["watch", "--interval", "1"], **_scripted(*replies))

    screen = terminal.close_and_read()
    assert status == 0
    assert THROTTLED in screen.lines()
    drawn = [line for line in screen.lines() if NEARLY_DONE in line]
    assert len(drawn) == 1  # no stale bar left behind by the warning
    assert " 100% completed" in drawn[0]
    assert screen.lines().index(THROTTLED) < screen.lines().index(drawn[0])


def test_with_stderr_redirected_a_warning_is_written_there_as_it_is(
    terminal: PseudoTerminal,
) -> None:
    throttled = error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))
    replies = [throttled, page_reply([_task("completed")])]
    log = io.StringIO()  # 2>watch.log

    status = _main_on(terminal, ["watch", "--interval", "1"], err=log, **_scripted(*replies))

    screen = terminal.close_and_read()
    assert status == 0
    assert log.getvalue() == THROTTLED + "\n"
    assert THROTTLED not in screen.lines()


def _signalled_twice() -> None:
    """SIGTERM, then SIGHUP while the first is on its way out (restoring the terminal)."""
    with ended_by_signals():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        finally:
            os.kill(os.getpid(), signal.SIGHUP)


def test_a_second_signal_while_the_first_is_handled_is_ignored() -> None:
    with pytest.raises(EndedBySignal) as ended:
        _signalled_twice()

    assert ended.value.signum == signal.SIGTERM


def test_a_signal_ignored_before_watch_started_stays_ignored() -> None:
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup
    try:
        with ended_by_signals():
            os.kill(os.getpid(), signal.SIGHUP)
            handler = signal.getsignal(signal.SIGHUP)
    finally:
        signal.signal(signal.SIGHUP, previous)

    assert handler is signal.SIG_IGN


@contextmanager
def _reaped(process: subprocess.Popen[Any]) -> Generator[subprocess.Popen[Any]]:
    """``process``, killed if still running when the block ends (a failed test), and reaped."""
    with process:
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()


@contextmanager
def _watch_demo_until_drawn(pty: PseudoTerminal) -> Generator[subprocess.Popen[bytes]]:
    """``watch --demo`` in its own process on ``pty``, once its bars are on the screen."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ec2_export_image_tasks", "--demo", "watch"],
        stdin=pty.slave,
        stdout=pty.slave,
        stderr=pty.slave,
        env=without_aws(TERM="xterm", COLUMNS=str(pty.width)),
    )
    with closing(pty), _reaped(process):  # the process ended first, then its terminal
        for _ in range(600):
            if NEARLY_DONE in pty.drawn():
                break
            time.sleep(0.1)
        else:
            pytest.fail("watch drew nothing within a minute")
        yield process


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_that_ends_watch_shows_the_cursor_again_and_exits_128_plus_it(
    ending: signal.Signals,
) -> None:
    pty = PseudoTerminal()
    with _watch_demo_until_drawn(pty) as process:
        process.send_signal(ending)
        status = process.wait(timeout=60)
    screen: Screen = pty.close_and_read()

    assert status == 128 + ending
    assert screen.cursor_visible
    assert screen.lines()[-1] == f"error: terminated by {ending.name}"


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_off_a_terminal_a_signal_ends_watch_with_128_plus_it_after_the_lines_written(
    ending: signal.Signals,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ec2_export_image_tasks", "--demo", "watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=without_aws(),
    )
    with _reaped(process):
        assert process.stdout is not None
        first = process.stdout.readline()  # watching, handlers in place

        process.send_signal(ending)
        rest, err = process.communicate(timeout=60)

    assert process.returncode == 128 + ending
    assert first.startswith("export-ami-")
    assert all(line.startswith("export-ami-") for line in rest.splitlines())
    assert err == f"error: terminated by {ending.name}\n"
