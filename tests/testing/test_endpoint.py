"""The botocore glue: any handler answers a real client, errors are not retried, nothing is sent."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError
from botocore.httpsession import URLLib3Session

from ec2_export_image_tasks.testing import (
    Ec2Error,
    LocalEC2,
    Reply,
    answer_with,
    error_reply,
    make_client,
    page_reply,
)

from ..stub_clients import stubs_client

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from mypy_boto3_ec2.client import EC2Client


def test_a_handler_sees_the_action_and_every_form_field() -> None:
    seen: list[tuple[str, Mapping[str, str]]] = []

    def record(action: str, parameters: Mapping[str, str]) -> Reply:
        seen.append((action, parameters))
        return page_reply([])

    stubs_client(record).describe_export_image_tasks(
        Filters=[{"Name": "task-state", "Values": ["active", "deleted"]}], MaxResults=9
    )

    assert seen == [
        (
            "DescribeExportImageTasks",
            {
                "Action": "DescribeExportImageTasks",
                "Version": "2016-11-15",
                "Filter.1.Name": "task-state",
                "Filter.1.Value.1": "active",
                "Filter.1.Value.2": "deleted",
                "MaxResults": "9",
            },
        )
    ]


def test_a_handler_can_play_a_service_that_repeats_a_token() -> None:
    tokens = iter(["A", "B", "A"])

    def repeat(action: str, parameters: Mapping[str, str]) -> Reply:
        return page_reply([], next(tokens))

    client = stubs_client(repeat)

    answers = [client.describe_export_image_tasks().get("NextToken") for _ in range(3)]
    assert answers == ["A", "B", "A"]


def test_installing_a_handler_replaces_the_one_before() -> None:
    local: LocalEC2[EC2Client] = LocalEC2()
    answer_with(local.client, lambda action, parameters: error_reply(Ec2Error("Replaced", "")))

    with pytest.raises(ClientError, match="Replaced"):
        local.client.describe_export_image_tasks()
    assert local.requests == []


@pytest.mark.parametrize(
    ("code", "status"),
    [("InternalError", 500), ("Unavailable", 503), ("RequestLimitExceeded", 503)],
)
def test_an_error_reply_is_raised_after_one_attempt(code: str, status: int) -> None:
    attempts: list[str] = []

    def fail(action: str, parameters: Mapping[str, str]) -> Reply:
        attempts.append(action)
        return error_reply(Ec2Error(code, "try again", status))

    with pytest.raises(ClientError) as raised:
        stubs_client(fail).describe_export_image_tasks()

    assert raised.value.response.get("Error", {}).get("Code") == code
    assert len(attempts) == 1


def test_a_client_made_without_a_handler_refuses_every_call() -> None:
    with pytest.raises(RuntimeError, match="answer_with"):
        stubs_client().describe_export_image_tasks()


def test_nothing_reaches_botocores_http_layer(
    local_ec2: LocalEC2[EC2Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request reached the network layer")

    monkeypatch.setattr(URLLib3Session, "send", no_network)
    stored = local_ec2.add_tasks(1)

    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == stored


def test_each_answer_has_its_own_request_id(local_ec2: LocalEC2[EC2Client]) -> None:
    answers = [local_ec2.client.describe_export_image_tasks() for _ in range(2)]

    ids = {answer["ResponseMetadata"]["RequestId"] for answer in answers}
    assert len(ids) == 2


def test_the_callers_aws_setup_is_not_read(tmp_path: Path) -> None:
    # Each of these breaks or redirects a plain boto3 client.
    config = tmp_path / "config"
    config.write_text("[default\n")
    script = (
        "from ec2_export_image_tasks.testing import LocalEC2\n"
        "local = LocalEC2()\n"
        "local.client.describe_export_image_tasks()\n"
        "print(local.client.meta.endpoint_url, local.client.meta.region_name)\n"
    )
    environment = os.environ | {
        "AWS_PROFILE": "no-such-profile",
        "AWS_CONFIG_FILE": os.fspath(config),
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_DEFAULT_REGION": "eu-west-3",
    }

    run = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=False
    )

    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.split() == ["https://ec2.us-east-1.amazonaws.com", "us-east-1"]


def test_fewer_than_one_attempt_is_refused_naming_the_value() -> None:
    with pytest.raises(ValueError, match=r"max_attempts must be at least 1, not 0"):
        make_client(max_attempts=0)
