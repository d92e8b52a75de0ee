"""Every Python snippet in the README runs as written.

Snippets that talk to AWS get the local endpoint instead: ``boto3.client`` and aiobotocore's
``get_session`` are replaced, for the snippet's run only, by ones answered by a local EC2
seeded with a few tasks, so the snippet's own text stays what a user would type. A snippet
that defines ``test_*`` functions is a test file: each is called with the package's fixtures.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import aiobotocore.session
import boto3
import pytest

from ec2_export_image_tasks.testing import LocalEC2
from ec2_export_image_tasks.testing.aio import local_session

from .type_checkers import Diagnostic, mypy_diagnostics, pyright_diagnostics

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client

README = Path(__file__).parent.parent / "README.md"
_BLOCK = re.compile(r"^```python\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^#+ (?P<title>.+)$", re.MULTILINE)


@dataclass(frozen=True)
class Snippet:
    """A ```python block of the README: the heading it is under, its first line, its text."""

    heading: str
    line: int
    code: str

    @property
    def where(self) -> str:
        return f"{self.heading} (README.md:{self.line})"


def snippets() -> list[Snippet]:
    """Each ```python block, in the README's order."""
    text = README.read_text()
    found: list[Snippet] = []
    for block in _BLOCK.finditer(text):
        line = text.count("\n", 0, block.start()) + 2
        headings = [h["title"] for h in _HEADING.finditer(text, 0, block.start())]
        found.append(Snippet(headings[-1] if headings else "top", line, block["code"]))
    return found


SNIPPETS = snippets()

REGIONS = ("us-east-1", "eu-west-1", "ap-south-1")


def _seeded() -> LocalEC2[EC2Client]:
    local: LocalEC2[EC2Client] = LocalEC2()
    local.add_tasks(3)
    local.images.add("ami-0123456789abcdef0")  # what the README's export snippet exports
    local.buckets.add("my-exports")
    return local


@pytest.fixture
def aws_is_local(monkeypatch: pytest.MonkeyPatch) -> None:
    """``boto3.client("ec2")`` and aiobotocore sessions answered by seeded local endpoints."""
    sync = _seeded()

    def client(*_: object, **__: object) -> EC2Client:
        return sync.client

    monkeypatch.setattr(boto3, "client", client)
    monkeypatch.setattr(
        aiobotocore.session,
        "get_session",
        lambda: local_session({region: _seeded() for region in REGIONS}),
    )


FIXTURES: dict[str, Callable[[], Any]] = {"local_ec2": LocalEC2}
"""The pytest fixtures a README test may name, as the plugin gives them."""


def test_the_readme_has_python_snippets() -> None:
    assert len(SNIPPETS) >= 3


@pytest.mark.usefixtures("aws_is_local")
@pytest.mark.parametrize(
    "code", [snippet.code for snippet in SNIPPETS], ids=[snippet.where for snippet in SNIPPETS]
)
def test_the_snippet_runs(code: str) -> None:
    namespace: dict[str, Any] = {"__name__": "readme"}

    exec(compile(code, str(README), "exec"), namespace)  # the README's own code

    for name, value in namespace.items():
        if name.startswith("test_") and inspect.isfunction(value):
            value(*(FIXTURES[parameter]() for parameter in inspect.signature(value).parameters))


@pytest.fixture(scope="module")
def snippet_files(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Snippet]:
    """Each snippet its own module, as a user would paste it into a file of their own."""
    folder = tmp_path_factory.mktemp("snippets")
    files: dict[Path, Snippet] = {}
    for number, snippet in enumerate(SNIPPETS):
        path = folder / f"snippet_{number}.py"
        path.write_text(snippet.code)
        files[path.resolve()] = snippet
    return files


_SHOWN = 160
"""Characters of a message's first line shown: pyright writes out whole overload sets."""


def in_the_readme(diagnostics: list[Diagnostic], files: dict[Path, Snippet]) -> list[str]:
    """Each error as the README's heading and line it is on, and the checker's message."""
    return [
        f"{files[found.path].heading} (README.md:{files[found.path].line + found.line - 1}): "
        f"{found.message.splitlines()[0][:_SHOWN]} [{found.code}]"
        for found in diagnostics
    ]


@pytest.mark.types
def test_every_snippet_type_checks_under_mypy_strict(
    snippet_files: dict[Path, Snippet], mypy_cache: Path
) -> None:
    paths = tuple(snippet_files)

    errors = in_the_readme(mypy_diagnostics(paths, mypy_cache, cwd=paths[0].parent), snippet_files)

    assert not errors, "\n".join(errors)


@pytest.mark.types
def test_every_snippet_type_checks_under_pyright_strict(
    snippet_files: dict[Path, Snippet],
) -> None:
    paths = tuple(snippet_files)

    errors = in_the_readme(pyright_diagnostics(paths, cwd=paths[0].parent), snippet_files)

    assert not errors, "\n".join(errors)


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    # The README: "Set up and run the whole test suite ... CI runs exactly this (`.ci/run`)".
    section = README.read_text().partition("Set up and run the whole test suite")[2]
    command = re.search(r"^```sh\n(?P<command>.+?)\n```$", section, re.MULTILINE)
    ci_run = (README.parent / ".ci" / "run").read_text().splitlines()

    assert command is not None
    assert ci_run[-1] == command["command"]
