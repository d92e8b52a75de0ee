"""watch: backoff that never undercuts the interval, one bar per task, live lines in a log."""

from __future__ import annotations

import sys

import pytest

from ec2_export_image_tasks.cli import main
from ec2_export_image_tasks.testing import LocalEC2

from .helpers import NEARLY_DONE, FakeTime, Terminal


class Sleeps:
    """Records each delay; interrupts the watch (as Ctrl-C would) after ``count`` of them."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.delays: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        if len(self.delays) == self.count:
            raise KeyboardInterrupt


def _stuck() -> LocalEC2:
    """An export that stays active at 10%: nothing ever changes."""
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": NEARLY_DONE, "Status": "active", "Progress": "10"})
    return service


@pytest.mark.parametrize(
    ("interval", "delays"),
    [
        ("60", [60, 60, 60, 60]),
        ("45", [45, 45, 45, 45]),
        ("2", [2, 4, 8, 16, 30, 30]),
        ("20", [20, 30, 30]),
    ],
)
def test_backoff_never_shortens_the_interval_and_stops_at_the_larger_of_it_and_30_s(
    capsys: pytest.CaptureFixture[str], interval: str, delays: list[float]
) -> None:
    sleeps = Sleeps(len(delays))

    status = main(["watch", "--interval", interval], client=_stuck().client, sleep=sleeps)

    assert status == 130
    assert sleeps.delays == delays


def test_tasks_without_an_id_each_keep_their_own_line(capsys: pytest.CaptureFixture[str]) -> None:
    service = LocalEC2()
    service.add_task({"Status": "completed", "Description": "first"})
    service.add_task({"Status": "deleted", "StatusMessage": "Cancelled"})

    main(["watch"], client=service.client)

    assert capsys.readouterr().out.splitlines() == [
        "(no id, #1) completed",
        "(no id, #2) deleted: Cancelled",
    ]


def test_off_a_terminal_each_change_is_a_line_written_as_it_happens(
    capsys: pytest.CaptureFixture[str],
) -> None:
    time = FakeTime()
    written: list[list[str]] = []

    def sleep(seconds: float) -> None:
        written.append(capsys.readouterr().out.splitlines())  # what a log shows by now
        time.sleep(seconds)

    status = main(["--demo", "watch", "--interval", "1"], sleep=sleep, clock=time.clock)

    assert status == 0
    first, second = written[:2]
    assert len(first) == 6  # every task, before the first sleep
    assert [line.split()[0] for line in second] == [  # then only the tasks that moved
        "export-ami-0000000000000d000",
        "export-ami-0000000000000d001",
        "export-ami-0000000000000d002",
    ]


def test_on_a_terminal_each_task_is_a_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": NEARLY_DONE, "Status": "completed"})

    status = main(["watch"], client=service.client)

    assert status == 0
    drawn = [line for line in terminal.getvalue().splitlines() if NEARLY_DONE in line]
    assert "━━━━" in drawn[-1]  # redrawn in place: the last drawing is what stays on screen
    assert " 100% " in drawn[-1]
    assert "completed" in drawn[-1]
