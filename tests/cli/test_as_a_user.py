"""The command line as a user meets it: closed streams, odd values, a broken setup, odd answers.

Each test here is a defect found by running the installed command by hand (issue 20's new
options among them): it failed before its fix. In-process wherever a real process is not the
point, against the local EC2 (``local_ec2``), on a fake clock.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import FakeTime

if TYPE_CHECKING:
    from ec2_export_image_tasks.testing import LocalEC2

TASK = "export-ami-0123456789abcdef0"
CLOSED = "error: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["list", "--help"], ["--version"], ["completion", "bash"]],
    ids=" ".join,
)
def test_help_version_and_completion_with_stdout_closed_are_one_error_line_and_status_1(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, ``--help >&-`` printed the whole help on stderr and exited 0, as if it had worked.
    monkeypatch.setattr(sys, "stdout", None)  # what ``>&-`` gives a Python program

    status = main(argv)

    assert (status, capsys.readouterr().err) == (1, CLOSED)


def test_a_usage_error_with_stdout_closed_is_still_said_on_stderr_with_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)

    with pytest.raises(SystemExit) as exit_:
        main(["list", "--page-size", "0"])

    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("error: argument --page-size: 0: ")


def test_wait_timing_out_on_a_task_without_a_status_says_so_not_none(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # EC2's model leaves Status optional: before, the line said "still None after 2 s".
    local_ec2.add_task({"ExportImageTaskId": TASK, "Progress": "10"})
    time = FakeTime()

    status = main(
        ["wait", TASK, "--timeout", "2", "--interval", "1"],
        client=local_ec2.client,
        sleep=time.sleep,
        clock=time.clock,
    )

    assert status == 6
    assert capsys.readouterr().err == (
        f"error: export {TASK} still without a status at 10% after 2 s\n"
    )
