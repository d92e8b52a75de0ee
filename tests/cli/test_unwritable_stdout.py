"""Standard output that cannot be written, for what argparse prints and with no stdout at all."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .helpers import cli_process

CLOSING_STDOUT = ["bash", "-c", 'exec "$@" >&-', "bash"]
"""Runs its arguments as ``>&-`` in a shell does: with no descriptor 1 (``sys.stdout`` None)."""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["list", "--help"]], ids=" ".join)
def test_help_and_version_on_a_full_disk_are_one_error_line_and_status_1(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = cli_process(*argv, stdout=full)

    assert (result.returncode, result.stderr) == (
        1,
        "error: cannot write the output: No space left on device\n",
    )


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
