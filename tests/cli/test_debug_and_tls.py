"""``--debug`` (botocore's log, secrets as ``***``), and aws-cli's TLS options against a loopback
HTTPS endpoint whose self-signed certificate the test makes: ``--no-verify-ssl``,
``--ca-bundle`` and ``AWS_CA_BUNDLE``."""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._debug import LOGGERS, redacted
from ec2_export_image_tasks.testing import page_reply

from .helpers import usage_error
from .loopback import SIGNING, ec2_over_http, empty_ec2

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SECRET_KEY = SIGNING["AWS_SECRET_ACCESS_KEY"]
SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLEtokenTHATmustNEVERshow"
PASSWORD = "hunter2-Pa55"


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials with a session token, one attempt a request, no AWS files."""
    for name, value in (SIGNING | {"AWS_SESSION_TOKEN": SESSION_TOKEN}).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.delenv("AWS_CA_BUNDLE", raising=False)


def _list(url: str, *options: str) -> list[str]:
    return ["list", "--region", "us-east-1", "--endpoint-url", url, "--output", "json", *options]


def test_debug_logs_the_requests_with_signatures_tokens_and_passwords_hidden(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with empty_ec2() as (port, _):
        status = main(_list(f"http://alice:{PASSWORD}@127.0.0.1:{port}", "--debug"))

    err = capsys.readouterr().err
    assert status == 0
    assert "Arguments entered to CLI: ['list'," in err.splitlines()[1]
    assert "botocore.endpoint - DEBUG - Sending http request: <AWSPreparedRequest" in err
    assert f'http://127.0.0.1:{port} "POST / HTTP/1.1" 200' in err  # the request line
    assert "Signature=***" in err
    assert "x-amz-security-token:***" in err
    for secret in (SECRET_KEY, SESSION_TOKEN, PASSWORD):
        assert secret not in err
    assert "Signature:\n***" in err  # botocore.auth's own line, its hex gone


def test_debug_ends_with_the_command_leaving_the_loggers_as_they_were(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = [(logging.getLogger(name).level, logging.getLogger(name).handlers) for name in LOGGERS]
    with empty_ec2() as (port, _):
        main(_list(f"http://127.0.0.1:{port}", "--debug"))
    capsys.readouterr()

    after = [(logging.getLogger(name).level, logging.getLogger(name).handlers) for name in LOGGERS]
    assert after == before


def test_without_debug_nothing_is_logged_on_stderr(
    aws: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with empty_ec2() as (port, _):
        status = main(_list(f"http://127.0.0.1:{port}"))

    assert status == 0
    assert capsys.readouterr().err == ""


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, made by openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


@pytest.fixture
def https_port(certificate: tuple[Path, Path]) -> Iterator[int]:
    """A loopback EC2 over HTTPS, with the self-signed certificate; it lists no task."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    with ec2_over_http(lambda action, parameters: page_reply([]), tls=context) as (port, _):
        yield port


def test_a_self_signed_certificate_is_refused_by_default(
    aws: None, https_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(_list(f"https://127.0.0.1:{https_port}"))

    assert status == 1
    assert "CERTIFICATE_VERIFY_FAILED" in capsys.readouterr().err


def test_no_verify_ssl_accepts_any_certificate_without_a_warning(
    aws: None, https_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(_list(f"https://127.0.0.1:{https_port}", "--no-verify-ssl"))

    captured = capsys.readouterr()
    assert (status, captured.err) == (0, "")
    assert '"ExportImageTasks": []' in captured.out


def test_ca_bundle_trusts_the_certificates_it_names(
    aws: None, https_port: int, certificate: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--ca-bundle", str(certificate[0]), *_list(f"https://127.0.0.1:{https_port}")])

    assert (status, capsys.readouterr().err) == (0, "")


def test_aws_ca_bundle_trusts_the_certificates_it_names(
    aws: None,
    https_port: int,
    certificate: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_CA_BUNDLE", str(certificate[0]))

    status = main(_list(f"https://127.0.0.1:{https_port}"))

    assert (status, capsys.readouterr().err) == (0, "")


@pytest.mark.parametrize("setting", ["AWS_CA_BUNDLE", "ca_bundle in the config file"])
def test_ca_bundle_wins_over_the_configured_bundle_even_one_that_does_not_exist(
    aws: None,
    https_port: int,
    certificate: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    setting: str,
) -> None:
    if setting == "AWS_CA_BUNDLE":
        monkeypatch.setenv("AWS_CA_BUNDLE", "/nonexistent/ca.pem")
    else:
        config = tmp_path / "config"
        config.write_text("[default]\nca_bundle = /nonexistent/ca.pem\n")
        monkeypatch.setenv("AWS_CONFIG_FILE", str(config))

    status = main(_list(f"https://127.0.0.1:{https_port}", "--ca-bundle", str(certificate[0])))

    assert (status, capsys.readouterr().err) == (0, "")


def test_a_ca_bundle_that_does_not_exist_is_a_usage_error_naming_the_option_and_the_path(
    aws: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere.pem"
    err = usage_error(
        ["list", "--ca-bundle", str(missing), "--endpoint-url", "https://127.0.0.1:1"], capsys
    )

    assert err == (f"error: argument --ca-bundle: no such file: '{missing}'\n")


def test_a_presigned_url_in_the_log_keeps_its_signature_and_token_hidden() -> None:
    url = (
        "https://ec2.amazonaws.com/?Action=CopySnapshot&X-Amz-Credential=AKIDEXAMPLE%2F20260101"
        f"&X-Amz-Security-Token={SESSION_TOKEN}&X-Amz-Signature=0123456789abcdef0123"
    )

    assert redacted(f"PresignedUrl: {url}\x1b[2J") == (
        "PresignedUrl: https://ec2.amazonaws.com/?Action=CopySnapshot&X-Amz-Credential="
        "AKIDEXAMPLE%2F20260101&X-Amz-Security-Token=***&X-Amz-Signature=***\\x1b[2J"
    )
