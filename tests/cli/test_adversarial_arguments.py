"""Seconds too long for any sleep or socket: usage errors, not a traceback or an AWS error."""

from __future__ import annotations

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import NEARLY_DONE


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
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 2
    assert "must be at most 86400 s" in capsys.readouterr().err


def test_an_endpoint_url_that_urllib_cannot_split_is_a_usage_error_saying_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["--endpoint-url", "http://[::1", "list"])

    assert capsys.readouterr().err == "error: argument --endpoint-url: not a URL: 'http://[::1'\n"
