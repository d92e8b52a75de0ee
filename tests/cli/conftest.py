"""``run``: the command line in-process, against the demo, on a fake clock; ``no_aws``; the
command line's model cache in the run's own directory, not the user's ``~/.cache``."""

from __future__ import annotations

import os
import tempfile
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import FakeTime, Run, without_aws

if TYPE_CHECKING:
    from collections.abc import Callable


# Set on import, before test modules build the environments of their processes (without_aws()
# in a parametrize runs at collection); the directory goes when the run ends.
_MODEL_CACHE = tempfile.TemporaryDirectory(prefix="xdg-cache-")
os.environ["XDG_CACHE_HOME"] = _MODEL_CACHE.name


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    def run_cli(*argv: str, time: FakeTime | None = None) -> Run:
        fake = time or FakeTime()
        status = main(["--demo", *argv], sleep=fake.sleep, clock=fake.clock)
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run_cli


@pytest.fixture
def no_aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's environment as on a machine without AWS configuration."""
    for name in os.environ:
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    for name, value in without_aws().items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def aws_without_files(no_aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """No AWS files nor metadata service; dummy credentials and a region, one attempt a call."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
