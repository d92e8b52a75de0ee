"""Every failure is one line and a status from the README's table, never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, make_client

from .helpers import NEARLY_DONE, cli_process

if TYPE_CHECKING:
    from collections.abc import Mapping

WRITERS = [
    ["--demo", "list", "--output", "jsonl"],
    ["--demo", "list", "--output", "table"],
    ["--demo", "list", "--output", "json"],
    ["schema"],
    ["--demo", "wait", NEARLY_DONE, "--interval", "1"],
    ["--demo", "watch", "--interval", "1"],
]


@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_a_reader_that_closed_the_pipe_ends_the_command_silently_with_141(
    argv: list[str],
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        result = cli_process(*argv, stdout=write_end)
    finally:
        os.close(write_end)

    assert (result.returncode, result.stderr) == (141, "")


def _shell(pipeline: str) -> subprocess.CompletedProcess[str]:
    """``pipeline`` in bash with pipefail, ``$CLI`` being this package's command line."""
    return subprocess.run(
        ["bash", "-o", "pipefail", "-c", pipeline],
        capture_output=True,
        text=True,
        env=os.environ | {"CLI": f"{sys.executable} -m ec2_export_image_tasks"},
        check=False,
        timeout=60,
    )


def test_wait_piped_to_head_prints_a_line_and_ends_like_a_unix_tool() -> None:
    result = _shell(f"$CLI --demo wait {NEARLY_DONE} --interval 1 | head -1")

    assert result.returncode == 141
    assert result.stdout.startswith(f"{NEARLY_DONE} active")
    assert result.stdout.count("\n") == 1
    assert result.stderr == ""


def test_watch_piped_to_true_ends_like_a_unix_tool() -> None:
    result = _shell("$CLI --demo watch --interval 1 | true")

    assert (result.returncode, result.stderr) == (141, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [WRITERS[0], WRITERS[3], WRITERS[4]], ids=" ".join)
def test_a_full_disk_is_one_error_line_and_status_1(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = cli_process(*argv, stdout=full)

    assert result.returncode == 1
    assert result.stderr == "error: cannot write the output: No space left on device\n"


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
