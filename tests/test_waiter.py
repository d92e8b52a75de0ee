"""wait_for_export: the Python API of the waiter boto3 lacks for export image tasks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from ec2_export_image_tasks import ExportImageTask, ExportImageTaskStatus
from ec2_export_image_tasks.errors import (
    ExportFailedError,
    StatusMissingError,
    TaskNotFoundError,
    WaitTimeoutError,
)
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, error_reply, make_client
from ec2_export_image_tasks.waiter import MAX_CONSECUTIVE_FAILURES, wait_for_export

from .paginator.helpers import ScriptedPages

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ec2_export_image_tasks.testing import Handler, Reply


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def demo(time: FakeTime) -> LocalEC2:
    local = LocalEC2(time.clock)
    local.images.add("ami-0123456789abcdef0")
    local.buckets.add("exports")
    return local


def _start_export(local: LocalEC2, seconds: float) -> str:
    local.export_seconds = seconds
    answer = local.client.export_image(
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
    )
    return answer.get("ExportImageTaskId", "")


def test_returns_the_completed_task_and_reports_each_poll(demo: LocalEC2, time: FakeTime) -> None:
    task_id = _start_export(demo, 10.0)
    seen: list[ExportImageTask] = []

    task = wait_for_export(
        demo.client,
        task_id,
        interval=4.0,
        on_progress=seen.append,
        sleep=time.sleep,
        clock=time.clock,
    )

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert [(s.status, s.progress) for s in seen] == [
        (ExportImageTaskStatus.ACTIVE, 0),
        (ExportImageTaskStatus.ACTIVE, 40),
        (ExportImageTaskStatus.ACTIVE, 80),
        (ExportImageTaskStatus.COMPLETED, None),
    ]


def test_a_cancelled_export_raises_export_failed(demo: LocalEC2, time: FakeTime) -> None:
    task_id = _start_export(demo, 10.0)
    demo.client.cancel_export_task(ExportTaskId=task_id)

    with pytest.raises(ExportFailedError, match="deleting: Cancelled by the user") as raised:
        wait_for_export(demo.client, task_id, sleep=time.sleep, clock=time.clock)

    assert raised.value.task.export_image_task_id == task_id


def test_the_last_poll_falls_on_the_deadline(demo: LocalEC2, time: FakeTime) -> None:
    task_id = _start_export(demo, 100.0)

    with pytest.raises(WaitTimeoutError) as raised:
        wait_for_export(
            demo.client, task_id, interval=15.0, timeout=20.0, sleep=time.sleep, clock=time.clock
        )

    assert time.now == 20.0
    assert raised.value.last_seen.progress == 20


# --- What one poll must find, and what bounds a wait -------------------------------------------

TASK_ID = "export-ami-0123456789abcdef0"
OTHER_ID = "export-ami-0123456789abcdef1"


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
        raise self.failure


def _service(*tasks: Mapping[str, object]) -> LocalEC2:
    service = LocalEC2()
    for task in tasks:
        service.add_task(dict(task))
    return service


def _wait(handler: Handler, time: FakeTime, **options: Any) -> ExportImageTask:
    return wait_for_export(
        make_client(handler), TASK_ID, sleep=time.sleep, clock=time.clock, **options
    )


def test_an_answer_holding_another_task_is_task_not_found(time: FakeTime) -> None:
    # A service that ignores the id asked for, and answers with the task it has.
    script = ScriptedPages([([{"ExportImageTaskId": OTHER_ID, "Status": "completed"}], None)])

    with pytest.raises(TaskNotFoundError, match=TASK_ID):
        _wait(script, time)


def test_one_answer_without_a_status_is_waited_out(time: FakeTime) -> None:
    script = ScriptedPages(
        [
            ([{"ExportImageTaskId": TASK_ID}], None),
            ([{"ExportImageTaskId": TASK_ID, "Status": "completed"}], None),
        ]
    )

    assert _wait(script, time, interval=5.0).status is ExportImageTaskStatus.COMPLETED
    assert time.now == 5.0


def test_answers_without_a_status_end_the_wait_after_the_documented_number(
    time: FakeTime,
) -> None:
    script = ScriptedPages([([{"ExportImageTaskId": TASK_ID}], None)] * 10)

    with pytest.raises(StatusMissingError, match=f"{TASK_ID} had no Status in 5 answers") as raised:
        _wait(script, time)

    assert len(script.requests) == MAX_CONSECUTIVE_FAILURES == raised.value.polls


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
    time: FakeTime, option: str, value: float
) -> None:
    service = _service()

    with pytest.raises(ValueError, match=f"{option} must be"):
        _wait(service, time, **{option: value})

    assert service.requests == []


COMPLETED = {"ExportImageTaskId": TASK_ID, "Status": "completed"}

TRANSIENT = [
    Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503),
    Ec2Error("Throttling", "Rate exceeded", 400),
    Ec2Error("InternalError", "An internal error has occurred", 500),
    Ec2Error("Unavailable", "The service is unavailable", 503),
    Ec2Error("SomethingNew", "a 5xx is the service's trouble, whatever its code", 502),
    Ec2Error("RequestExpired", "Request has expired.", 400),
    Ec2Error("ExpiredToken", "The security token included in the request is expired", 400),
    ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
    ReadTimeoutError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
    EndpointConnectionError(endpoint_url="https://ec2.us-east-1.amazonaws.com/"),
]


@pytest.mark.parametrize("failure", TRANSIENT, ids=repr)
def test_transient_failures_are_retried_with_a_growing_delay(
    time: FakeTime, failure: Ec2Error | Exception
) -> None:
    handler = Failing(_service(COMPLETED), failure, times=MAX_CONSECUTIVE_FAILURES - 1)
    sleeps: list[float] = []
    retried: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    task = wait_for_export(
        make_client(handler),
        TASK_ID,
        interval=15.0,
        sleep=sleep,
        on_retry=lambda error, delay: retried.append(delay),
    )

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert sleeps == retried == [15.0, 30.0, 60.0, 120.0]


def test_the_delay_after_a_failure_doubles_up_to_5_minutes(time: FakeTime) -> None:
    failure = Ec2Error("Unavailable", "The service is unavailable", 503)
    handler = Failing(_service(COMPLETED), failure, times=MAX_CONSECUTIVE_FAILURES - 1)
    retried: list[float] = []

    def on_retry(error: Exception, delay: float) -> None:
        retried.append(delay)

    _wait(handler, time, interval=100.0, on_retry=on_retry)

    assert retried == [100.0, 200.0, 300.0, 300.0]


@pytest.mark.parametrize(
    ("failure", "raised_as"),
    [(TRANSIENT[0], ClientError), (TRANSIENT[-3], ConnectionClosedError)],
    ids=repr,
)
def test_the_wait_ends_after_the_documented_number_of_failures_in_a_row(
    time: FakeTime, failure: Exception, raised_as: type[Exception]
) -> None:
    handler = Failing(_service(COMPLETED), failure, times=MAX_CONSECUTIVE_FAILURES)

    with pytest.raises(raised_as) as raised:
        _wait(handler, time)

    assert handler.requests == MAX_CONSECUTIVE_FAILURES
    assert raised.value.__notes__ == ["gave up after 5 failed attempt(s) in a row"]


def test_failures_apart_do_not_add_up(time: FakeTime) -> None:
    # Four failures, an answer, four failures, an answer: never five in a row.
    active = {"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "10"}
    throttled = Ec2Error("Throttling", "Rate exceeded")
    script = ScriptedPages(
        [*[throttled] * 4, ([active], None), *[throttled] * 4, ([COMPLETED], None)]
    )

    assert _wait(script, time).status is ExportImageTaskStatus.COMPLETED


@pytest.mark.parametrize(
    "failure",
    [
        Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation."),
        Ec2Error("InvalidExportImageTaskId.NotFound", "The export task ID does not exist"),
        Ec2Error("AuthFailure", "AWS was not able to validate the provided access credentials"),
    ],
    ids=repr,
)
def test_a_permanent_error_ends_the_wait_at_once(time: FakeTime, failure: Ec2Error) -> None:
    handler = Failing(_service(COMPLETED), failure, times=1)

    with pytest.raises(ClientError, match=failure.code):
        _wait(handler, time)

    assert handler.requests == 1


def test_retries_stop_at_the_timeout(time: FakeTime) -> None:
    handler = Failing(_service(COMPLETED), TRANSIENT[0], times=10)

    with pytest.raises(ClientError) as raised:
        _wait(handler, time, interval=15.0, timeout=40.0)

    assert time.now == 40.0  # 15, 25 (not 30): the deadline caps the delay
    assert raised.value.__notes__ == ["gave up after 3 failed attempt(s) in a row"]
