"""The command line as a user of a real account meets it: EC2's odd answers, through real clients.

Each test is a promise of the README's "The command line" or "Against the real service" that
did not hold when the installed command was tried by hand.
"""

from __future__ import annotations

import errno
import io
import re
import shlex
import sys
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ConnectionClosedError

from ec2_export_image_tasks.cli import main
from ec2_export_image_tasks.testing import Ec2Error, Reply, error_reply, make_client

from .helpers import FakeTime

if TYPE_CHECKING:
    from collections.abc import Mapping

TASK_ID = "export-ami-0123456789abcdef0"
EXPORT = ["export", "ami-0123456789abcdef0", "--bucket", "exports", "--format", "vmdk"]


class RefusingWith200:
    """EC2's refusal (``UnauthorizedOperation``) in its error document, sent with a 200."""

    def __init__(self) -> None:
        self.requests: list[str] = []

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(action)
        refusal = error_reply(Ec2Error("UnauthorizedOperation", "You are not authorized.", 403))
        return Reply(200, refusal.body)


REFUSED = "error: AWS UnauthorizedOperation: You are not authorized.\n"


@pytest.mark.parametrize(
    "argv", [["wait", TASK_ID], EXPORT, ["list"]], ids=["wait", "export", "list"]
)
def test_a_refusal_sent_with_a_200_ends_the_command_at_once_as_a_refusal(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Unauthorized is permanent however it is sent: not retried, nothing said to have started."""
    refusing = RefusingWith200()
    client = make_client(refusing, max_attempts=3)
    fake = FakeTime()

    assert main(argv, client=client, sleep=fake.sleep, clock=fake.clock) == 1

    assert capsys.readouterr().err == REFUSED
    assert len(refusing.requests) == 1


def _lost(action: str, parameters: Mapping[str, str]) -> Reply:
    raise ConnectionClosedError(endpoint_url="http://127.0.0.1:8000/")


def test_the_command_that_finds_an_export_runs_as_printed_in_any_shell(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A password in --endpoint-url is left out of it, not written as a glob (``***``): zsh
    refuses a word that matches no file, and botocore never used the password anyway."""
    endpoint = ["--endpoint-url", "http://user:secret@127.0.0.1:8000"]

    assert main([*endpoint, *EXPORT], client=make_client(_lost)) == 1

    err = capsys.readouterr().err
    command = err.rstrip("\n").rpartition("another: ")[2]
    assert shlex.split(command)[:3] == [
        "ec2-export-image-tasks",
        *endpoint[:1],
        "http://127.0.0.1:8000",
    ]
    assert "*" not in err
    assert "secret" not in err


class FullDisk(io.StringIO):
    """Standard output on a full disk: every write fails."""

    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_export_wait_whose_id_cannot_be_written_is_status_7_with_the_wait_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The export started: a script that retries ``export --wait`` on status 1 would start
    another; 7 says it goes on, and the line says how to follow it."""
    monkeypatch.setattr(sys, "stdout", FullDisk())
    argv = ["--demo", "export", "ami-0000000000000a000", "--bucket", "demo-exports"]
    fake = FakeTime()

    status = main([*argv, "--format", "vmdk", "--wait"], sleep=fake.sleep, clock=fake.clock)

    err = capsys.readouterr().err
    assert status == 7
    started = re.fullmatch(
        r"error: export (export-ami-[0-9a-f]{17}) started, but cannot write the output: No space"
        r" left on device; export \1 started and goes on; follow it with: "
        r"ec2-export-image-tasks --demo wait (export-ami-[0-9a-f]{17})\n",
        err,
    )
    assert started is not None, err
    assert started[1] == started[2]
