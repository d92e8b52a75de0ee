"""What ``pip install ec2-export-image-tasks`` gives: the built wheel and sdist, in a fresh venv.

The wheel is built from this tree, installed with its dependencies and the two type checkers
only (no dev tools, no extras) in a new environment, and a user's file is checked there from
outside the source tree: the package's precise types must come with the plain install.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from importlib.metadata import version
from typing import TYPE_CHECKING

import pytest

import ec2_export_image_tasks

from .type_checkers import ROOT, marked_lines, mypy_diagnostics, pyright_diagnostics

if TYPE_CHECKING:
    from email.message import Message
    from pathlib import Path

pytestmark = pytest.mark.wheel

UV = [sys.executable, "-m", "uv"]

USER_CODE = '''\
"""A user's code, with nothing installed but the wheel (and what it depends on): no stubs."""

from typing import assert_type

from ec2_export_image_tasks import (
    EC2ClientProtocol,
    ExportImageTask,
    ExportImageTaskPaginator,
    Filter,
)
from ec2_export_image_tasks.models import DescribeExportImageTasksPageTypeDef


def report(client: EC2ClientProtocol) -> None:
    paginator = ExportImageTaskPaginator(client)
    task = ExportImageTask(progress=45, tags=[])
    assert_type(task.to_boto().get("Progress"), str | None)
    page = paginator.paginate().build_full_result().to_boto()
    assert_type(page, DescribeExportImageTasksPageTypeDef)
    Filter(name="task-state", values=["active"])

    paginator.paginate(Filtres=[])  # expect-error
    ExportImageTaskPaginator("ec2")  # expect-error
    task.to_boto()["Percent"]  # expect-error
'''
"""Every line marked ``# expect-error`` would be accepted if the package's types were ``Any``."""


@dataclass(frozen=True)
class Built:
    wheel: Path
    sdist: Path
    python: Path
    """The fresh environment's interpreter, with the wheel installed."""


def _run(command: list[str], cwd: Path) -> None:
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert run.returncode == 0, f"{' '.join(command)} failed:\n{run.stdout}{run.stderr}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("dist")
    _run([*UV, "build", "--quiet", "--wheel", "--sdist", "--out-dir", str(out), str(ROOT)], out)
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    env = tmp_path_factory.mktemp("fresh") / "env"
    _run([*UV, "venv", "--quiet", "--python", sys.executable, str(env)], out)
    python = env / "bin" / "python"
    checkers = [f"mypy=={version('mypy')}", f"pyright=={version('pyright')}"]
    _run([*UV, "pip", "install", "--quiet", "--python", str(python), str(wheel), *checkers], out)
    return Built(wheel, sdist, python)


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(archive.read(name).decode())


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_a_users_file_gets_the_precise_types_from_the_plain_install(
    built: Built, checker: str, tmp_path: Path
) -> None:
    user = tmp_path / "user_code.py"
    user.write_text(USER_CODE)

    if checker == "mypy":
        reported = mypy_diagnostics((user,), tmp_path / "cache", str(built.python), tmp_path)
    else:
        reported = pyright_diagnostics((user,), str(built.python), tmp_path)

    assert {found.line for found in reported} == marked_lines(user), "\n".join(map(str, reported))


def test_the_fresh_environment_has_neither_the_sources_nor_the_dev_tools(
    built: Built, tmp_path: Path
) -> None:
    script = (
        "import importlib.util, ec2_export_image_tasks as p\n"
        "print(p.__file__)\n"
        "print(importlib.util.find_spec('hypothesis') is None, importlib.util.find_spec('pytest'))"
    )
    run = subprocess.run(
        [built.python, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path
    )

    where, missing = run.stdout.splitlines()
    assert not where.startswith(str(ROOT))
    assert missing == "True None"


def test_the_license_ships_in_the_wheel_and_the_sdist_and_is_named_in_the_metadata(
    built: Built,
) -> None:
    with zipfile.ZipFile(built.wheel) as archive:
        licenses = [n for n in archive.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    with tarfile.open(built.sdist) as archive:
        in_sdist = [n for n in archive.getnames() if n.endswith("/LICENSE")]
    metadata = _metadata(built.wheel)

    assert licenses
    assert in_sdist
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert "Copyright (c) 2026 the ec2-export-image-tasks authors" in (ROOT / "LICENSE").read_text()


def test_the_metadata_says_typed_pydantic_pytest_and_each_python_tested(built: Built) -> None:
    classifiers = set(_metadata(built.wheel).get_all("Classifier") or [])

    assert {
        "Typing :: Typed",
        "Framework :: Pydantic :: 2",
        "Framework :: Pytest",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
    } <= classifiers


def test_the_published_extras_are_the_users_and_no_stubs_are_dependencies(built: Built) -> None:
    metadata = _metadata(built.wheel)
    requires = metadata.get_all("Requires-Dist") or []
    unconditional = {re.split("[<>=!~ ]", req)[0] for req in requires if ";" not in req}

    assert set(metadata.get_all("Provides-Extra") or []) == {
        "async",
        "hypothesis",
        "boto3-stubs",
        "types-boto3",
        "types-aiobotocore",
    }
    assert unconditional == {"boto3", "pydantic", "rich", "typing-extensions"}
    assert {
        re.split("[<>=!~ ]", req)[0] for req in requires if req.endswith("extra == 'async'")
    } == {"aiobotocore"}


def test_the_version_is_the_packages_own(built: Built) -> None:
    assert _metadata(built.wheel)["Version"] == ec2_export_image_tasks.__version__
    assert built.wheel.name.startswith(
        f"ec2_export_image_tasks-{ec2_export_image_tasks.__version__}-"
    )
