"""The files in tests/typing are user code, checked by mypy --strict and by pyright strict.

Each checker must report an error on every line marked ``# expect-error`` (misuse it must
reject) and on no other line (so every ``assert_type`` holds). Every ``*.py`` file in
tests/typing is checked, and those of each folder named for stubs this environment has
(:data:`STUB_FOLDERS`), or of ``no_stubs`` where it has none: scripts/matrix runs this file
where boto3-stubs and types-aiobotocore are installed, where types-boto3 is, and where no stubs
are. Each checker runs once over all the files, in a subprocess with this interpreter's
environment.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
from importlib.util import find_spec
from typing import TYPE_CHECKING

import pytest
from pydantic import BaseModel

from .test_public_api import SURFACE
from .type_checkers import (
    MARK,
    PYRIGHT_CONFIG,
    TYPING,
    Diagnostic,
    marked_lines,
    mypy_diagnostics,
    pyright_command,
    pyright_diagnostics,
)

if TYPE_CHECKING:
    from pathlib import Path

STUB_FOLDERS = {
    "boto3_stubs": "mypy_boto3_ec2",
    "types_boto3": "types_boto3_ec2",
    "aiobotocore": "types_aiobotocore_ec2",
}
"""Each folder of user code that needs stubs, and the module whose presence says they are here."""
NO_STUBS = "no_stubs"
FOLDERS = [folder for folder, module in STUB_FOLDERS.items() if find_spec(module)] or [NO_STUBS]
"""The folders this environment checks, beside the common files."""
FILES = sorted(TYPING.glob("*.py")) + sorted(
    path for folder in FOLDERS for path in (TYPING / folder).glob("*.py")
)


class TypeCheckers:
    """Runs a checker once on each set of files, and keeps what it reported."""

    def __init__(self, mypy_cache: Path) -> None:
        # mypy's cache keys a module by its name, not its path: a cache of this run's own
        # (tests/conftest.py) keeps a file from being mixed up with another of the same name
        # checked before.
        self._mypy_cache = mypy_cache
        self._runs: dict[tuple[str, tuple[Path, ...]], list[Diagnostic]] = {}

    def diagnostics(
        self, checker: str, path: Path, among: tuple[Path, ...] = tuple(FILES)
    ) -> list[Diagnostic]:
        """What ``checker`` reports on ``path``, checked in one run with the files ``among``."""
        key = (checker, among)
        if key not in self._runs:
            self._runs[key] = (
                mypy_diagnostics(among, self._mypy_cache)
                if checker == "mypy"
                else pyright_diagnostics(among)
            )
        return [found for found in self._runs[key] if found.path == path.resolve()]


CHECKERS = ["mypy", "pyright"]
UNRESOLVED = {
    "mypy": {"import", "import-not-found", "import-untyped", "name-defined"},
    "pyright": {"reportMissingImports", "reportMissingModuleSource", "reportUndefinedVariable"},
}
"""Errors that say a name or an import could not be found: never the misuse a line shows."""

pytestmark = pytest.mark.types

each_checker = pytest.mark.parametrize("checker", CHECKERS)
each_typing_file = pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)


@pytest.fixture(scope="module")
def type_checkers(mypy_cache: Path) -> TypeCheckers:
    return TypeCheckers(mypy_cache)


@each_typing_file
def test_the_file_shows_misuse_to_reject(path: Path) -> None:
    assert marked_lines(path), f"{path.name} marks no line {MARK!r}"


@each_checker
@each_typing_file
def test_the_checker_resolves_every_import_and_name(
    type_checkers: TypeCheckers, checker: str, path: Path
) -> None:
    reported = type_checkers.diagnostics(checker, path)

    unresolved = [str(found) for found in reported if found.code in UNRESOLVED[checker]]
    assert not unresolved, "\n".join(unresolved)


@each_checker
@each_typing_file
def test_the_checker_reports_errors_on_exactly_the_marked_lines(
    type_checkers: TypeCheckers, checker: str, path: Path
) -> None:
    reported = type_checkers.diagnostics(checker, path)
    expected = marked_lines(path)

    unexpected = [str(found) for found in reported if found.line not in expected]
    missed = sorted(expected - {found.line for found in reported})
    assert not unexpected, "errors on lines not marked:\n" + "\n".join(unexpected)
    assert not missed, f"marked lines {checker} accepted: {missed}"


def test_every_folder_of_user_code_is_checked_somewhere() -> None:
    folders = {path.parent.name for path in TYPING.glob("*/*.py")}

    assert folders == {*STUB_FOLDERS, NO_STUBS}


def test_the_types_boto3_file_is_the_boto3_stubs_file_under_the_other_names() -> None:
    # Twins, so that each family is held to the very same promises.
    boto3_stubs = (TYPING / "boto3_stubs" / "boto3_stubs_usage.py").read_text()
    types_boto3 = (TYPING / "types_boto3" / "types_boto3_usage.py").read_text()

    renamed = boto3_stubs.replace("mypy_boto3_", "types_boto3_").replace(
        "boto3-stubs", "types-boto3"
    )
    assert types_boto3 == renamed


# The runner checks itself on a file whose every line's verdict is known.
CANARY = """\
from typing import assert_type

from pydantic import BaseModel

from ec2_export_image_tasks import CancelExportTaskRequest, Tag
from ec2_export_image_tasks.models import CancelExportTaskRequestTypeDef
import no_such_module_anywhere


def untyped(x) -> None: ...


cancel = CancelExportTaskRequest(export_task_id="export-ami-0123abcd")
assert_type(cancel.to_boto(), CancelExportTaskRequestTypeDef)
assert_type(Tag.model_validate({}), BaseModel)
"""


def _canary_line(start: str) -> int:
    (number,) = (n for n, line in enumerate(CANARY.splitlines(), 1) if line.startswith(start))
    return number


CANARY_UNRESOLVED_IMPORT = _canary_line("import no_such_module_anywhere")
CANARY_STRICT_ONLY = _canary_line("def untyped(x)")
CANARY_ASSERT_TYPE_MISMATCH = _canary_line("assert_type(Tag.model_validate({}), BaseModel)")


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("typing") / "canary.py"
    path.write_text(CANARY)
    return path


@each_checker
def test_the_checker_sees_the_venvs_packages_and_what_only_strict_mode_rejects(
    type_checkers: TypeCheckers, checker: str, canary: Path
) -> None:
    reported = type_checkers.diagnostics(checker, canary, among=(canary,))

    assert {found.line for found in reported} == {
        CANARY_UNRESOLVED_IMPORT,
        CANARY_STRICT_ONLY,
        CANARY_ASSERT_TYPE_MISMATCH,
    }


@each_checker
def test_the_checker_reports_an_unresolved_import_as_unresolved(
    type_checkers: TypeCheckers, checker: str, canary: Path
) -> None:
    reported = type_checkers.diagnostics(checker, canary, among=(canary,))

    codes = {found.code for found in reported if found.line == CANARY_UNRESOLVED_IMPORT}
    assert codes & UNRESOLVED[checker], codes


def test_pyright_checks_strictly_against_the_environment_running_the_tests() -> None:
    config = json.loads(PYRIGHT_CONFIG.read_text())
    command = pyright_command()

    assert config["typeCheckingMode"] == "strict"
    assert not {"venv", "venvPath", "extraPaths"} & set(config)
    assert command[command.index("--pythonpath") + 1] == sys.executable


ANY_ON_PURPOSE = (
    "typing.Coroutine[Any, Any, ",  # typing's own spelling of what an ``async def`` returns
    "'ResourceType'?: Any",  # models/_boto_types.ResourceType says why
    # botocore's and aiobotocore's own classes, typed only by their stubs (the README says so)
    "session: Any",
    "config: Any",
    "botocore_pages: Any",
    "PageIterator[Any]",
    "aiobotocore_pages: Any",
)
"""Where a public signature may read as ``Any``; each is written where a user reads it."""
RETURNS_AIOBOTOCORES_OWN = {"ec2_export_image_tasks.testing.aio.local_session"}
"""Public names whose type is aiobotocore's own class, ``Any`` where aiobotocore is untyped."""


def _public_names() -> list[str]:
    """Every public name of every public module, and every public attribute of its classes."""
    names: list[str] = []
    for module_name in SURFACE:
        if module_name.endswith(".aio") and not find_spec("aiobotocore"):
            continue
        module = importlib.import_module(module_name)
        for name in module.__all__:
            names.append(f"{module_name}.{name}")
            value = getattr(module, name)
            if isinstance(value, type):
                names += [f"{module_name}.{name}.{member}" for member in _own_methods(value)]
    return names


def _own_methods(cls: type) -> list[str]:
    """The public methods and properties ``cls`` has from this package's classes (its own and
    those it inherits), not pydantic's ``BaseModel``'s."""
    ours = [klass for klass in cls.__mro__ if klass.__module__.startswith("ec2_export_image_tasks")]
    members = {
        member: value
        for klass in reversed(ours)
        for member, value in vars(klass).items()
        if not member.startswith("_") and not hasattr(BaseModel, member)
    }
    return [
        member
        for member, value in members.items()
        if callable(value) or isinstance(value, property | classmethod | staticmethod)
    ]


def test_no_public_name_reads_as_any_but_those_written_down(
    tmp_path: Path, mypy_cache: Path
) -> None:
    # In every environment, the stub-less one above all: the package's own types stay precise.
    names = _public_names()
    modules = [name for name in SURFACE if any(n.startswith(f"{name}.") for n in names)]
    probe = tmp_path / "probe.py"
    lines = [*(f"import {module}" for module in modules), *(f"reveal_type({n})" for n in names)]
    probe.write_text("\n".join(lines) + "\n")

    revealed = [
        found.message.removeprefix("Revealed type is ")
        for found in mypy_diagnostics((probe,), mypy_cache, severity="note")
        if found.message.startswith("Revealed type is ")
    ]

    assert len(revealed) == len(names) > 150
    unexplained = [
        f"{name}: {text}"
        for name, text in zip(names, revealed, strict=True)
        if name not in RETURNS_AIOBOTOCORES_OWN
        and "Any" in functools.reduce(lambda left, why: left.replace(why, ""), ANY_ON_PURPOSE, text)
    ]
    assert not unexplained, "\n".join(unexplained)
