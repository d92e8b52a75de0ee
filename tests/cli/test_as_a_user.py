"""The command line as a user of a real account meets it: EC2's odd answers, through real clients.

Each test is a promise of the README's "The command line" or "Against the real service" that
did not hold when the installed command was tried by hand.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shlex
import signal
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ConnectionClosedError

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, make_client

from ..paginator.helpers import ShapedListing
from .helpers import FakeTime

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

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


def _a_proxys_page(action: str, parameters: Mapping[str, str]) -> Reply:
    """What a captive portal or a misconfigured proxy answers to anything, with a 200."""
    return Reply(200, b"<html><body><p>Sign in to the hotel network</p></body></html>")


NOT_EC2 = "error: AWS answered with <html>, not EC2's XML"


@pytest.mark.parametrize(
    "argv",
    [["cancel", TASK_ID], ["list"], EXPORT, ["watch"]],
    ids=["cancel", "list", "export", "watch"],
)
def test_a_200_that_is_not_ec2s_xml_is_an_error_not_a_success(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """botocore reads any XML root as an empty success: a cancel done, no tasks at all."""
    fake = FakeTime()

    status = main(argv, client=make_client(_a_proxys_page), sleep=fake.sleep, clock=fake.clock)

    captured = capsys.readouterr()
    assert (status, captured.out) == (1, "")
    assert captured.err.startswith(NOT_EC2)
    assert captured.err.count("\n") == 1


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


class TerminatedOn:
    """A local EC2 holding the image and the bucket, where ``signum`` arrives (as from
    ``timeout``, systemd or ``docker stop``) once a request for ``action`` is on its way."""

    def __init__(self, action: str, signum: signal.Signals, time: FakeTime) -> None:
        self.local = LocalEC2(time.clock, export_seconds=100.0)
        self.local.images.add("ami-0123456789abcdef0")
        self.local.buckets.add("exports")
        self.action = action
        self.signum = signum

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        reply = self.local(action, parameters)
        if action == self.action:
            os.kill(os.getpid(), self.signum)
        return reply


ENDINGS = pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)


class SignalNotHandledError(Exception):
    """A signal the command line left to its default action: it would have killed it."""


@pytest.fixture(autouse=True)
def _unhandled_signals_fail_the_test() -> Iterator[None]:
    """Not kill the test run: the default action of SIGTERM and SIGHUP, made an exception."""

    def fail(signum: int, frame: object) -> None:
        raise SignalNotHandledError(signal.Signals(signum).name)

    previous = {signum: signal.signal(signum, fail) for signum in (signal.SIGTERM, signal.SIGHUP)}
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


@ENDINGS
def test_a_signal_while_exporting_says_how_to_find_the_export_without_starting_another(
    capsys: pytest.CaptureFixture[str], signum: signal.Signals
) -> None:
    fake = FakeTime()
    client = make_client(TerminatedOn("ExportImage", signum, fake))

    status = main(EXPORT, client=client, sleep=fake.sleep, clock=fake.clock)

    err = capsys.readouterr().err
    assert status == 128 + signum
    assert err.startswith(f"error: terminated by {signum.name}; the export may have started; ")
    assert re.search(r"ec2-export-image-tasks export .* --client-token [0-9a-f-]{36}\n$", err)


@ENDINGS
def test_a_signal_while_following_says_the_export_goes_on_and_how_to_follow_it(
    capsys: pytest.CaptureFixture[str], signum: signal.Signals
) -> None:
    fake = FakeTime()
    client = make_client(TerminatedOn("DescribeExportImageTasks", signum, fake))

    status = main([*EXPORT, "--wait"], client=client, sleep=fake.sleep, clock=fake.clock)

    captured = capsys.readouterr()
    task_id = captured.out.splitlines()[0]
    assert status == 128 + signum
    assert captured.err == (
        f"error: terminated by {signum.name}; export {task_id} started and goes on; "
        f"follow it with: ec2-export-image-tasks wait {task_id}\n"
    )


@ENDINGS
def test_a_signal_ends_any_command_in_one_line_with_128_plus_it(
    capsys: pytest.CaptureFixture[str], signum: signal.Signals
) -> None:
    fake = FakeTime()
    client = make_client(TerminatedOn("DescribeExportImageTasks", signum, fake))

    status = main(["list"], client=client, sleep=fake.sleep, clock=fake.clock)

    assert status == 128 + signum
    assert capsys.readouterr().err == f"error: terminated by {signum.name}\n"


def test_a_retry_warning_gives_its_delay_as_a_person_reads_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Shortened to the time left before --timeout, the delay is a fraction: 1.8 s, not 1.75309."""
    fake = FakeTime()

    def throttled_slowly(action: str, parameters: Mapping[str, str]) -> Reply:
        fake.now += 0.123456  # each answer takes a while
        return error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))

    client = make_client(throttled_slowly)
    main(
        ["watch", "--timeout", "3", "--interval", "1"],
        client=client,
        sleep=fake.sleep,
        clock=fake.clock,
    )

    delays = re.findall(r"trying again in (\S+) s", capsys.readouterr().err)
    assert len(delays) >= 2
    assert all(re.fullmatch(r"\d+(\.\d)?", delay) for delay in delays), delays


@pytest.mark.parametrize(
    "description",
    ["two\nlines", "caf\u00e9 \u6f22\u5b57", "it's \\ \u202eodd\t"],
    ids=["newline", "non-ASCII", "quote, backslash, bidi, tab"],
)
def test_the_command_that_finds_an_export_is_exact_whatever_the_description(
    description: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Escaped for the terminal (``\\n``) or for an ASCII stream (``\\xe9``), a word pasted
    back would be another description: EC2 refuses a ClientToken sent with other parameters.
    So such a word is written in ANSI-C quotes (bash, zsh, ksh), which mean it exactly."""
    argv = [*EXPORT, "--description", description]

    assert main(argv, client=make_client(_lost)) == 1

    err = capsys.readouterr().err
    assert err.isascii()
    command = err.rstrip("\n").rpartition("another: ")[2]
    assert "--description $'" in command
    words = _bash_words(command)
    assert words[words.index("--description") + 1] == description


def _bash_words(command: str) -> list[str]:
    """``command`` split as bash splits it, ANSI-C quotes included (``\\u`` in UTF-8)."""
    script = f'for word in {command}; do printf "%s\\0" "$word"; done'
    environment = os.environ | {"LC_ALL": "C.UTF-8"}
    done = subprocess.run(["bash", "-c", script], capture_output=True, check=True, env=environment)
    return done.stdout.decode().split("\0")[:-1]


def test_a_signal_part_way_through_a_listing_prints_what_was_received_and_the_way_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As Ctrl-C does: the tasks received, and the token that goes on after them."""
    listing = ShapedListing(total=8, sizes=[3])

    def terminated_on_the_second_page(action: str, parameters: Mapping[str, str]) -> Reply:
        if "NextToken" in parameters:
            os.kill(os.getpid(), signal.SIGTERM)
        return listing(action, parameters)

    status = main(["list", "--output", "jsonl"], client=make_client(terminated_on_the_second_page))

    captured = capsys.readouterr()
    assert status == 128 + signal.SIGTERM
    assert len(captured.out.splitlines()) == 3
    assert re.fullmatch(
        r"error: terminated by SIGTERM \(continue with --starting-token \S+\)\n", captured.err
    )
