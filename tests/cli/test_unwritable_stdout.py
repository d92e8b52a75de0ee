"""Standard output that cannot take the output: a reader gone, a full disk, no stdout at all.

A closed pipe ends the command silently with 141, as a Unix tool; a full disk or a closed
descriptor is one error line and status 1; an export whose id cannot be written still says it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import DEMO_EXPORT, NEARLY_DONE, NEW_TASK_ID, FakeTime, FullStream, cli_process

WRITERS = [
    ["--demo", "list", "--output", "jsonl"],
    ["--demo", "list", "--output", "table"],
    ["--demo", "list", "--output", "json"],
    ["schema"],
    ["--demo", "wait", NEARLY_DONE, "--interval", "1"],
    ["--demo", "watch", "--interval", "1"],
]


@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_a_reader_that_closed_the_pipe_ends_the_command_silently_with_141(
    argv: list[str],
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        result = cli_process(*argv, stdout=write_end)
    finally:
        os.close(write_end)

    assert (result.returncode, result.stderr) == (141, "")


def _shell(pipeline: str) -> subprocess.CompletedProcess[str]:
    """``pipeline`` in bash with pipefail, ``$CLI`` being this package's command line."""
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", pipeline],
        capture_output=True,
        text=True,
        env=os.environ | {"CLI": f"{sys.executable} -m ec2_export_image_tasks"},
        check=False,
        timeout=60,
    )


def test_wait_piped_to_head_prints_a_line_and_ends_like_a_unix_tool() -> None:
    result = _shell(f"$CLI --demo wait {NEARLY_DONE} --interval 1 | head -1")

    assert result.returncode == 141
    assert result.stdout.startswith(f"{NEARLY_DONE} active")
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_watch_piped_to_true_ends_like_a_unix_tool() -> None:
    result = _shell("$CLI --demo watch --interval 1 | true")

    assert (result.returncode, result.stderr) == (141, "")


def test_an_id_that_cannot_be_written_to_a_closed_pipe_is_said_on_stderr() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = cli_process("--demo", *DEMO_EXPORT, stdout=write_end)
    finally:
        os.close(write_end)

    assert result.returncode == 141
    assert re.fullmatch(
        r"error: export export-ami-[0-9a-f]{17} started, but cannot write the output: "
        r"Broken pipe\n",
        result.stderr,
    )


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [WRITERS[0], WRITERS[3], WRITERS[4]], ids=" ".join)
def test_a_full_disk_is_one_error_line_and_status_1(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = cli_process(*argv, stdout=full)

    assert result.returncode == 1
    assert result.stderr == "error: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["list", "--help"]], ids=" ".join)
def test_help_and_version_on_a_full_disk_are_one_error_line_and_status_1(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = cli_process(*argv, stdout=full)

    assert (result.returncode, result.stderr) == (
        1,
        "error: cannot write the output: No space left on device\n",
    )


def test_an_id_that_cannot_be_written_to_a_full_disk_is_said_on_stderr() -> None:
    with open("/dev/full", "w") as full:
        result = cli_process("--demo", *DEMO_EXPORT, stdout=full)

    assert result.returncode == 1
    assert NEW_TASK_ID.fullmatch(result.stderr.removeprefix("error: export ").partition(" ")[0]), (
        result.stderr
    )
    assert result.stderr.endswith(
        " started, but cannot write the output: No space left on device\n"
    )


def test_export_wait_whose_id_cannot_be_written_is_status_7_with_the_wait_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export started: a script that retries ``export --wait`` on status 1 would start
    another; 7 says it started (with --demo, no command: another process's demo never saw it)."""
    monkeypatch.setattr(sys, "stdout", FullStream())
    argv = ["--demo", "export", "ami-0000000000000a000", "--bucket", "demo-exports"]
    fake = FakeTime()

    status = main([*argv, "--format", "vmdk", "--wait"], sleep=fake.sleep, clock=fake.clock)

    err = capsys.readouterr().err
    assert status == 7
    started = re.fullmatch(
        r"error: cannot write the output: No space left on device; export "
        r"export-ami-[0-9a-f]{17} started; no other command can find it: the demo forgets its "
        r"exports when this process ends\n",
        err,
    )
    assert started is not None, err


CLOSING_STDOUT = ["bash", "-c", 'exec "$@" >&-', "bash"]
"""Runs its arguments as ``>&-`` in a shell does: with no descriptor 1 (``sys.stdout`` None)."""


@pytest.mark.parametrize("argv", [["--demo", "list"], ["schema"]], ids=" ".join)
def test_a_closed_stdout_is_one_error_line_and_status_1(argv: list[str]) -> None:
    result = subprocess.run(
        [*CLOSING_STDOUT, sys.executable, "-m", "ec2_export_image_tasks", *argv],
        stderr=subprocess.PIPE,
        text=True,
        check=False,
        timeout=60,
    )

    assert (result.returncode, result.stderr) == (
        1,
        "error: cannot write the output: standard output is closed\n",
    )
