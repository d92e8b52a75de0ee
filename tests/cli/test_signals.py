"""A signal (SIGTERM, SIGHUP) or Ctrl-C ends any command in one line with 128 + its number.

The line says what the user holds: an export that may have started and the command that finds
it, an export that goes on and how to follow it, or the listing's token that goes on.
"""

from __future__ import annotations

import os
import re
import signal
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import LocalEC2, Reply, make_client

from ..paginator.helpers import ShapedListing
from .helpers import EXPORT, IMAGE, FakeTime

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


class TerminatedOn:
    """A local EC2 holding the image and the bucket, where ``signum`` arrives (as from
    ``timeout``, systemd or ``docker stop``) once a request for ``action`` is on its way."""

    def __init__(self, action: str, signum: signal.Signals, time: FakeTime) -> None:
        self.local = LocalEC2(time.clock, export_seconds=100.0)
        self.local.images.add(IMAGE)
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


def test_ctrl_c_during_watch_is_status_130(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    status = main(["--demo", "watch"], sleep=interrupt)

    assert status == 130
    assert capsys.readouterr().err == "error: interrupted\n"
