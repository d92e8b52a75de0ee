"""Standard output that cannot be written, for what argparse prints and with no stdout at all."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
