"""``export --timeout`` is one deadline for the whole command: ``ExportImage``, then the polls.

Before, only the polls were cut at the deadline: against a silent ``ExportImage`` endpoint,
``export ... --timeout 2`` ran 15 s (botocore's read timeout), against a dripping one 27 s, and
a slow start pushed the polls' deadline later by as long. Cut short during ``ExportImage``, the
export may have started: the line gives the command that finds it with its ClientToken (exit 6,
the deadline's status; nothing is on stdout, unlike 7's started export).
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import LocalEC2, make_client

from ..loopback import drip, serving, silent
from .helpers import EXPORT, IMAGE, FakeTime, RealClock
from .test_wait import SLACK

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ec2_export_image_tasks.testing import Reply

    from ..loopback import Behaviour

TIMEOUT = 2.0

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


@pytest.mark.usefixtures("aws_without_files")
@pytest.mark.parametrize("server", [silent, drip], ids=["silent", "dripping"])
def test_export_ends_by_its_timeout_when_export_image_never_answers(
    capsys: pytest.CaptureFixture[str], server: Behaviour
) -> None:
    clock = RealClock()  # the deadline starts at its first reading, once the client is made
    with serving(server) as url:
        argv = ["--endpoint-url", url, *EXPORT, "--timeout", f"{TIMEOUT:g}"]
        status = main(argv, clock=clock)
        elapsed = clock.elapsed()

    captured = capsys.readouterr()
    assert status == 6
    assert elapsed < TIMEOUT + SLACK
    assert captured.out == ""
    finds = f"ec2-export-image-tasks --endpoint-url {url} {shlex.join(EXPORT)} --client-token"
    assert re.fullmatch(
        r"error: ExportImage had not answered when --timeout's 2 s passed; the export may have "
        rf"started; this finds it without starting another: {re.escape(finds)} {UUID}\n",
        captured.err,
    ), captured.err


def test_a_slow_export_image_leaves_the_polls_only_what_remains_of_the_timeout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeTime()
    local = LocalEC2(fake.clock, export_seconds=100.0)
    local.images.add(IMAGE)
    local.buckets.add("exports")

    def slow_start(action: str, parameters: Mapping[str, str]) -> Reply:
        if action == "ExportImage":
            fake.sleep(20.0)  # the answer comes 20 s after the request
        return local(action, parameters)

    argv = [*EXPORT, "--timeout", "30", "--interval", "5"]
    status = main(argv, client=make_client(slow_start), sleep=fake.sleep, clock=fake.clock)

    assert status == 7
    assert fake.now == pytest.approx(1030.0)  # 30 s after it began, not 30 s after the answer
    assert " after 30 s; " in capsys.readouterr().err


@pytest.mark.usefixtures("aws_without_files")
def test_a_dry_run_cut_short_by_its_timeout_is_status_6_and_gives_no_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serving(silent) as url:
        argv = ["--endpoint-url", url, *EXPORT, "--dry-run", "--timeout", "1"]
        status = main(argv)

    assert (status, capsys.readouterr().err) == (
        6,
        "error: ExportImage had not answered when --timeout's 1 s passed\n",
    )
