"""The grammar: aws-cli's connection options anywhere, numbers a clock can mean, URLs
urllib can split; what ``--version`` and ``schema`` print with no AWS setup."""

from __future__ import annotations

import json
import re
import time
from importlib.metadata import version
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli.arguments import parse
from ec2_export_image_tasks._cli.commands import COMMANDS
from ec2_export_image_tasks._cli.connection import make_client
from ec2_export_image_tasks.models import json_schema

from .helpers import NEARLY_DONE, Run, usage_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client


def _usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The last line of :func:`usage_error`: argparse's message, after its usage lines."""
    return usage_error(argv, capsys).splitlines()[-1]


def test_version_prints_the_name_and_the_installed_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])

    assert exited.value.code == 0
    assert (
        capsys.readouterr().out == f"ec2-export-image-tasks {version('ec2-export-image-tasks')}\n"
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", version("ec2-export-image-tasks"))


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--demo", "--output", "jsonl"],
        ["list", "--output", "jsonl", "--demo"],
        ["list", "--demo", "--region", "eu-west-1", "--profile", "p", "--output", "jsonl"],
    ],
)
def test_connection_options_are_accepted_after_the_command(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status = main(argv)

    assert status == 0
    assert len(capsys.readouterr().out.splitlines()) == 6


def test_a_connection_option_after_the_command_wins() -> None:
    args = parse(["--region", "eu-west-1", "list", "--region", "us-east-2"], COMMANDS)

    assert args.region == "us-east-2"


def test_connection_options_before_the_command_stand_when_not_repeated_after() -> None:
    before = ["--region", "eu-west-1", "--profile", "p", "--cli-read-timeout", "3", "--demo"]

    args = parse([*before, "list", "--output", "jsonl"], COMMANDS)

    assert (args.region, args.profile, args.cli_read_timeout, args.demo) == (
        "eu-west-1",
        "p",
        3,
        True,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["--demo", "--endpoint-url", "http://localhost:5000", "list"],
        ["--demo", "list", "--endpoint-url", "http://localhost:5000"],
        ["list", "--endpoint-url", "http://localhost:5000", "--demo"],
    ],
)
def test_demo_with_an_endpoint_url_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    line = _usage_error(argv, capsys)

    assert line.endswith(
        "error: --demo and --endpoint-url exclude each other: the demo is its own endpoint"
    )


def test_an_endpoint_url_that_is_not_a_url_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = _usage_error(["--endpoint-url", "not a url", "list"], capsys)

    assert line.endswith("error: argument --endpoint-url: not a URL: 'not a url'")


def test_an_endpoint_url_that_urllib_cannot_split_is_a_usage_error_saying_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--endpoint-url", "http://[::1", "list"])

    assert capsys.readouterr().err == "error: argument --endpoint-url: not a URL: 'http://[::1'\n"


WAIT = ["--demo", "wait", NEARLY_DONE]


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--demo", "watch", "--interval", "nan"], "must be a finite number of seconds, got nan"),
        (["--demo", "watch", "--interval", "inf"], "must be a finite number of seconds, got inf"),
        (["--demo", "watch", "--interval", "1e-300"], "must be at least 1 s, got 1e-300"),
        (["--demo", "watch", "--interval", "0.5"], "must be at least 1 s, got 0.5"),
        (["--demo", "watch", "--interval", "soon"], "not a number of seconds: 'soon'"),
        ([*WAIT, "--interval", "nan"], "must be a finite number of seconds, got nan"),
        ([*WAIT, "--interval=-inf"], "must be a finite number of seconds, got -inf"),
        ([*WAIT, "--interval", "1e-300"], "must be at least 1 s, got 1e-300"),
        ([*WAIT, "--timeout", "nan"], "must be a finite number of seconds, got nan"),
        ([*WAIT, "--timeout", "inf"], "must be a finite number of seconds, got inf"),
        ([*WAIT, "--timeout", "0"], "must be greater than 0, got 0"),
    ],
)
def test_seconds_no_clock_can_mean_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    line = _usage_error(argv, capsys)

    assert line.endswith(f": {reason}")


@pytest.mark.parametrize(
    "argv",
    [
        ["--demo", "watch", "--interval", "1e10"],
        ["--demo", "wait", NEARLY_DONE, "--interval", "1e10"],
        [
            "--demo",
            "export",
            "ami-0123456789abcdef0",
            "--bucket",
            "b-b",
            "--format",
            "raw",
            "--interval",
            "1e10",
        ],
        ["--cli-read-timeout", "9999999999", "--demo", "list"],
        ["--cli-connect-timeout", "99999999999999999999", "--demo", "list"],
    ],
    ids=" ".join,
)
def test_seconds_longer_than_a_day_are_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys)

    assert "must be at most 86400 s" in err


@pytest.mark.parametrize("value", ["-1", "1.5", "nan", "soon"])
def test_a_socket_timeout_is_whole_seconds_as_in_aws_cli(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    line = _usage_error(["--cli-read-timeout", value, "--demo", "list"], capsys)

    assert "argument --cli-read-timeout" in line


def _timeouts(client: EC2Client) -> tuple[object, object]:
    """The client's connect and read timeouts (botocore's stubs do not declare them)."""
    config = vars(client.meta.config)
    return config["connect_timeout"], config["read_timeout"]


def test_by_default_a_silent_endpoint_is_given_up_on_within_seconds(no_aws: None) -> None:
    client = make_client(parse(["--region", "us-east-1", "list"], COMMANDS), time.monotonic)

    assert _timeouts(client) == (10, 15)


def test_socket_timeouts_are_aws_clis_where_0_waits_forever(no_aws: None) -> None:
    argv = [
        "--region",
        "us-east-1",
        "list",
        "--cli-connect-timeout",
        "3",
        "--cli-read-timeout",
        "0",
    ]

    client = make_client(parse(argv, COMMANDS), time.monotonic)

    assert _timeouts(client) == (3, None)


def test_schema_needs_no_aws_setup(no_aws: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0


def test_schema_is_the_models_json_schema(run: Callable[..., Run]) -> None:
    assert json.loads(run("schema").out) == json_schema()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["list", "--bogus"], "--bogus"),
        (["lst"], "'lst'"),
        ([], "COMMAND"),
        (["--demo", "watch", "--interval", "nan"], "nan"),
        (["--demo", "export", "ami-0123456789abcdef0", "--bucket", "Up", "--format", "vmdk"], "Up"),
    ],
)
def test_a_usage_error_is_one_line_naming_the_value(
    argv: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys)

    [line] = err.splitlines()
    assert line.startswith("error: ")
    assert named in line
