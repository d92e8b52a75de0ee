"""The files in tests/typing are user code: mypy --strict and pyright strict must accept every
line but the ones marked ``# expect-error``, and must reject each of those.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TYPING = Path(__file__).parent / "typing"
ROOT = Path(__file__).parent.parent
FILES = sorted(TYPING.glob("*.py"))


def _expected_lines(path: Path) -> set[int]:
    lines = path.read_text().splitlines()
    return {number for number, line in enumerate(lines, 1) if line.endswith("# expect-error")}


def _mypy_error_lines(path: Path) -> set[int]:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path.relative_to(ROOT))],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    pattern = re.compile(rf"^{re.escape(str(path.relative_to(ROOT)))}:(\d+): error:", re.MULTILINE)
    return {int(line) for line in pattern.findall(result.stdout)}


def _pyright_error_lines(path: Path) -> set[int]:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    assert pyright is not None, "pyright is not installed beside this interpreter"
    result = subprocess.run(
        [pyright, "--outputjson", "--project", str(TYPING / "pyrightconfig.json"), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["summary"]["filesAnalyzed"] == 1, result.stdout
    diagnostics = report["generalDiagnostics"]
    return {d["range"]["start"]["line"] + 1 for d in diagnostics if d["severity"] == "error"}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_mypy_strict_rejects_exactly_the_marked_lines(path: Path) -> None:
    expected = _expected_lines(path)
    assert expected, "a typing file must show misuse too"
    assert _mypy_error_lines(path) == expected


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_pyright_strict_rejects_exactly_the_marked_lines(path: Path) -> None:
    assert _pyright_error_lines(path) == _expected_lines(path)
