"""The aiobotocore glue: handlers answer real async clients, once, never over the network."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from aiobotocore.httpsession import AIOHTTPSession
from botocore.exceptions import ClientError

from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, Reply, error_reply, page_reply
from ec2_export_image_tasks.testing.aio import answer_with_async, local_session

from ..stub_clients import stubs_async_client
from .helpers import run

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from types_aiobotocore_ec2.client import EC2Client
    from types_aiobotocore_ec2.type_defs import DescribeExportImageTasksResultTypeDef


async def _describe(client: EC2Client) -> DescribeExportImageTasksResultTypeDef:
    return await client.describe_export_image_tasks()


def _python(script: str, **environment: str) -> list[str]:
    """What ``script`` prints, run in a fresh interpreter; it must succeed, silently otherwise."""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        env=os.environ | environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, "")
    return completed.stdout.split()


def test_a_handler_sees_the_action_and_every_form_field() -> None:
    seen: list[tuple[str, Mapping[str, str]]] = []

    def record(action: str, parameters: Mapping[str, str]) -> Reply:
        seen.append((action, parameters))
        return page_reply([])

    async def scenario(client: EC2Client) -> None:
        await client.describe_export_image_tasks(
            Filters=[{"Name": "task-state", "Values": ["active", "deleted"]}], MaxResults=9
        )

    run(record, scenario)

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


def test_an_answer_is_parsed_by_aiobotocore() -> None:
    service = LocalEC2()
    stored = service.add_tasks(2)

    answer = run(service, _describe)

    assert answer["ExportImageTasks"] == stored
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200


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
        run(fail, _describe)

    assert raised.value.response.get("Error", {}).get("Code") == code
    assert len(attempts) == 1


def test_installing_a_handler_replaces_the_one_before() -> None:
    service = LocalEC2()

    async def scenario(client: EC2Client) -> None:
        answer_with_async(client, lambda action, parameters: error_reply(Ec2Error("Replaced", "")))
        with pytest.raises(ClientError, match="Replaced"):
            await client.describe_export_image_tasks()

    run(service, scenario)

    assert service.requests == []


def test_a_client_made_without_a_handler_refuses_every_call() -> None:
    async def scenario() -> None:
        async with stubs_async_client() as client:
            await client.describe_export_image_tasks()

    with pytest.raises(RuntimeError, match="answer_with_async"):
        asyncio.run(scenario())


def test_nothing_reaches_aiobotocores_http_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a request reached the network layer")

    monkeypatch.setattr(AIOHTTPSession, "send", no_network)
    service = LocalEC2()
    stored = service.add_tasks(1)

    assert run(service, _describe)["ExportImageTasks"] == stored


def test_a_local_session_answers_each_region_with_its_handler() -> None:
    services = {region: LocalEC2() for region in ("eu-west-1", "us-west-2")}
    stored = {region: service.add_tasks(1) for region, service in services.items()}
    session = local_session(services)

    async def describe(region: str) -> object:
        async with session.create_client("ec2", region_name=region) as client:  # pyright: ignore[reportUnknownMemberType]
            return (await client.describe_export_image_tasks())["ExportImageTasks"]

    assert asyncio.run(describe("us-west-2")) == stored["us-west-2"]
    assert [len(service.requests) for service in services.values()] == [0, 1]


def test_a_local_session_refuses_a_region_without_a_handler() -> None:
    session = local_session({"eu-west-1": LocalEC2()})

    async def scenario() -> None:
        async with session.create_client("ec2", region_name="eu-north-1") as client:  # pyright: ignore[reportUnknownMemberType]
            await client.describe_export_image_tasks()

    with pytest.raises(RuntimeError, match="eu-north-1"):
        asyncio.run(scenario())


def test_importing_the_testing_package_does_not_import_aiobotocore() -> None:
    script = (
        "import sys\n"
        "import ec2_export_image_tasks, ec2_export_image_tasks.testing\n"
        "from ec2_export_image_tasks.testing import LocalEC2\n"
        "LocalEC2().client.describe_export_image_tasks()\n"
        "print('aiobotocore' in sys.modules)\n"
    )

    assert _python(script) == ["False"]


def test_the_callers_aws_setup_is_not_read(tmp_path: Path) -> None:
    # Each of these breaks or redirects a plain aiobotocore client.
    config = tmp_path / "config"
    config.write_text("[default\n")
    script = (
        "import asyncio\n"
        "from ec2_export_image_tasks.testing import LocalEC2\n"
        "from ec2_export_image_tasks.testing.aio import local_session, make_async_client\n"
        "async def main():\n"
        "    async with make_async_client(LocalEC2()) as client:\n"
        "        await client.describe_export_image_tasks()\n"
        "        print(client.meta.endpoint_url, client.meta.region_name)\n"
        "    session = local_session({'eu-west-1': LocalEC2()})\n"
        "    async with session.create_client('ec2', region_name='eu-west-1') as client:\n"
        "        await client.describe_export_image_tasks()\n"
        "        print(client.meta.endpoint_url)\n"
        "asyncio.run(main())\n"
    )

    printed = _python(
        script,
        AWS_PROFILE="no-such-profile",
        AWS_CONFIG_FILE=os.fspath(config),
        AWS_ENDPOINT_URL="http://127.0.0.1:9",
        AWS_DEFAULT_REGION="eu-west-3",
        AWS_SHARED_CREDENTIALS_FILE=os.fspath(config),
    )

    assert printed == [
        "https://ec2.us-east-1.amazonaws.com",
        "us-east-1",
        "https://ec2.eu-west-1.amazonaws.com",
    ]


def test_an_export_runs_and_is_cancelled_through_an_async_client() -> None:
    local = LocalEC2(export_seconds=10.0)
    local.images.add("ami-0123456789abcdef0")
    local.buckets.add("exports")

    async def scenario(client: EC2Client) -> list[tuple[str | None, str | None]]:
        answer = await client.export_image(
            ImageId="ami-0123456789abcdef0",
            DiskImageFormat="RAW",
            S3ExportLocation={"S3Bucket": "exports"},
        )
        task_id = answer.get("ExportImageTaskId", "")
        local.advance(3.0)
        running = (await client.describe_export_image_tasks())["ExportImageTasks"][0]
        await client.cancel_export_task(ExportTaskId=task_id)
        cancelled = (await client.describe_export_image_tasks())["ExportImageTasks"][0]
        return [(task.get("Status"), task.get("Progress")) for task in (running, cancelled)]

    assert run(local, scenario) == [("active", "30"), ("deleting", None)]


def test_without_aiobotocore_the_import_error_names_the_extra() -> None:
    script = (
        "import sys\n"
        "sys.modules['aiobotocore'] = None  # as if not installed\n"
        "try:\n"
        "    import ec2_export_image_tasks.testing.aio\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )

    assert "[async]" in _python(script)
