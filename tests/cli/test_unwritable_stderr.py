"""Standard error closed (``2>&-``) or full: its lines are lost, and nothing else changes.

The command runs, writes the same standard output, and ends with the status it would have had.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import LocalEC2

from .helpers import DEMO_EXPORT, IMAGE, NEW_TASK_ID, FakeTime, FullStream, without_aws
from .loopback import SIGNING, ec2_over_http

CLOSING_STDERR = ["bash", "-c", 'exec "$@" 2>&-', "bash"]
"""Runs its arguments as ``2>&-`` in a shell does: with no descriptor 2 (``sys.stderr`` None)."""
UNKNOWN = "export-ami-0000000000000ffff"


def _without_stderr(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLOSING_STDERR, sys.executable, "-m", "ec2_export_image_tasks", *argv],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
        timeout=60,
    )


def test_a_listing_that_warns_on_stderr_runs_to_its_end_with_stderr_closed() -> None:
    result = _without_stderr("--demo", "list", "--max-items", "1", "--output", "jsonl")

    assert result.returncode == 0
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 1


@pytest.mark.parametrize(
    ("argv", "status"),
    # cancel, not wait: a real process would wait out the 60 s a new task is given to appear.
    [(["--demo", "cancel", UNKNOWN], 1), (["--demo", "list", "--no-such-option"], 2)],
    ids=["an AWS error", "bad usage"],
)
def test_a_failure_with_stderr_closed_keeps_its_status_and_writes_nothing_on_stdout(
    argv: list[str], status: int
) -> None:
    result = _without_stderr(*argv)

    assert (result.returncode, result.stdout) == (status, "")


@pytest.mark.parametrize(
    ("argv", "status"),
    [
        (["--demo", "list", "--max-items", "1", "--output", "jsonl"], 0),
        (["--demo", "wait", UNKNOWN], 1),
        (["--demo", "list", "--page-size", "0"], 2),
        (["--demo", "list", "--no-such-option"], 2),
    ],
    ids=["a warning", "an AWS error", "bad input", "bad usage"],
)
def test_a_full_stderr_changes_neither_the_output_nor_the_status(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    status: int,
) -> None:
    monkeypatch.setattr(sys, "stderr", FullStream())
    fake = FakeTime()

    ended: int | str | None
    try:
        ended = main(argv, sleep=fake.sleep, clock=fake.clock)
    except SystemExit as usage:  # argparse ends bad usage itself
        ended = usage.code

    assert ended == status
    assert capsys.readouterr().out.count("\n") == (1 if status == 0 else 0)


@pytest.mark.parametrize("stderr", ["closed", "broken"])
def test_export_wait_follows_to_the_end_whatever_happens_to_stderr(stderr: str) -> None:
    # With --output json the progress lines go to stderr: every one of them fails. An export of
    # 2 s (the demo's take 8) on EC2 over loopback: a few progress lines, each polled for.
    local = LocalEC2(time.monotonic, export_seconds=2.0)
    local.images.add(IMAGE)
    local.buckets.add("demo-exports")
    read_end, write_end = os.pipe()
    os.close(read_end)
    with ec2_over_http(local) as (port, _):
        argv = ["--endpoint-url", f"http://127.0.0.1:{port}", "--region", "us-east-1"]
        argv += [*DEMO_EXPORT, "--output", "json", "--wait", "--interval", "1"]
        command = [sys.executable, "-m", "ec2_export_image_tasks", *argv]
        if stderr == "closed":
            command = ["sh", "-c", 'exec "$@" 2>&-', "sh", *command]
        try:
            result = subprocess.run(
                command,
                stdout=subprocess.PIPE,
                stderr=write_end,
                text=True,
                env=without_aws(**SIGNING),
                check=False,
                timeout=60,
            )
        finally:
            os.close(write_end)

    assert result.returncode == 0
    assert NEW_TASK_ID.fullmatch(json.loads(result.stdout)["ExportImageTaskId"])
    assert len(local.requests) > 2  # the export, then polls until it completed
