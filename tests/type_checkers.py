"""mypy --strict and pyright strict run on files as on a user's code: the errors each reports.

Shared by the type-level tests (tests/typing), the README's snippets and the installed wheel.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TYPING = Path(__file__).parent / "typing"
ROOT = TYPING.parent.parent
PYRIGHT_CONFIG = TYPING / "pyrightconfig.json"
MARK = "# expect-error"
"""Ends each line of a user's file where a checker must report an error."""


@dataclass(frozen=True)
class Diagnostic:
    """One error a checker reported."""

    path: Path
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}:{self.line}: {self.message} [{self.code}]"


_MYPY_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): (?P<severity>error|note): (?P<message>.*?)"
    r"(?:  \[(?P<code>[\w-]+)\])?$"
)


def mypy_diagnostics(
    paths: tuple[Path, ...],
    cache: Path,
    python: str = sys.executable,
    cwd: Path = ROOT,
    severity: str = "error",
) -> list[Diagnostic]:
    """What ``mypy --strict`` of ``python``'s environment reports on ``paths``, run in ``cwd``:
    its errors, or its notes (``reveal_type``'s answers among them)."""
    command = [python, "-m", "mypy", "--strict", "--cache-dir", str(cache)]
    command += ["--show-error-codes", "--no-pretty", "--no-error-summary", *map(str, paths)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)
    assert run.returncode in (0, 1), f"mypy failed to run:\n{run.stdout}{run.stderr}"
    found = (_MYPY_LINE.match(line) for line in run.stdout.splitlines())
    return [
        Diagnostic((cwd / m["path"]).resolve(), int(m["line"]), m["code"] or "", m["message"])
        for m in found
        if m and m["severity"] == severity
    ]


def pyright_command(python: str = sys.executable) -> list[str]:
    """pyright beside ``python``, strict (the config), on ``python``'s installed packages.

    The interpreter is given on the command line, not in the config: the suite passes wherever
    the package and its test tools are installed, not only in a ``.venv`` beside the sources.
    """
    beside_interpreter = shutil.which("pyright", path=str(Path(python).parent))
    pyright = [beside_interpreter] if beside_interpreter else [python, "-m", "pyright"]
    return [*pyright, "--outputjson", "--project", str(PYRIGHT_CONFIG), "--pythonpath", python]


def pyright_diagnostics(
    paths: tuple[Path, ...], python: str = sys.executable, cwd: Path = ROOT
) -> list[Diagnostic]:
    """What pyright strict reports on ``paths`` against ``python``'s packages, run in ``cwd``."""
    command = pyright_command(python)
    run = subprocess.run(
        [*command, *map(str, paths)], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert run.returncode in (0, 1), f"pyright failed to run:\n{run.stdout}{run.stderr}"
    report = json.loads(run.stdout)
    assert report["summary"]["filesAnalyzed"] == len(paths), run.stdout
    return [
        Diagnostic(
            Path(found["file"]).resolve(),
            found["range"]["start"]["line"] + 1,
            found.get("rule", ""),
            found["message"],
        )
        for found in report["generalDiagnostics"]
        if found["severity"] in ("error", "warning")
    ]


def marked_lines(path: Path) -> set[int]:
    lines = path.read_text().splitlines()
    return {number for number, line in enumerate(lines, 1) if line.rstrip().endswith(MARK)}
