"""The one retry policy: every loop that polls EC2 retries by it, on top of botocore's retries.

The loops (a wait, sync and async; the command line's ``watch``; a region of the many-region
listing) are driven through their public entry points against a real botocore client answered
locally, each on a clock of its own that moves only when it sleeps.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import botocore.retries.standard
import pytest
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError
from botocore.loaders import create_loader
from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks import (
    async_wait_for_export,
    list_export_image_tasks_in_regions,
    wait_for_export,
)
from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._retry import RETRY_POLICY, is_transient
from ec2_export_image_tasks.errors import RegionsFailedError
from ec2_export_image_tasks.testing import Ec2Error, error_reply, make_client
from ec2_export_image_tasks.testing.aio import local_session, make_async_client

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ec2_export_image_tasks.testing import Reply

TASK_ID = "export-ami-0123456789abcdef0"
THROTTLED = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503)


@dataclass
class Throttling:
    """Throttles every request; ``requests`` counts them."""

    requests: int = 0

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests += 1
        return error_reply(THROTTLED)


@dataclass
class Ended:
    """How a loop ended against :class:`Throttling`: its delays, the requests it sent and what
    it told its caller last (the error's last note; for ``watch``, its error line)."""

    delays: list[float] = field(default_factory=list[float])
    requests: int = 0
    said: str = ""
    now: float = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


def _wait(handler: Throttling, ended: Ended, capsys: pytest.CaptureFixture[str]) -> None:
    client = make_client(handler)
    with pytest.raises(ClientError) as raised:
        wait_for_export(client, TASK_ID, interval=1.0, sleep=ended.sleep, clock=ended.clock)
    ended.said = raised.value.__notes__[-1]


def _async_wait(handler: Throttling, ended: Ended, capsys: pytest.CaptureFixture[str]) -> None:
    async def main() -> None:
        async with make_async_client(handler) as client:
            await async_wait_for_export(
                client, TASK_ID, interval=1.0, sleep=ended.async_sleep, clock=ended.clock
            )

    with pytest.raises(ClientError) as raised:
        asyncio.run(main())
    ended.said = raised.value.__notes__[-1]


def _watch(handler: Throttling, ended: Ended, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["watch", "--interval", "1"]
    status = main(argv, client=make_client(handler), sleep=ended.sleep, clock=ended.clock)

    assert status == 1
    ended.said = capsys.readouterr().err.splitlines()[-1]  # the error, its notes in brackets


def _region(handler: Throttling, ended: Ended, capsys: pytest.CaptureFixture[str]) -> None:
    async def main() -> None:
        listing = list_export_image_tasks_in_regions(
            local_session({"eu-west-1": handler}), ["eu-west-1"], region_timeout=60.0
        )
        async with contextlib.aclosing(listing):
            async for _ in listing:
                pass

    async def recorded(seconds: float) -> None:
        if seconds > 0:  # aiobotocore's own sleep(0)s yield to the loop: no delay
            ended.sleep(seconds)
        await real_sleep(0)

    real_sleep = asyncio.sleep
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(asyncio, "sleep", recorded)
        with pytest.raises(RegionsFailedError) as raised:
            asyncio.run(main())
    [failure] = raised.value.failures
    ended.said = failure.error.__notes__[-1]


LOOPS: dict[str, Callable[[Throttling, Ended, pytest.CaptureFixture[str]], None]] = {
    "wait": _wait,
    "async wait": _async_wait,
    "watch": _watch,
    "region": _region,
}


@pytest.fixture(params=LOOPS)
def throttled_loop(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> Ended:
    """How the loop named by the parameter ended, throttled at every request."""
    handler, ended = Throttling(), Ended()
    LOOPS[request.param](handler, ended, capsys)
    ended.requests = handler.requests
    return ended


def test_every_loop_gives_up_after_five_failures_in_a_row_saying_so(throttled_loop: Ended) -> None:
    assert throttled_loop.requests == 5
    assert "gave up after 5 failed attempt(s) in a row" in throttled_loop.said


def test_every_loop_waits_1_2_4_and_8_s_from_a_first_delay_of_a_second(
    throttled_loop: Ended,
) -> None:
    assert throttled_loop.delays == [1.0, 2.0, 4.0, 8.0]


# --- The delay alone -----------------------------------------------------------------------------


@settings(max_examples=50)
@given(interval=st.floats(0, 86400), failures=st.integers(1, 30))
def test_the_delay_doubles_from_the_interval_up_to_the_cap(interval: float, failures: int) -> None:
    first = max(interval, 1.0)
    cap = max(interval, 300.0)

    delay = RETRY_POLICY.delay(failures, interval=interval)

    assert first <= delay <= cap
    assert delay == min(first * 2 ** (failures - 1), cap)
    assert RETRY_POLICY.delay(failures + 1, interval=interval) == min(delay * 2, cap)


# --- What is transient: at least everything botocore itself retries -----------------------------


def _client_error(code: str, status: int) -> ClientError:
    metadata = {"HTTPStatusCode": status}
    return ClientError({"Error": {"Code": code}, "ResponseMetadata": metadata}, "X")  # type: ignore[typeddict-item]  # pyright: ignore[reportArgumentType]


def _legacy_retried() -> list[tuple[str, int]]:
    """The (code, status) answers botocore's legacy mode, boto3's default, retries for EC2."""
    config = create_loader().load_data("_retry")
    policies = {
        **config["retry"]["__default__"]["policies"],
        **config["retry"]["ec2"]["__default__"]["policies"],
    }
    answers: list[tuple[str, int]] = []
    for policy in policies.values():
        policy = config["definitions"].get(policy.get("$ref"), policy)
        response = policy["applies_when"].get("response")
        if response is not None:  # else socket errors: a dropped connection, below
            answers.append(
                (response.get("service_error_code", ""), response.get("http_status_code", 200))
            )
    return answers


@pytest.mark.parametrize(("code", "status"), _legacy_retried(), ids=str)
def test_what_botocores_legacy_mode_retries_is_transient(code: str, status: int) -> None:
    assert is_transient(_client_error(code, status))


def _standard_retried() -> list[str]:
    """The codes botocore's standard mode retries, whatever the status: its own lists, class
    attributes its stubs leave out."""
    standard = botocore.retries.standard
    lists = [
        getattr(standard.ThrottledRetryableChecker, "_THROTTLED_ERROR_CODES"),  # noqa: B009
        getattr(standard.TransientRetryableChecker, "_TRANSIENT_ERROR_CODES"),  # noqa: B009
    ]
    return sorted({code for codes in cast("list[list[str]]", lists) for code in codes})


@pytest.mark.parametrize("code", _standard_retried())
def test_what_botocores_standard_mode_retries_is_transient_whatever_the_status(code: str) -> None:
    assert is_transient(_client_error(code, 400))


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504, 509])
def test_an_answer_throttled_or_failed_by_status_alone_is_transient(status: int) -> None:
    assert is_transient(_client_error("", status))


@pytest.mark.parametrize(
    "error",
    [
        ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
        EndpointConnectionError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
    ],
    ids=repr,
)
def test_a_dropped_connection_is_transient(error: Exception) -> None:
    assert is_transient(error)


@pytest.mark.parametrize(
    ("code", "status"),
    [("RequestExpired", 400), ("UnauthorizedOperation", 403), ("InvalidParameterValue", 400)],
)
def test_a_refusal_or_a_skewed_clock_is_not_transient(code: str, status: int) -> None:
    assert not is_transient(_client_error(code, status))
