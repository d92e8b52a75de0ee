"""``wait`` and ``export --wait``: how each wait ends (0, 3, 5, 6, 7), the deadline holds
whatever the server does, a new task is waited for, the end is said.

The deadline tests run the command line in-process against loopback servers that misbehave
(:mod:`tests.loopback`), with real time: each asserts the command ended by its deadline, with
the slack of :data:`SLACK` (before, a silent server held ``wait --timeout 3`` for 46 s, and a
dripping one forever).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._deadline import MIN_ATTEMPT_SECONDS
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, make_client

from ..loopback import drip, reset, serving, silent
from .helpers import CANCELLED, NEARLY_DONE, SLOWEST, FakeTime, RealClock, Run

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..loopback import Behaviour


def test_wait_returns_once_the_export_completes(run: Callable[..., Run]) -> None:
    time = FakeTime()
    result = run("wait", NEARLY_DONE, "--interval", "1", time=time)

    assert result.status == 0
    assert result.out.splitlines()[0].startswith(f"{NEARLY_DONE} active 60%")
    assert result.out.splitlines()[-1] == f"{NEARLY_DONE} completed"
    assert time.now == pytest.approx(1004.0)


def test_wait_on_a_cancelled_export_fails_with_status_5(run: Callable[..., Run]) -> None:
    result = run("wait", CANCELLED)

    assert result.status == 5
    assert result.err == f"error: export {CANCELLED} is deleted: Cancelled by the user\n"


def test_a_task_without_a_status_five_times_in_a_row_ends_wait_with_status_3(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    local_ec2.add_task({"ExportImageTaskId": NEARLY_DONE, "Progress": "10"})
    time = FakeTime()

    status = main(["wait", NEARLY_DONE], client=local_ec2.client, sleep=time.sleep)

    assert status == 3
    assert capsys.readouterr().err == (
        f"error: export {NEARLY_DONE} had no Status in 5 answers in a row\n"
    )
    assert len(local_ec2.requests) == 5


def test_wait_gives_up_at_the_timeout_with_status_6(run: Callable[..., Run]) -> None:
    result = run("wait", SLOWEST, "--interval", "5", "--timeout", "7")

    assert result.status == 6
    assert result.err == f"error: export {SLOWEST} still active at 40% after 7 s\n"


TASK_ID = "export-ami-0123456789abcdef0"


TIMEOUT = 2.0


SLACK = MIN_ATTEMPT_SECONDS + 2.0
"""The poll due on the deadline gets its least time, and a loaded machine its second or two.
Timed from the deadline's start: making the client (loading EC2's model) comes before it."""


@pytest.fixture
def fake_credentials(no_aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dummy credentials and a region; botocore's own retries left as they are by default."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")


@pytest.mark.usefixtures("fake_credentials")
@pytest.mark.parametrize(
    ("server", "why"),
    [
        (silent, r"poll 1 was cut short at the deadline, unanswered"),
        (drip, r"poll 1 was cut short at the deadline, unanswered"),
        # botocore's own retries of a reset may or may not fill the time before the deadline.
        (
            reset,
            r"poll \d was cut short at the deadline, unanswered|\d poll\(s\) in a row failed, "
            "the last with ConnectionClosedError",
        ),
    ],
    ids=["silent", "dripping", "resetting"],
)
def test_wait_ends_by_its_timeout_whatever_the_server_does(
    capsys: pytest.CaptureFixture[str], server: Behaviour, why: str
) -> None:
    clock = RealClock()  # the deadline starts at its first reading, once the client is made
    with serving(server) as url:
        argv = ["--endpoint-url", url, "wait", TASK_ID, "--timeout", f"{TIMEOUT:g}"]
        status = main(argv, clock=clock)
        elapsed = clock.elapsed()

    *warnings, last = capsys.readouterr().err.splitlines()
    assert status == 6
    assert elapsed < TIMEOUT + SLACK
    assert re.fullmatch(rf"error: export {TASK_ID} not seen yet after 2 s \(({why})\)", last)
    assert all(line.startswith("warning: ") for line in warnings)


@dataclass
class Script:
    """Answers ``DescribeExportImageTasks`` with each of ``answers`` in turn, the last forever;
    lets ``service`` answer everything else."""

    service: LocalEC2
    answers: list[Ec2Error | None]
    """An error to answer with, or None for the service's own answer."""

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        if action != "DescribeExportImageTasks":
            return self.service(action, parameters)
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return self.service(action, parameters) if answer is None else error_reply(answer)


THROTTLED = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503)


NOT_FOUND = Ec2Error(
    "InvalidExportImageTaskId.NotFound", f"The export image task ID '{TASK_ID}' does not exist"
)


def _active_task() -> LocalEC2:
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "30"})
    return service


def test_throttling_until_the_timeout_is_a_timeout_with_the_last_task_seen(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeTime()
    client = make_client(Script(_active_task(), [None, THROTTLED]))

    status = main(
        ["wait", TASK_ID, "--timeout", "4", "--interval", "1"],
        client=client,
        sleep=fake.sleep,
        clock=fake.clock,
    )

    err = capsys.readouterr().err.splitlines()
    assert status == 6
    assert err[-1] == (
        f"error: export {TASK_ID} still active at 30% after 4 s "
        "(3 poll(s) in a row failed, the last with RequestLimitExceeded)"
    )
    assert all(line.startswith("warning: AWS RequestLimitExceeded: ") for line in err[:-1])


def test_a_skewed_clock_ends_wait_at_once_with_one_line_saying_to_check_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expired = Ec2Error("RequestExpired", "Request has expired.", 400)
    client = make_client(Script(_active_task(), [expired]))

    fake = FakeTime()

    status = main(["wait", TASK_ID, "--timeout", "600"], client=client, sleep=fake.sleep)

    assert status == 1
    assert capsys.readouterr().err == (
        "error: AWS RequestExpired: Request has expired. (check the system clock: EC2 refuses "
        "requests signed more than 5 minutes off)\n"
    )
    assert fake.now == FakeTime().now  # never retried


def test_a_skewed_clock_ends_watch_at_once_saying_to_check_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expired = Ec2Error("RequestExpired", "Request has expired.", 400)
    client = make_client(Script(_active_task(), [expired]))
    fake = FakeTime()

    status = main(["watch"], client=client, sleep=fake.sleep, clock=fake.clock)

    assert status == 1
    assert capsys.readouterr().err == (
        "error: AWS RequestExpired: Request has expired. (check the system clock: EC2 refuses "
        "requests signed more than 5 minutes off)\n"
    )
    assert fake.now == FakeTime().now  # never retried


def test_export_wait_waits_for_the_new_task_to_become_visible(
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = FakeTime()
    service = LocalEC2(fake.clock, export_seconds=3.0)
    service.images.add("ami-0123456789abcdef0")
    service.buckets.add("exports")
    client = make_client(Script(service, [NOT_FOUND, NOT_FOUND, None]))
    argv = ["export", "ami-0123456789abcdef0", "--bucket", "exports", "--format", "vmdk"]

    status = main(
        [*argv, "--wait", "--interval", "1"], client=client, sleep=fake.sleep, clock=fake.clock
    )

    captured = capsys.readouterr()
    task_id, *progress = captured.out.splitlines()
    assert status == 0
    assert progress[-1] == f"{task_id} completed"
    assert captured.err.count("warning: AWS InvalidExportImageTaskId.NotFound: ") == 2


@pytest.mark.parametrize("timeout", ["1e10", "1e300"])
def test_a_timeout_too_far_for_an_alarm_still_waits(run: Callable[..., Run], timeout: str) -> None:
    # setitimer overflows past about 3e9 s: the wait goes on, on the clock alone.
    result = run("wait", NEARLY_DONE, "--interval", "1", "--timeout", timeout)

    assert result.status == 0
    assert result.out.splitlines()[-1] == f"{NEARLY_DONE} completed"
