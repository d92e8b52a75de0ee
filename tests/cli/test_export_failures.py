"""``export`` and ``cancel`` when things go wrong once the request may have reached EC2.

An export is never lost: every failure after ``ExportImage`` may have gone out names the task,
or the ClientToken and the exact command that finds the export again without starting another;
``export --wait`` that stops following says the export goes on, and how to follow it.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ConnectionClosedError, EndpointConnectionError

from ec2_export_image_tasks import ExportImageTaskPaginator, ExportImageTaskStatus
from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, make_client

from .helpers import EXPORT, IMAGE, FakeTime, FullStream

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ec2_export_image_tasks.testing import Handler


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def local(time: FakeTime) -> LocalEC2:
    """A local EC2 holding the image and the bucket, where an export takes 100 s."""
    ec2 = LocalEC2(time.clock, export_seconds=100.0)
    ec2.images.add(IMAGE)
    ec2.buckets.add("exports")
    return ec2


def _tasks(local: LocalEC2) -> list[str]:
    tasks = ExportImageTaskPaginator(local.client).paginate()
    return [task.export_image_task_id or "" for task in tasks]


def _tokens(local: LocalEC2) -> list[str]:
    return [sent["ClientToken"] for sent in local.requests if sent["Action"] == "ExportImage"]


class Failing:
    """The local EC2, with ``failure`` for every answer to ``action`` (after acting on it)."""

    def __init__(
        self, local: LocalEC2, action: str, failure: Callable[[], BaseException | Reply]
    ) -> None:
        self.local = local
        self.action = action
        self.failure = failure

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        reply = self.local(action, parameters)
        if action != self.action:
            return reply
        failure = self.failure()
        if isinstance(failure, BaseException):
            raise failure
        return failure


def _dropped() -> BaseException:
    return ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com/")


def _unreachable() -> BaseException:
    return EndpointConnectionError(endpoint_url="https://ec2.us-east-1.amazonaws.com/")


def _internal_error() -> Reply:
    return error_reply(Ec2Error("InternalError", "An internal error has occurred.", 500))


def _throttled() -> Reply:
    return error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))


def _refused() -> Reply:
    return error_reply(Ec2Error("UnauthorizedOperation", "You are not authorized.", 403))


def _interrupted() -> BaseException:
    return KeyboardInterrupt()


def _rerun(line: str, local: LocalEC2, capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command at the end of ``line``, as a user would paste it; what it printed."""
    program, *argv = shlex.split(line.rpartition(": ")[2])
    assert program == "ec2-export-image-tasks"
    assert main(argv, client=local.client) == 0
    return capsys.readouterr().out


START_FAILURES: dict[str, tuple[Callable[[LocalEC2], Handler], int]] = {
    "dropped connection": (lambda local: Failing(local, "ExportImage", _dropped), 1),
    "5xx after every retry": (lambda local: Failing(local, "ExportImage", _internal_error), 1),
    "Ctrl-C": (lambda local: Failing(local, "ExportImage", _interrupted), 130),
    "contract broken": (lambda local: _exploded(local), 3),
}


def _exploded(local: LocalEC2) -> Handler:
    def handler(action: str, parameters: Mapping[str, str]) -> Reply:
        reply = local(action, parameters)
        return Reply(reply.status, reply.body.replace(b">active<", b">exploded<"))

    return handler


@pytest.mark.parametrize(("failing", "status"), START_FAILURES.values(), ids=START_FAILURES.keys())
def test_a_start_whose_answer_is_lost_prints_the_command_that_finds_the_export(
    local: LocalEC2,
    capsys: pytest.CaptureFixture[str],
    failing: Callable[[LocalEC2], Handler],
    status: int,
) -> None:
    client = make_client(failing(local), max_attempts=2)

    assert main(EXPORT, client=client) == status

    captured = capsys.readouterr()
    (token,) = set(_tokens(local))  # botocore's retries sent the one token
    line = captured.err.removesuffix("\n")
    assert captured.out == ""
    assert "\n" not in line
    assert line.startswith("error: ")
    assert line.endswith(
        f"{FINDS}ec2-export-image-tasks {shlex.join(EXPORT)} --client-token {token}"
    )
    assert _rerun(line, local, capsys) == f"{_tasks(local)[0]}\n"
    assert len(_tasks(local)) == 1


def test_an_answer_that_breaks_the_contract_also_names_the_task(
    local: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    main(EXPORT, client=make_client(_exploded(local)))

    assert f"item {_tasks(local)[0]}: invalid Status 'exploded'" in capsys.readouterr().err


def test_the_command_repeats_every_option_and_the_callers_client_token(
    local: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ["--prefix", "vms/", "--role-name", "vmimport", "--description", "it's nightly"]
    options += ["--tag", "team=imaging", "--tag", "note=a b", "--client-token", "run-7"]
    main(["--region", "eu-west-1", *EXPORT, *options], client=make_client(_exploded(local)))

    line = capsys.readouterr().err.removesuffix("\n")
    assert line.endswith("--client-token run-7")
    assert "--region eu-west-1 export" in line
    _rerun(line, local, capsys)
    first, again = (sent for sent in local.requests if sent["Action"] == "ExportImage")
    assert again == first
    assert len(_tasks(local)) == 1


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


FINDS = "the export may have started; this finds it without starting another: "


GOES_ON = re.compile(r"; export (export-ami-[0-9a-f]{17}) started and goes on; follow it with: ")


def test_an_answer_without_a_task_id_gives_the_command_and_status_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def without_id(action: str, parameters: Mapping[str, str]) -> Reply:
        return Reply(200, b"<ExportImageResponse><requestId>r</requestId></ExportImageResponse>")

    status = main([*EXPORT, "--client-token", "t-1"], client=make_client(without_id))

    captured = capsys.readouterr()
    assert (status, captured.out) == (1, "")
    assert captured.err == (
        f"error: AWS answered ExportImage without an ExportImageTaskId; {FINDS}"
        f"ec2-export-image-tasks {shlex.join(EXPORT)} --client-token t-1\n"
    )


def test_a_refusal_that_started_nothing_gives_no_command(
    local: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    local.images.clear()

    assert main(EXPORT, client=local.client) == 1

    err = capsys.readouterr().err
    assert err.startswith("error: AWS InvalidAMIID.NotFound: ")
    assert "ClientToken" not in err
    assert "client-token" not in err


FOLLOW_FAILURES: dict[str, tuple[Callable[[], BaseException | Reply], int]] = {
    "refused": (_refused, 7),
    "throttled": (_throttled, 7),
    "unreachable": (_unreachable, 7),
    "Ctrl-C": (_interrupted, 130),
}


@pytest.mark.parametrize(
    ("failure", "status"), FOLLOW_FAILURES.values(), ids=FOLLOW_FAILURES.keys()
)
def test_export_wait_that_stops_following_says_the_export_goes_on_and_how_to_follow_it(
    local: LocalEC2,
    time: FakeTime,
    capsys: pytest.CaptureFixture[str],
    failure: Callable[[], BaseException | Reply],
    status: int,
) -> None:
    client = make_client(Failing(local, "DescribeExportImageTasks", failure))

    exited = main([*EXPORT, "--wait"], client=client, sleep=time.sleep, clock=time.clock)

    captured = capsys.readouterr()
    (task_id,) = _tasks(local)
    assert exited == status
    assert captured.out == f"{task_id}\n"
    last = captured.err.splitlines()[-1]
    assert last.startswith("error: ")
    assert last.endswith(
        f"; export {task_id} started and goes on; follow it with: "
        f"ec2-export-image-tasks wait {task_id}"
    )
    assert main(["wait", task_id], client=local.client, sleep=time.sleep, clock=time.clock) == 0


def test_export_wait_that_times_out_is_status_7_with_the_wait_command(
    local: LocalEC2, time: FakeTime, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--region", "eu-west-1", *EXPORT, "--timeout", "30"]

    exited = main(argv, client=local.client, sleep=time.sleep, clock=time.clock)

    (task_id,) = _tasks(local)
    assert exited == 7
    assert capsys.readouterr().err == (
        f"error: export {task_id} still active at 30% after 30 s; export {task_id} started and "
        f"goes on; follow it with: ec2-export-image-tasks --region eu-west-1 wait {task_id}\n"
    )


def test_ctrl_c_while_following_is_status_130_saying_the_export_continues(
    local: LocalEC2, time: FakeTime, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    assert main([*EXPORT, "--wait"], client=local.client, sleep=interrupt, clock=time.clock) == 130

    (task_id,) = _tasks(local)
    assert capsys.readouterr().err == (
        f"error: interrupted; export {task_id} started and goes on; follow it with: "
        f"ec2-export-image-tasks wait {task_id}\n"
    )


def test_a_failed_poll_after_the_start_is_not_the_status_of_a_failed_start(
    local: LocalEC2, time: FakeTime, capsys: pytest.CaptureFixture[str]
) -> None:
    refused_start = make_client(lambda action, parameters: _refused())
    refused_poll = make_client(Failing(local, "DescribeExportImageTasks", _refused))

    before = main([*EXPORT, "--wait"], client=refused_start, sleep=time.sleep, clock=time.clock)
    after = main([*EXPORT, "--wait"], client=refused_poll, sleep=time.sleep, clock=time.clock)

    assert (before, after) == (1, 7)
    assert GOES_ON.search(capsys.readouterr().err.splitlines()[-1])


class CancelAnswerLost:
    """The local EC2; the first ``count`` answers to CancelExportTask fail after it acted."""

    def __init__(
        self, local: LocalEC2, failure: Callable[[], BaseException | Reply], count: int
    ) -> None:
        self.failing = Failing(local, "CancelExportTask", failure)
        self.count = count

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        if action == "CancelExportTask" and self.count > 0:
            self.count -= 1
            return self.failing(action, parameters)
        return self.failing.local(action, parameters)


@pytest.mark.parametrize("failure", [_dropped, _internal_error], ids=["dropped", "5xx"])
def test_a_cancel_retried_after_it_took_effect_reports_it_cancelled(
    local: LocalEC2,
    capsys: pytest.CaptureFixture[str],
    failure: Callable[[], BaseException | Reply],
) -> None:
    main(EXPORT, client=local.client)
    (task_id,) = _tasks(local)
    capsys.readouterr()

    status = main(
        ["cancel", task_id], client=make_client(CancelAnswerLost(local, failure, 1), max_attempts=3)
    )

    assert (status, capsys.readouterr().out) == (
        0,
        f"{task_id} cancelled: deleting, then deleted\n",
    )


def test_a_cancel_whose_every_answer_was_lost_reports_what_the_task_shows(
    local: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    main(EXPORT, client=local.client)
    (task_id,) = _tasks(local)
    capsys.readouterr()

    status = main(["cancel", task_id], client=make_client(CancelAnswerLost(local, _dropped, 9)))

    assert status == 0
    assert capsys.readouterr().out == (
        f"{task_id} deleting: the cancel's answer was lost; the task shows it\n"
    )
    (task,) = ExportImageTaskPaginator(local.client).paginate()
    assert task.status is ExportImageTaskStatus.DELETING


def test_a_cancel_whose_task_cannot_be_checked_says_ec2s_code_and_words(
    local: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    main(EXPORT, client=local.client)
    (task_id,) = _tasks(local)
    capsys.readouterr()
    cancel_lost = Failing(local, "CancelExportTask", _dropped)

    def unchecked(action: str, parameters: Mapping[str, str]) -> Reply:
        return (
            _throttled()
            if action == "DescribeExportImageTasks"
            else cancel_lost(action, parameters)
        )

    status = main(["cancel", task_id], client=make_client(unchecked))

    assert status == 1
    assert capsys.readouterr().err.endswith(
        f" (export {task_id} could not be checked: AWS RequestLimitExceeded: Request limit"
        " exceeded.)\n"
    )


def test_export_wait_whose_id_cannot_be_written_says_started_once_with_the_id(
    local: LocalEC2,
    time: FakeTime,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdout", FullStream())

    status = main([*EXPORT, "--wait"], client=local.client, sleep=time.sleep, clock=time.clock)

    (task_id,) = _tasks(local)
    assert (status, capsys.readouterr().err) == (
        7,
        f"error: cannot write the output: No space left on device; export {task_id} started and"
        f" goes on; follow it with: ec2-export-image-tasks wait {task_id}\n",
    )


@pytest.mark.parametrize("interrupted", ["ExportImage", "DescribeExportImageTasks"])
def test_a_demo_export_gives_no_command_another_process_could_not_run(
    local: LocalEC2, time: FakeTime, capsys: pytest.CaptureFixture[str], interrupted: str
) -> None:
    """Each process has its own demo endpoint: ``--demo wait ID`` in a new one finds nothing."""
    client = make_client(Failing(local, interrupted, _interrupted))

    status = main(["--demo", *EXPORT, "--wait"], client=client, sleep=time.sleep, clock=time.clock)

    err = capsys.readouterr().err
    assert status == 130
    assert err.endswith(
        "; no other command can find it: the demo forgets its exports when this process ends\n"
    )
    assert "ec2-export-image-tasks" not in err


@pytest.mark.usefixtures("no_aws")
def test_a_start_without_credentials_gives_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--region", "us-east-1", *EXPORT]) == 4

    assert capsys.readouterr().err == (
        "error: Unable to locate credentials; configure AWS credentials, or try --demo\n"
    )
