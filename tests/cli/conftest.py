"""``run``: the command line in-process, against the demo, on a fake clock; ``no_aws``; the
command line's model cache in the run's own directory, not the user's ``~/.cache``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import FakeTime, Run, without_aws

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


@pytest.fixture(autouse=True, scope="session")
def _model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


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
