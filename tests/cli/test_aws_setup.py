"""The AWS setup the command line reads: ``AWS_REGION`` as aws-cli v2 reads it, and a CA bundle
that does not exist named in the error line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main

from .loopback import SIGNING, empty_ec2

if TYPE_CHECKING:
    from pathlib import Path


LOOPBACK_HTTPS = "https://127.0.0.1:9"
"""Where a request would go if the check let one through: never off this machine."""


@pytest.fixture
def aws(no_aws: None, monkeypatch: pytest.MonkeyPatch) -> None:
    del no_aws
    for name, value in SIGNING.items():
        monkeypatch.setenv(name, value)


def _signed_region(*argv: str) -> str:
    """The region the one request of ``list`` was signed for."""
    with empty_ec2() as (port, received):
        status = main(["--endpoint-url", f"http://127.0.0.1:{port}", *argv, "list"])
    assert status == 0
    scope = re.search(r"Credential=\w+/\d+/([^/]+)/ec2/aws4_request", received[0])
    assert scope is not None
    return scope[1]


@pytest.mark.usefixtures("aws")
@pytest.mark.parametrize(
    ("environment", "argv", "region"),
    [
        ({"AWS_REGION": "eu-west-1"}, [], "eu-west-1"),
        ({"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2"}, [], "eu-west-1"),
        ({"AWS_DEFAULT_REGION": "us-west-2"}, [], "us-west-2"),
        ({"AWS_REGION": "eu-west-1"}, ["--region", "ap-south-1"], "ap-south-1"),
    ],
    ids=["AWS_REGION alone", "over AWS_DEFAULT_REGION", "AWS_DEFAULT_REGION", "under --region"],
)
def test_aws_region_is_read_as_aws_cli_v2_reads_it(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], argv: list[str], region: str
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)

    assert _signed_region(*argv) == region


@pytest.mark.usefixtures("aws")
def test_an_invalid_aws_region_is_named_in_the_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AWS_REGION", "eu west 1")

    status = main(["list"])

    err = capsys.readouterr().err
    assert status == 4
    assert err.startswith("error: invalid AWS configuration: ")
    assert err.endswith(" (in AWS_REGION)\n")


@pytest.mark.usefixtures("aws")
def test_a_missing_ca_bundle_in_aws_ca_bundle_is_named_in_the_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "corporate-ca.pem"
    monkeypatch.setenv("AWS_CA_BUNDLE", str(missing))

    status = main(["--region", "us-east-1", "--endpoint-url", LOOPBACK_HTTPS, "list"])

    assert status == 4
    assert capsys.readouterr().err == (
        f"error: AWS_CA_BUNDLE names a CA bundle that does not exist: {missing}\n"
    )


@pytest.mark.usefixtures("aws")
def test_a_missing_ca_bundle_in_the_config_file_is_named_in_the_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "corporate-ca.pem"
    config = tmp_path / "config"
    config.write_text(f"[default]\nca_bundle = {missing}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))

    status = main(["--region", "us-east-1", "--endpoint-url", LOOPBACK_HTTPS, "list"])

    assert status == 4
    assert capsys.readouterr().err == (
        f"error: ca_bundle in your AWS config file names a CA bundle that does not exist: "
        f"{missing}\n"
    )
