"""The waiter against what a wait meets: seconds no sleep can take, servers that do not answer."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import boto3
import pytest
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore.config import Config

from ec2_export_image_tasks import MAX_INTERVAL, async_wait_for_export, wait_for_export
from ec2_export_image_tasks.errors import WaitTimeoutError
from ec2_export_image_tasks.testing import LocalEC2

from .loopback import drip, serving, silent

if TYPE_CHECKING:
    from mypy_boto3_ec2.client import EC2Client

    from ec2_export_image_tasks import ExportImageTask

    from .loopback import Behaviour

TASK_ID = "export-ami-0123456789abcdef0"


@pytest.mark.parametrize("interval", [MAX_INTERVAL * 2, 1e10, 1e300])
def test_an_interval_longer_than_a_day_is_a_value_error_before_any_request(
    interval: float,
) -> None:
    # time.sleep(1e10) raises OverflowError: after the first poll, far from the mistake.
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "1"})

    with pytest.raises(ValueError, match="interval must be at most 86400 s"):
        wait_for_export(service.client, TASK_ID, interval=interval)

    assert service.requests == []


# --- What bounds a poll: the caller's client, or the deadline itself (async) ------------------

SLACK = 2.0
"""What a loaded machine may add to a deadline; never asserted as speed."""


def _boto3_client(url: str, read_timeout: float) -> EC2Client:
    session = boto3.session.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
    )
    config = Config(read_timeout=read_timeout, retries={"total_max_attempts": 1})
    return session.client("ec2", endpoint_url=url, config=config)  # pyright: ignore[reportUnknownMemberType]


def test_a_poll_of_the_callers_client_is_bounded_by_its_read_timeout() -> None:
    # The documented bound: the client's read timeout, times its attempts, after the deadline.
    with serving(silent) as url:
        client = _boto3_client(url, read_timeout=1)
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as raised:
            wait_for_export(client, TASK_ID, timeout=0.5)
        elapsed = time.monotonic() - started

    assert elapsed < 1 + SLACK
    assert raised.value.polls == 1  # none started past the deadline
    assert str(raised.value) == (
        f"export {TASK_ID} not seen yet after 0.5 s "
        "(1 poll(s) in a row failed, the last with ReadTimeoutError)"
    )


@pytest.mark.parametrize("server", [silent, drip], ids=["silent", "dripping"])
def test_async_wait_cuts_a_poll_short_at_the_deadline(server: Behaviour) -> None:
    waited: list[float] = []  # the wait alone: making the client loads EC2's model

    async def main(url: str) -> ExportImageTask:
        session = AioSession()
        session.set_credentials("testing", "testing")
        config = AioConfig(read_timeout=60, retries={"total_max_attempts": 1})
        async with session.create_client(  # pyright: ignore[reportUnknownMemberType]
            "ec2", region_name="us-east-1", endpoint_url=url, config=config
        ) as client:
            started = time.monotonic()
            try:
                return await async_wait_for_export(client, TASK_ID, timeout=1.0)
            finally:
                waited.append(time.monotonic() - started)

    with (
        serving(server) as url,
        pytest.raises(WaitTimeoutError, match="poll 1 was cut short at the deadline"),
    ):
        asyncio.run(main(url))

    assert waited[0] < 1 + SLACK
