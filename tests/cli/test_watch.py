"""watch: backoff that never undercuts the interval, one bar per task, live lines in a log."""

from __future__ import annotations

import re
import socket
import sys
from concurrent.futures import ThreadPoolExecutor
from time import monotonic
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import (
    Ec2Error,
    LocalEC2,
    error_reply,
    make_client,
    page_reply,
)

from .helpers import NEARLY_DONE, SLOWEST, FakeTime, Terminal, usage_error
from .loopback import SIGNING, ec2_over_http

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ec2_export_image_tasks.testing import Reply

    from .helpers import Run


SECOND = "export-ami-0000000000000d001"  # the demo's: 14 s


def test_watch_runs_until_no_export_is_active(run: Callable[..., Run]) -> None:
    time = FakeTime()
    result = run("watch", "--interval", "1", time=time)

    assert result.status == 0
    assert result.out.count("completed") == 5
    assert "deleted" in result.out
    assert time.now >= 1000.0 + 20 * 0.95


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


def _finished_tasks(out: str) -> set[str]:
    return {line.split()[0] for line in out.splitlines() if line.split()[1] == "completed"}


def test_a_task_that_leaves_the_chosen_states_shows_its_final_state(
    run: Callable[..., Run],
) -> None:
    shown = run("watch", "--state", "active", "--interval", "1")

    assert shown.status == 0
    assert _finished_tasks(shown.out) == {NEARLY_DONE, SLOWEST, SECOND}  # the demo's three
    assert shown.out.splitlines()[-1] == f"{SLOWEST} completed"


def test_on_a_terminal_a_bar_that_leaves_the_chosen_states_ends_at_its_final_state(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    time = FakeTime()

    status = main(["--demo", "watch", "--state", "active"], sleep=time.sleep, clock=time.clock)

    assert status == 0
    drawn = [line for line in terminal.getvalue().splitlines() if SLOWEST in line]
    assert " 100% " in drawn[-1]
    assert "completed" in drawn[-1]


class _Vanishing:
    """Lists ``listings`` in turn (a filter's answers); asked by id, finds only NEARLY_DONE."""

    def __init__(self, *listings: list[dict[str, str]]) -> None:
        self.listings = list(listings)

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        asked = [value for name, value in parameters.items() if name.startswith("ExportImageT")]
        if not asked:
            return page_reply(self.listings.pop(0))
        if asked == [NEARLY_DONE]:
            return page_reply([{"ExportImageTaskId": NEARLY_DONE, "Status": "completed"}])
        not_found = Ec2Error("InvalidExportImageTaskId.NotFound", "The task does not exist.")
        return error_reply(not_found)  # one unknown id fails the whole request, as on EC2


def test_a_task_that_aws_no_longer_finds_is_named_in_a_warning_the_others_shown_final(
    capsys: pytest.CaptureFixture[str],
) -> None:
    service = _Vanishing(
        [
            {"ExportImageTaskId": NEARLY_DONE, "Status": "active", "Progress": "90"},
            {"ExportImageTaskId": SLOWEST, "Status": "active", "Progress": "20"},
        ],
        [],  # no longer active: both left the filter
    )

    status = main(
        ["watch", "--state", "active"],
        client=make_client(service),
        sleep=lambda seconds: None,
    )

    out, err = capsys.readouterr()
    assert status == 0
    assert out.splitlines()[-1] == f"{NEARLY_DONE} completed"
    assert err == (
        f"warning: {SLOWEST} active 20% (last seen) is no longer listed, and AWS does not find it\n"
    )


def test_timeout_ends_watch_at_the_deadline_with_6_naming_the_tasks_still_active(
    capsys: pytest.CaptureFixture[str],
) -> None:
    time = FakeTime()
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        time.sleep(seconds)

    status = main(
        ["watch", "--timeout", "10", "--interval", "2"],
        client=_stuck().client,
        sleep=sleep,
        clock=time.clock,
    )

    assert status == 6
    assert sleeps == [2, 4, 4]  # the last poll falls on the deadline itself
    assert capsys.readouterr().err == (
        f"error: watch timed out after 10 s, 1 task(s) still active: {NEARLY_DONE} active 10%\n"
    )


def test_throttling_until_the_timeout_ends_watch_with_6_saying_what_failed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The first poll is answered, every later one throttled: the deadline comes first.
    service, requests = _stuck(), 0
    throttled = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503)

    def handler(action: str, parameters: Mapping[str, str]) -> Reply:
        nonlocal requests
        requests += 1
        return service(action, parameters) if requests == 1 else error_reply(throttled)

    time = FakeTime()

    status = main(
        ["watch", "--timeout", "4", "--interval", "1"],
        client=make_client(handler),
        sleep=time.sleep,
        clock=time.clock,
    )

    assert status == 6
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: watch timed out after 4 s, 1 task(s) still active: {NEARLY_DONE} active 10% "
        "(3 poll(s) in a row failed, the last with RequestLimitExceeded)"
    )


def test_throttled_until_its_alarm_watch_ends_with_6_saying_what_failed(
    no_aws: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Real time: the alarm, not the clock, ends it, in a sleep between tries or in a try.
    for name, value in SIGNING.items():
        monkeypatch.setenv(name, value)
    throttled = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503)

    with ec2_over_http(lambda action, parameters: error_reply(throttled)) as (port, _):
        url = f"http://127.0.0.1:{port}"
        status = main(["--region", "us-east-1", "--endpoint-url", url, "watch", "--timeout", "1"])

    assert status == 6
    assert re.fullmatch(
        r"error: watch timed out after 1 s, before AWS answered "
        r"\(\d poll\(s\) in a row failed, the last with RequestLimitExceeded\)",
        capsys.readouterr().err.splitlines()[-1],
    )


def test_watch_that_ends_before_its_timeout_exits_0(run: Callable[..., Run]) -> None:
    assert run("watch", "--timeout", "60", "--interval", "1").status == 0


def test_a_timeout_longer_than_a_timer_can_be_set_for_is_accepted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": NEARLY_DONE, "Status": "completed"})

    assert main(["watch", "--timeout", "1e300"], client=service.client) == 0


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "soon"])
def test_a_timeout_that_is_not_a_positive_number_is_bad_usage(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    err = usage_error(["watch", "--timeout", value], capsys, _stuck().client)

    assert err.startswith("error: argument --timeout: ")
    assert value in err


def test_timeout_is_a_deadline_even_for_an_endpoint_that_never_answers(
    aws_without_files: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # The kernel completes the connection (the listen backlog); nobody ever reads or answers.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = monotonic()
        status = main(["watch", "--endpoint-url", url, "--timeout", "1"])
        elapsed = monotonic() - started

    assert status == 6
    assert capsys.readouterr().err == "error: watch timed out after 1 s, before AWS answered\n"
    assert elapsed < 10  # well before the read timeout (15 s), let alone botocore's retries


def test_watch_run_from_a_worker_thread_keeps_its_timeout_by_the_clock(
    capsys: pytest.CaptureFixture[str],
) -> None:
    time = FakeTime()
    argv = ["watch", "--timeout", "5", "--interval", "2"]

    with ThreadPoolExecutor(1) as worker:  # where Python lets no one set a signal handler
        status = worker.submit(
            main, argv, client=_stuck().client, sleep=time.sleep, clock=time.clock
        ).result()

    assert status == 6
    assert capsys.readouterr().err.startswith("error: watch timed out after 5 s, ")
