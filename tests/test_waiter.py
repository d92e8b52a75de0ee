"""wait_for_export and async_wait_for_export: the waiter boto3 lacks for export image tasks.

Every test runs both, through the ``wait`` fixture: they share one core, and must agree.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks import (
    MIN_INTERVAL,
    NOT_VISIBLE_GRACE,
    ExportImageTask,
    ExportImageTaskStatus,
    async_wait_for_export,
    wait_for_export,
)
from ec2_export_image_tasks._waiting import Waiting
from ec2_export_image_tasks.errors import (
    ExportFailedError,
    StatusMissingError,
    TaskNotFoundError,
    WaitTimeoutError,
)
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, error_reply, make_client
from ec2_export_image_tasks.testing.aio import make_async_client

from .paginator.helpers import ScriptedPages

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from mypy_boto3_ec2.client import EC2Client

    from ec2_export_image_tasks.testing import Handler, Reply


@dataclass
class FakeTime:
    """A clock that moves only when the waiter sleeps; ``slept`` lists each sleep."""

    now: float = 0.0
    slept: list[float] = field(default_factory=list[float])

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


class Wait(Protocol):
    def __call__(
        self,
        handler: Handler,
        task_id: str = ...,
        *,
        interval: float = ...,
        timeout: float | None = ...,
        on_progress: Callable[[ExportImageTask], None] | None = ...,
        on_retry: Callable[[Exception, float], None] | None = ...,
    ) -> ExportImageTask: ...


@pytest.fixture(params=["sync", "async"])
def wait(request: pytest.FixtureRequest, time: FakeTime) -> Wait:
    """A wait for ``task_id`` on a client ``handler`` answers, on ``time``'s clock."""

    def wait_sync(handler: Handler, task_id: str = TASK_ID, **options: Any) -> ExportImageTask:
        client = make_client(handler)
        return wait_for_export(client, task_id, sleep=time.sleep, clock=time.clock, **options)

    def wait_async(handler: Handler, task_id: str = TASK_ID, **options: Any) -> ExportImageTask:
        async def main() -> ExportImageTask:
            async with make_async_client(handler) as client:
                return await async_wait_for_export(
                    client, task_id, sleep=time.async_sleep, clock=time.clock, **options
                )

        return asyncio.run(main())

    return wait_sync if request.param == "sync" else wait_async


@pytest.fixture
def demo(time: FakeTime) -> LocalEC2[EC2Client]:
    local: LocalEC2[EC2Client] = LocalEC2(time.clock)
    local.images.add("ami-0123456789abcdef0")
    local.buckets.add("exports")
    return local


TASK_ID = "export-ami-0123456789abcdef0"
OTHER_ID = "export-ami-0123456789abcdef1"


def _start_export(local: LocalEC2[EC2Client], seconds: float) -> str:
    local.export_seconds = seconds
    answer = local.client.export_image(
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
    )
    return answer.get("ExportImageTaskId", "")


def test_returns_the_completed_task_and_reports_each_poll(
    demo: LocalEC2[EC2Client], wait: Wait
) -> None:
    task_id = _start_export(demo, 10.0)
    seen: list[ExportImageTask] = []

    task = wait(demo, task_id, interval=4.0, on_progress=seen.append)

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert [(s.status, s.progress) for s in seen] == [
        (ExportImageTaskStatus.ACTIVE, 0),
        (ExportImageTaskStatus.ACTIVE, 40),
        (ExportImageTaskStatus.ACTIVE, 80),
        (ExportImageTaskStatus.COMPLETED, None),
    ]


def test_a_cancelled_export_raises_export_failed(demo: LocalEC2[EC2Client], wait: Wait) -> None:
    task_id = _start_export(demo, 10.0)
    demo.client.cancel_export_task(ExportTaskId=task_id)

    with pytest.raises(ExportFailedError, match="deleting: Cancelled by the user") as raised:
        wait(demo, task_id)

    assert raised.value.task.export_image_task_id == task_id


def test_the_last_poll_falls_on_the_deadline(
    demo: LocalEC2[EC2Client], time: FakeTime, wait: Wait
) -> None:
    task_id = _start_export(demo, 100.0)

    with pytest.raises(WaitTimeoutError) as raised:
        wait(demo, task_id, interval=15.0, timeout=20.0)

    assert time.now == 20.0
    assert raised.value.last_seen is not None
    assert raised.value.last_seen.progress == 20
    assert str(raised.value) == f"export {task_id} still active at 20% after 20 s"


# --- What one poll must find, and what bounds a wait -------------------------------------------


@dataclass
class Failing:
    """Fails the first ``times`` requests with ``failure``, then lets ``service`` answer."""

    service: Handler
    failure: Ec2Error | Exception
    times: int
    requests: int = 0

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests += 1
        if self.requests > self.times:
            return self.service(action, parameters)
        if isinstance(self.failure, Ec2Error):
            return error_reply(self.failure)
        raise copy.copy(self.failure)  # a fresh one: the waiter adds notes to what it raises


def _service(*tasks: Mapping[str, object]) -> LocalEC2:
    service: LocalEC2[EC2Client] = LocalEC2()
    for task in tasks:
        service.add_task(dict(task))
    return service


NOT_FOUND = Ec2Error(
    "InvalidExportImageTaskId.NotFound", f"The export image task ID '{TASK_ID}' does not exist"
)
WITHOUT_IT = ([{"ExportImageTaskId": OTHER_ID, "Status": "completed"}], None)
"""An answer without the task asked for: another one, as a service ignoring the id sends."""


@pytest.mark.parametrize("unseen", [NOT_FOUND, WITHOUT_IT], ids=["NotFound", "another task"])
def test_a_task_not_yet_visible_is_waited_for(
    wait: Wait, unseen: Ec2Error | tuple[list[dict[str, object]], None]
) -> None:
    # Right after ExportImage, EC2 may not show the new task for a while.
    script = ScriptedPages([unseen, unseen, ([COMPLETED], None)])
    retried: list[Exception] = []

    task = wait(script, on_retry=lambda error, delay: retried.append(error))

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert len(retried) == 2


@pytest.mark.parametrize("unseen", [NOT_FOUND, WITHOUT_IT], ids=["NotFound", "another task"])
def test_a_task_still_not_visible_after_the_grace_period_is_task_not_found(
    wait: Wait, time: FakeTime, unseen: Ec2Error | tuple[list[dict[str, object]], None]
) -> None:
    script = ScriptedPages([unseen] * 100)

    with pytest.raises(TaskNotFoundError, match=TASK_ID) as raised:
        wait(script, interval=25.0)

    assert time.now == NOT_VISIBLE_GRACE == 60.0  # 25, 25, then 10: the grace's end is polled
    assert len(script.requests) == 4
    assert raised.value.__notes__ == ["not visible in 4 poll(s) over 60 s"]


def test_a_task_that_vanishes_once_seen_is_task_not_found_at_once(wait: Wait) -> None:
    active = ([{"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "5"}], None)
    script = ScriptedPages([active, NOT_FOUND, ([COMPLETED], None)])

    with pytest.raises(ClientError, match=r"InvalidExportImageTaskId\.NotFound"):
        wait(script)

    assert len(script.requests) == 2


def test_a_deadline_before_the_task_is_visible_is_a_timeout_without_a_task(
    wait: Wait, time: FakeTime
) -> None:
    script = ScriptedPages([NOT_FOUND] * 100)

    with pytest.raises(WaitTimeoutError) as raised:
        wait(script, interval=5.0, timeout=12.0)

    assert raised.value.last_seen is None
    assert time.now == 12.0
    assert str(raised.value) == (
        f"export {TASK_ID} not seen yet after 12 s (EC2 did not show it in 4 poll(s))"
    )


def test_one_answer_without_a_status_is_waited_out(time: FakeTime, wait: Wait) -> None:
    script = ScriptedPages(
        [
            ([{"ExportImageTaskId": TASK_ID}], None),
            ([{"ExportImageTaskId": TASK_ID, "Status": "completed"}], None),
        ]
    )

    assert wait(script, interval=5.0).status is ExportImageTaskStatus.COMPLETED
    assert time.now == 5.0


def test_answers_without_a_status_end_the_wait_after_the_documented_number(wait: Wait) -> None:
    script = ScriptedPages([([{"ExportImageTaskId": TASK_ID}], None)] * 10)

    with pytest.raises(StatusMissingError, match=f"{TASK_ID} had no Status in 5 answers") as raised:
        wait(script)

    assert len(script.requests) == 5 == raised.value.polls


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("interval", -1.0),
        ("interval", math.nan),
        ("interval", math.inf),
        ("timeout", math.nan),
        ("timeout", -1.0),
    ],
)
def test_seconds_no_clock_can_mean_are_a_value_error_before_any_request(
    wait: Wait, option: str, value: float
) -> None:
    service = _service()
    options: dict[str, Any] = {option: value}

    with pytest.raises(ValueError, match=f"{option} must be"):
        wait(service, **options)

    assert service.requests == []


COMPLETED = {"ExportImageTaskId": TASK_ID, "Status": "completed"}

TRANSIENT = [
    Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503),
    Ec2Error("Throttling", "Rate exceeded", 400),
    Ec2Error("InternalError", "An internal error has occurred", 500),
    Ec2Error("Unavailable", "The service is unavailable", 503),
    Ec2Error("SomethingNew", "a 5xx is the service's trouble, whatever its code", 502),
    Ec2Error("ExpiredToken", "The security token included in the request is expired", 400),
    ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
    ReadTimeoutError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
    EndpointConnectionError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
]


@pytest.mark.parametrize("failure", TRANSIENT, ids=repr)
def test_transient_failures_are_retried_with_a_growing_delay(
    wait: Wait, time: FakeTime, failure: Ec2Error | Exception
) -> None:
    handler = Failing(_service(COMPLETED), failure, times=4)
    retried: list[float] = []

    task = wait(handler, interval=15.0, on_retry=lambda error, delay: retried.append(delay))

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert time.slept == retried == [15.0, 30.0, 60.0, 120.0]


def test_the_delay_after_a_failure_doubles_up_to_5_minutes(wait: Wait) -> None:
    failure = Ec2Error("Unavailable", "The service is unavailable", 503)
    handler = Failing(_service(COMPLETED), failure, times=4)
    retried: list[float] = []

    def on_retry(error: Exception, delay: float) -> None:
        retried.append(delay)

    wait(handler, interval=100.0, on_retry=on_retry)

    assert retried == [100.0, 200.0, 300.0, 300.0]


@pytest.mark.parametrize(
    ("failure", "raised_as"),
    [(TRANSIENT[0], ClientError), (TRANSIENT[-3], ConnectionClosedError)],
    ids=repr,
)
def test_the_wait_ends_after_the_documented_number_of_failures_in_a_row(
    wait: Wait, failure: Exception, raised_as: type[Exception]
) -> None:
    handler = Failing(_service(COMPLETED), failure, times=5)

    with pytest.raises(raised_as) as raised:
        wait(handler)

    assert handler.requests == 5
    assert raised.value.__notes__ == ["gave up after 5 failed attempt(s) in a row"]


def test_failures_apart_do_not_add_up(wait: Wait) -> None:
    # Four failures, an answer, four failures, an answer: never five in a row.
    active = {"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "10"}
    throttled = Ec2Error("Throttling", "Rate exceeded")
    script = ScriptedPages(
        [*[throttled] * 4, ([active], None), *[throttled] * 4, ([COMPLETED], None)]
    )

    assert wait(script).status is ExportImageTaskStatus.COMPLETED


@pytest.mark.parametrize(
    "failure",
    [
        Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation."),
        Ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials"),
    ],
    ids=repr,
)
def test_a_permanent_error_ends_the_wait_at_once(wait: Wait, failure: Ec2Error) -> None:
    handler = Failing(_service(COMPLETED), failure, times=1)

    with pytest.raises(ClientError, match=failure.code):
        wait(handler)

    assert handler.requests == 1


def test_a_skewed_clock_ends_the_wait_at_once_saying_to_check_the_clock(wait: Wait) -> None:
    # EC2's answer to a request signed more than 5 minutes off: asking again cannot help.
    expired = Ec2Error("RequestExpired", "Request has expired.", 400)
    handler = Failing(_service(COMPLETED), expired, times=1)

    with pytest.raises(ClientError, match="RequestExpired") as raised:
        wait(handler, timeout=600.0)

    assert handler.requests == 1
    assert raised.value.__notes__ == [
        "check the system clock: EC2 refuses requests signed more than 5 minutes off"
    ]


def test_failures_until_the_deadline_are_a_timeout_with_the_last_task_seen(
    wait: Wait, time: FakeTime
) -> None:
    active = ([{"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "30"}], None)
    throttled = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503)
    script = ScriptedPages([active, *[throttled] * 10])

    with pytest.raises(WaitTimeoutError) as raised:
        wait(script, interval=15.0, timeout=40.0)

    assert time.now == 40.0  # 15, then 15, then 10 (not 30): the deadline caps the delay
    assert raised.value.last_seen is not None
    assert raised.value.last_seen.progress == 30
    assert raised.value.polls == 4
    assert str(raised.value) == (
        f"export {TASK_ID} still active at 30% after 40 s (3 poll(s) in a row failed, "
        "the last with RequestLimitExceeded)"
    )
    assert isinstance(raised.value.__cause__, ClientError)


@pytest.mark.parametrize("interval", [0.0, 1e-9, 0.5])
def test_an_interval_under_a_second_polls_once_a_second(
    wait: Wait, time: FakeTime, interval: float
) -> None:
    active = ([{"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "5"}], None)
    script = ScriptedPages([active, active, ([COMPLETED], None)])

    wait(script, interval=interval)

    assert time.slept == [MIN_INTERVAL, MIN_INTERVAL] == [1.0, 1.0]


# --- The core alone, with plain data: the deadline holds whatever the outcomes ------------------

ACTIVE = ExportImageTask.model_validate(
    {"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "40"}
)


def _failure(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": "injected"}}, "DescribeExportImageTasks")


def _until_the_end(waiting: Waiting, outcomes: list[str]) -> tuple[float, Exception]:
    """Feeds ``outcomes`` (again and again) to ``waiting`` on a clock its delays move; the time
    and the error it ended with. Each delay is checked on the way."""
    now = 0.0
    for outcome in itertools.cycle(outcomes):
        waiting.attempt_limit(now)
        try:
            if outcome == "answered":
                delay = waiting.answered(ACTIVE, now)
            else:
                delay = waiting.failed(_failure(outcome), now)
        except (WaitTimeoutError, ClientError, TaskNotFoundError) as ended:
            return now, ended
        assert isinstance(delay, float)
        assert delay >= 0
        now += delay
    raise AssertionError("unreachable: cycle() never ends")


@settings(max_examples=60, deadline=None)
@given(
    interval=st.floats(0, 100),
    timeout=st.floats(0, 300),
    outcomes=st.lists(
        st.sampled_from(["answered", "RequestLimitExceeded", "InvalidExportImageTaskId.NotFound"]),
        min_size=1,
        max_size=20,
    ),
)
def test_no_poll_is_scheduled_past_the_deadline_and_a_timeout_keeps_the_last_task_seen(
    interval: float, timeout: float, outcomes: list[str]
) -> None:
    waiting = Waiting(TASK_ID, interval=interval, timeout=timeout, now=0.0)

    ended_at, ended = _until_the_end(waiting, outcomes)

    assert ended_at <= timeout or ended_at == pytest.approx(timeout)  # a delay's rounding
    if isinstance(ended, WaitTimeoutError):  # else 5 failures in a row, or a task never shown
        assert ended_at == pytest.approx(timeout)
        assert ended.last_seen is (ACTIVE if "answered" in outcomes[: ended.polls] else None)
