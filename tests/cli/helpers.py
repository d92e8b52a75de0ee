"""Running the command line in a test: in-process with a clock it controls, or as a process."""

from __future__ import annotations

import errno
import io
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import pytest

from ec2_export_image_tasks._cli import main

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ec2_export_image_tasks import EC2ClientProtocol

NEARLY_DONE = "export-ami-0000000000000d000"  # the demo's: 60% of 8 s
SLOWEST = "export-ami-0000000000000d002"  # 5% of 20 s
CANCELLED = "export-ami-0000000000000d005"

IMAGE = "ami-0123456789abcdef0"
EXPORT = ["export", IMAGE, "--bucket", "exports", "--format", "vmdk"]
"""An export of a local EC2 that holds ``IMAGE`` and the bucket ``exports``."""
DEMO_EXPORT = ["export", IMAGE, "--bucket", "demo-exports", "--format", "vmdk"]
"""An export the demo (or a local EC2 with the bucket ``demo-exports``) starts."""
NEW_TASK_ID = re.compile(r"export-ami-[0-9a-f]{17}")
"""The id of an export a test started: its digits are not known in advance."""


def usage_error(
    argv: Sequence[str],
    capsys: pytest.CaptureFixture[str],
    client: EC2ClientProtocol | None = None,
) -> str:
    """What stderr says of the usage error ``argv`` must be: exit status 2, before anything runs."""
    with pytest.raises(SystemExit) as exited:
        main(argv, client=client)
    assert exited.value.code == 2
    return capsys.readouterr().err


@dataclass
class FakeTime:
    """A clock that only moves when the command line sleeps."""

    now: float = 1000.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class RealClock:
    """The real monotonic clock, keeping its first reading: a command's deadline starts there,
    once its client is made, so a test measures the command's time from the same instant."""

    def __init__(self) -> None:
        self.first: float | None = None

    def __call__(self) -> float:
        now = time.monotonic()
        if self.first is None:
            self.first = now
        return now

    def elapsed(self) -> float:
        """Seconds since the first reading."""
        assert self.first is not None, "the command never read the clock"
        return time.monotonic() - self.first


class Terminal(io.StringIO):
    """Standard output that says it is a terminal, and keeps what is drawn on it."""

    def isatty(self) -> bool:
        return True


class FullStream(io.StringIO):
    """A stream on a full disk: every write fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


@dataclass
class Run:
    status: int
    out: str
    err: str


def without_aws(**extra: str) -> dict[str, str]:
    """The environment of a machine with no AWS configuration, and no metadata service."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    return (
        environment
        | {
            "AWS_CONFIG_FILE": "/nonexistent",
            "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        | extra
    )


def cli_process(
    *argv: str, stdout: int | IO[Any] = subprocess.PIPE, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m ec2_export_image_tasks ARGV`` run to its end (within a minute)."""
    return subprocess.run(
        [sys.executable, "-m", "ec2_export_image_tasks", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
