"""``--endpoint-url``: refused at once when botocore could not use it; its password never shown.

A port out of range or a scheme other than http(s) is a usage error (exit 2) naming the option.
A user and password in the URL (``http://user:secret@host``) appear in no message: not in a
usage error, not in a connection error, not in botocore's debug log, not on the wire.
"""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main

from .helpers import usage_error
from .loopback import SIGNING, empty_ec2

if TYPE_CHECKING:
    from collections.abc import Iterator

SECRET = "s3cret-Pa55"
USERINFO = f"alice:{SECRET}"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://127.0.0.1:99999", "'http://127.0.0.1:99999': the port must be a number from 0"),
        ("http://127.0.0.1:-1", "'http://127.0.0.1:-1': the port must be a number from 0"),
        ("ftp://127.0.0.1:21", "'ftp://127.0.0.1:21': the scheme must be http or https"),
        ("file://localhost/etc", "'file://localhost/etc': the scheme must be http or https"),
    ],
)
def test_an_endpoint_url_botocore_cannot_use_is_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str], url: str, problem: str
) -> None:
    err = usage_error(["--endpoint-url", url, "list"], capsys)

    assert err.startswith(f"error: argument --endpoint-url: {problem}")


@pytest.mark.parametrize(
    "argv",
    [
        ["--endpoint-url", f"http://{USERINFO}@127.0.0.1:99999", "list"],
        ["--endpoint-url", f"ftp://{USERINFO}@127.0.0.1", "list"],
        ["--endpoint-url", f"http://alice:se cret@{SECRET}@[::1", "list"],
        ["list", f"http://{USERINFO}@127.0.0.1"],  # the URL where an option belongs
    ],
    ids=["port", "scheme", "unsplittable", "misplaced"],
)
def test_a_usage_error_never_shows_the_user_and_password_of_a_url(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit):
        main(argv)

    err = capsys.readouterr().err
    assert "***@" in err
    assert SECRET not in err
    assert "alice" not in err


@pytest.fixture
def aws(no_aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    del no_aws
    for name, value in SIGNING.items():
        monkeypatch.setenv(name, value)


def _closed_port() -> int:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port: int = unused.getsockname()[1]
    return port


def test_a_connection_error_and_the_debug_log_never_show_the_password(
    aws: None, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    url = f"http://{USERINFO}@127.0.0.1:{_closed_port()}"

    with caplog.at_level(logging.DEBUG):
        status = main(["--region", "us-east-1", "--endpoint-url", url, "list"])

    err = capsys.readouterr().err
    assert status == 1
    assert 'Could not connect to the endpoint URL: "http://127.0.0.1:' in err
    assert SECRET not in err
    assert "127.0.0.1" in caplog.text
    assert SECRET not in caplog.text


def test_an_endpoint_url_from_the_environment_is_shown_without_its_password(
    aws: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://{USERINFO}@127.0.0.1:{_closed_port()}")

    status = main(["--region", "us-east-1", "list"])

    err = capsys.readouterr().err
    assert status == 1
    assert 'Could not connect to the endpoint URL: "http://***@127.0.0.1:' in err
    assert SECRET not in err


@pytest.mark.parametrize(
    ("variable", "url", "problem"),
    [
        ("AWS_ENDPOINT_URL", f"http://{USERINFO}@127.0.0.1:99999", "the port must be a number"),
        ("AWS_ENDPOINT_URL_EC2", "ftp://127.0.0.1:21", "the scheme must be http or https"),
    ],
    ids=["port", "scheme"],
)
def test_an_endpoint_url_from_the_environment_botocore_cannot_use_is_named_in_one_line(
    aws: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    url: str,
    problem: str,
) -> None:
    """Not a traceback (a port out of range) nor "an HTTP Client raised an unhandled exception"."""
    monkeypatch.setenv(variable, url)

    status = main(["--region", "us-east-1", "list"])

    err = capsys.readouterr().err
    assert status == 4
    assert err.startswith(f"error: invalid AWS configuration: {variable}: ")
    assert problem in err
    assert err.count("\n") == 1
    assert SECRET not in err


@pytest.fixture
def loopback() -> Iterator[tuple[int, list[str]]]:
    with empty_ec2() as port_and_received:
        yield port_and_received


def test_a_url_with_a_password_still_reaches_the_endpoint_without_it(
    aws: None, capsys: pytest.CaptureFixture[str], loopback: tuple[int, list[str]]
) -> None:
    port, received = loopback
    url = f"http://{USERINFO}@127.0.0.1:{port}"

    status = main(["--region", "us-east-1", "--endpoint-url", url, "list", "--output", "json"])

    assert (status, capsys.readouterr().out) == (0, '{\n    "ExportImageTasks": []\n}\n')
    assert len(received) == 1
    assert SECRET not in received[0]
    assert "alice" not in received[0]
