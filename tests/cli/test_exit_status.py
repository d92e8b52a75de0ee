"""Every failure is one line and a status from the README's table, never a traceback.

In the table's order: the help names every status; AWS's errors and answers that are no
success (1), retries said as warnings until they give up, bad input (2), invalid data from
AWS (3), missing or invalid AWS setup (4). Waits (5 to 7), signals and unwritable output have
their own files.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, make_client

from .helpers import EXPORT, NEARLY_DONE, FakeTime, Run, without_aws

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def test_help_names_every_exit_status_the_readme_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    documented = {
        int(number)
        for row in re.findall(r"^\| ([\d, ]+) \|", readme, re.MULTILINE)
        for number in row.split(",")
    }
    with pytest.raises(SystemExit):
        main(["--help"])
    named = {int(number) for number in re.findall(r"\d+", capsys.readouterr().out)}
    assert documented >= {0, 1, 2, 3, 4, 5, 6, 7, 129, 130, 141, 143}
    assert documented <= named


def test_an_unknown_task_is_aws_error_in_one_line(run: Callable[..., Run]) -> None:
    result = run("wait", "export-ami-0000000000000dfff")

    *warnings, last = result.err.splitlines()  # one warning per poll of the grace period

    assert result.status == 1
    assert last.startswith("error: export image task export-ami-0000000000000dfff was not found")
    assert all(
        line.startswith("warning: AWS InvalidExportImageTaskId.NotFound: ") for line in warnings
    )


TASK_ID = "export-ami-0123456789abcdef0"


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


@pytest.mark.parametrize(
    "body",
    [b"Proxy says: upstream unavailable\nsecret=hunter2", b"\xff\xfe<item>\xe9 secret</item>"],
    ids=["not XML", "not UTF-8"],
)
def test_an_answer_botocore_cannot_parse_is_one_line_without_the_body(
    capsys: pytest.CaptureFixture[str], body: bytes
) -> None:
    client = make_client(lambda action, parameters: Reply(200, body))

    status = main(["list"], client=client)

    err = capsys.readouterr().err
    assert status == 1
    assert err.startswith("error: Unable to parse response (")
    assert err.count("\n") == 1
    assert "secret" not in err


def test_an_endpoint_that_never_answers_fails_after_the_read_timeout(
    aws_without_files: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # The kernel completes the connection (the listen backlog); nobody ever reads or answers.
    with socket.create_server(("127.0.0.1", 0)) as silent:
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        status = main(["list", "--endpoint-url", url, "--cli-read-timeout", "1"])
        elapsed = time.monotonic() - started

    assert status == 1
    assert capsys.readouterr().err == f'error: Read timeout on endpoint URL: "{url}/"\n'
    assert elapsed < 20


class Throttled:
    """Throttles the first ``times`` requests, then lets ``service`` answer."""

    def __init__(self, service: LocalEC2, times: int) -> None:
        self.service = service
        self.times = times

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        if self.times:
            self.times -= 1
            return error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))
        return self.service(action, parameters)


def _completed_task() -> LocalEC2:
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": NEARLY_DONE, "Status": "completed"})
    return service


@pytest.mark.parametrize("command", [["wait", NEARLY_DONE], ["watch"]])
def test_a_throttled_poll_is_a_warning_and_the_command_goes_on(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    client = make_client(Throttled(_completed_task(), times=2))

    status = main([*command, "--interval", "4"], client=client, sleep=lambda seconds: None)

    assert status == 0
    assert capsys.readouterr().err == (
        "warning: AWS RequestLimitExceeded: Request limit exceeded.; trying again in 4 s\n"
        "warning: AWS RequestLimitExceeded: Request limit exceeded.; trying again in 8 s\n"
    )


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


@pytest.mark.parametrize("command", [["wait", NEARLY_DONE], ["watch"]])
def test_failures_in_a_row_end_the_command_saying_what_failed(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    client = make_client(Throttled(_completed_task(), times=5))

    status = main(command, client=client, sleep=lambda seconds: None)

    assert status == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "error: AWS RequestLimitExceeded: Request limit exceeded. "
        "(gave up after 5 failed attempt(s) in a row)"
    )


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["list", "--starting-token", "a___b___1"],
            "error: argument --starting-token: 'a___b___1': more than one '___'\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    run: Callable[..., Run], argv: list[str], line: str
) -> None:
    result = run(*argv)

    assert result.status == 2
    assert result.err.startswith(line)
    assert result.err.count("\n") == 1


def test_invalid_data_from_aws_is_one_line_naming_task_field_and_value(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    local_ec2.add_tasks(1)
    local_ec2.add_task({"ExportImageTaskId": "export-ami-00000000000000bad", "Status": "exploded"})

    status = main(["list", "--output", "jsonl"], client=local_ec2.client)
    captured = capsys.readouterr()

    assert status == 3
    assert len(captured.out.splitlines()) == 1  # the valid task before it was printed
    assert captured.err == (
        "error: AWS sent an invalid task: item export-ami-00000000000000bad: invalid Status "
        "'exploded': Input should be 'active', 'completed', 'deleting' or 'deleted'\n"
    )


@pytest.mark.parametrize(
    ("argv", "environment", "line"),
    [
        (["list"], without_aws(), "error: no AWS region given"),
        (["--region", "us-east-1", "list"], without_aws(), "error: Unable to locate credentials"),
        (["--profile", "nope", "list"], without_aws(), "error: The config profile (nope)"),
    ],
)
def test_missing_aws_setup_is_one_line_and_status_4(
    argv: list[str], environment: dict[str, str], line: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ec2_export_image_tasks", *argv],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
    )

    assert result.returncode == 4
    assert result.stderr.startswith(line)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "AWS_MAX_ATTEMPTS",
            "x",
            "invalid literal for int() with base 10: 'x' (in AWS_MAX_ATTEMPTS)",
        ),
        ("AWS_MAX_ATTEMPTS", "0", 'Value provided to "max_attempts": 0 must be an integer'),
        ("AWS_RETRY_MODE", "bogus", 'Invalid value provided to "mode": "bogus"'),
        ("AWS_DEFAULTS_MODE", "bogus", "Client configured with invalid defaults mode: bogus"),
        ("AWS_ENDPOINT_URL", "not a url", "Invalid endpoint: not a url"),
    ],
)
def test_an_invalid_aws_setting_is_one_line_and_status_4(
    aws_without_files: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    line: str,
) -> None:
    monkeypatch.setenv(variable, value)

    status = main(["list"])

    err = capsys.readouterr().err
    assert status == 4
    assert err.startswith(f"error: invalid AWS configuration: {line}")
    assert err.count("\n") == 1
