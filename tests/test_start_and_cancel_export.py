"""start_export, check_export_permissions and cancel_export, over a real botocore client.

The local endpoint plays EC2 (its ExportImage, CancelExportTask and DescribeExportImageTasks
share one state); each behaviour is checked for the boto3 functions and their async forms.
"""

from __future__ import annotations

import asyncio
import copy
import pickle
import re
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError, ConnectionClosedError
from hypothesis import assume, given, settings
from pydantic import ValidationError

from ec2_export_image_tasks import (
    CLIENT_TOKEN,
    DiskImageFormat,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTaskPaginator,
    ExportImageTaskStatus,
    ExportNotCancellableError,
    ExportWithoutIdError,
    InvalidItemError,
    TaskNotFoundError,
    async_cancel_export,
    async_check_export_permissions,
    async_start_export,
    cancel_export,
    check_export_permissions,
    start_export,
    strategies,
)
from ec2_export_image_tasks.testing import (
    Ec2Error,
    Habits,
    LocalEC2,
    Reply,
    error_reply,
    make_client,
)
from ec2_export_image_tasks.testing.aio import make_async_client

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Mapping

    from mypy_boto3_ec2.type_defs import ExportImageRequestTypeDef

    from ec2_export_image_tasks.testing import Handler

IMAGE = "ami-0123456789abcdef0"
BUCKET = "exports"
REQUEST: ExportImageRequestTypeDef = {
    "ImageId": IMAGE,
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": BUCKET, "S3Prefix": "vms/"},
}
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _local(clock: Callable[[], float], image: str = IMAGE, bucket: str = BUCKET) -> LocalEC2:
    """A local EC2 holding ``image`` and ``bucket``, where an export takes 10 s."""
    ec2 = LocalEC2(clock, export_seconds=10.0)
    ec2.images.add(image)
    ec2.buckets.add(bucket)
    return ec2


@pytest.fixture
def local(clock: Clock) -> LocalEC2:
    return _local(clock)


def _listed(local: LocalEC2) -> list[str | None]:
    return [task.export_image_task_id for task in ExportImageTaskPaginator(local.client).paginate()]


def _sent(local: LocalEC2, action: str) -> list[dict[str, str]]:
    return [request for request in local.requests if request["Action"] == action]


def _run_async(handler: Handler, use: Callable[[Any], Coroutine[Any, Any, object]]) -> object:
    """``use(client)`` on an aiobotocore client that ``handler`` answers."""

    async def main() -> object:
        async with make_async_client(handler) as client:
            return await use(client)

    return asyncio.run(main())


def test_start_export_returns_the_new_task_as_the_model(local: LocalEC2) -> None:
    response = start_export(local.client, **REQUEST)

    assert isinstance(response, ExportImageResponse)
    assert response.status is ExportImageTaskStatus.ACTIVE
    assert response.progress == 0
    assert response.image_id == IMAGE
    assert response.disk_image_format is DiskImageFormat.VMDK
    assert response.role_name == "vmimport"  # the service's default, reported back
    assert _listed(local) == [response.export_image_task_id]


def test_a_request_model_is_the_same_as_the_keywords(local: LocalEC2) -> None:
    start_export(local.client, ExportImageRequest.model_validate(REQUEST))
    start_export(local.client, **REQUEST)

    first, second = (
        {key: value for key, value in sent.items() if key != "ClientToken"}
        for sent in _sent(local, "ExportImage")
    )
    assert first == second


def test_a_model_and_keywords_together_are_refused(local: LocalEC2) -> None:
    request = ExportImageRequest.model_validate(REQUEST)

    with pytest.raises(TypeError, match="not both"):
        start_export(local.client, request, **REQUEST)  # type: ignore[call-overload]  # pyright: ignore[reportCallIssue]
    assert local.requests == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"S3ExportLocation": {"S3Bucket": "Exports"}}, "S3ExportLocation.S3Bucket"),
        ({"DiskImageFormat": "vmdk"}, "DiskImageFormat"),
        ({"RoleName": "vm import"}, "RoleName"),
        ({"ImageId": "ami-XYZ"}, "ImageId"),
        ({"TagSpecifications": [{"ResourceType": "image"}]}, "TagSpecifications.0.ResourceType"),
        ({"Bucket": "exports"}, "Bucket"),
    ],
)
def test_a_bad_request_is_refused_before_anything_is_sent(
    local: LocalEC2, change: dict[str, object], field: str
) -> None:
    bad: Any = dict(REQUEST) | change  # what a type checker would have refused

    with pytest.raises(ValidationError, match=re.escape(field)):
        start_export(local.client, **bad)
    assert local.requests == []


def test_a_client_token_is_sent_even_when_none_is_given(local: LocalEC2) -> None:
    start_export(local.client, **REQUEST)
    start_export(local.client, **REQUEST)

    tokens = [sent["ClientToken"] for sent in _sent(local, "ExportImage")]
    assert all(UUID.fullmatch(token) for token in tokens)
    assert tokens[0] != tokens[1]
    assert len(_listed(local)) == 2


def test_the_same_client_token_twice_is_one_export(local: LocalEC2) -> None:
    request: ExportImageRequestTypeDef = {**REQUEST, "ClientToken": "nightly-2026-11-29"}

    first = start_export(local.client, **request)
    again = start_export(local.client, **request)

    assert again.export_image_task_id == first.export_image_task_id
    assert _listed(local) == [first.export_image_task_id]


class DropsFirstAnswer:
    """The service acts on the first request, but its answer is lost on the way back."""

    def __init__(self, service: Handler) -> None:
        self.service = service
        self.dropped = False

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        reply = self.service(action, parameters)
        if not self.dropped:
            self.dropped = True
            raise ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com/")
        return reply


def test_a_retry_after_a_lost_answer_does_not_start_a_second_export(local: LocalEC2) -> None:
    client = make_client(DropsFirstAnswer(local), max_attempts=3)

    response = start_export(client, **REQUEST)

    attempts = _sent(local, "ExportImage")
    assert len(attempts) == 2  # the first was acted on, then retried
    assert attempts[0]["ClientToken"] == attempts[1]["ClientToken"]
    assert _listed(local) == [response.export_image_task_id]


@given(request=strategies.model_instances(ExportImageRequest))
@settings(max_examples=25)
def test_every_valid_request_starts_the_export_it_describes(request: ExportImageRequest) -> None:
    tags = [tag for spec in request.tag_specifications or () for tag in spec.tags or ()]
    # The shared tag strategies may still give text XML cannot carry back (U+0000, say).
    assume(not any(NOT_XML.search(tag.key + tag.value) for tag in tags))
    local = _local(Clock(), request.image_id, request.s3_export_location.s3_bucket)
    if request.dry_run:
        request = request.model_copy(update={"dry_run": False})

    response = start_export(local.client, request)

    assert response.image_id == request.image_id
    assert response.disk_image_format is request.disk_image_format
    assert response.description == request.description
    assert response.s3_export_location is not None
    assert response.s3_export_location.s3_bucket == request.s3_export_location.s3_bucket
    assert list(response.tags or ()) == tags


def test_an_answer_breaking_the_contract_names_the_started_task(local: LocalEC2) -> None:
    def exploded(action: str, parameters: Mapping[str, str]) -> Reply:
        reply = local(action, parameters)
        return Reply(reply.status, reply.body.replace(b">active<", b">exploded<"))

    with pytest.raises(InvalidItemError, match="Status 'exploded'") as raised:
        start_export(make_client(exploded), **REQUEST)

    assert raised.value.item_id == _listed(local)[0]


def test_permission_is_checked_with_a_dry_run_that_starts_nothing(local: LocalEC2) -> None:
    assert check_export_permissions(local.client, **REQUEST) is True

    assert _sent(local, "ExportImage")[0]["DryRun"] == "true"
    assert _listed(local) == []


def test_without_permission_the_check_says_false(local: LocalEC2) -> None:
    local.authorized = False

    assert (
        check_export_permissions(local.client, ExportImageRequest.model_validate(REQUEST)) is False
    )


def test_the_check_raises_what_is_not_about_permission() -> None:
    def throttled(action: str, parameters: Mapping[str, str]) -> Reply:
        return error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))

    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        check_export_permissions(make_client(throttled), **REQUEST)


def test_cancel_moves_an_active_export_to_deleting(local: LocalEC2) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""

    cancel_export(local.client, task_id)

    (task,) = ExportImageTaskPaginator(local.client).paginate()
    assert task.status is ExportImageTaskStatus.DELETING


def test_cancel_of_an_unknown_task_raises_task_not_found(local: LocalEC2) -> None:
    with pytest.raises(TaskNotFoundError) as raised:
        cancel_export(local.client, "export-ami-0123456789abcdef0")

    assert raised.value.task_id == "export-ami-0123456789abcdef0"
    assert isinstance(raised.value.__cause__, ClientError)
    assert raised.value.__cause__.response.get("Error", {}).get("Code") == (
        "InvalidExportTaskID.NotFound"
    )


@pytest.mark.parametrize("ended", ["completed", "deleted"])
def test_cancel_of_an_export_no_longer_active_is_refused(
    local: LocalEC2, clock: Clock, ended: str
) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""
    if ended == "deleted":
        cancel_export(local.client, task_id)
    clock.now += 1000.0

    with pytest.raises(ExportNotCancellableError, match="no longer active") as raised:
        cancel_export(local.client, task_id)

    assert (raised.value.task_id, raised.value.code) == (task_id, "IncorrectState")


def test_a_refusal_to_cancel_carries_ec2s_message_and_its_client_error(
    local: LocalEC2, clock: Clock
) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""
    clock.now += 1000.0

    with pytest.raises(ExportNotCancellableError) as raised:
        cancel_export(local.client, task_id)

    cause = raised.value.__cause__
    assert isinstance(cause, ClientError)
    assert raised.value.code == cause.response.get("Error", {}).get("Code") == "IncorrectState"
    assert raised.value.message == cause.response.get("Error", {}).get("Message")
    assert raised.value.message


def test_cancel_of_a_malformed_id_is_refused_unsent(local: LocalEC2) -> None:
    with pytest.raises(ValidationError, match="ExportTaskId"):
        cancel_export(local.client, "ami-0123456789abcdef0")

    assert local.requests == []


def test_cancel_lets_other_refusals_through_as_client_errors(local: LocalEC2) -> None:
    local.authorized = False

    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        cancel_export(local.client, "export-ami-0123456789abcdef0")


def test_async_start_export_starts_the_export(local: LocalEC2) -> None:
    response = _run_async(local, lambda client: async_start_export(client, **REQUEST))

    assert isinstance(response, ExportImageResponse)
    assert _listed(local) == [response.export_image_task_id]
    assert UUID.fullmatch(_sent(local, "ExportImage")[0]["ClientToken"])


def test_async_start_export_refuses_a_bad_request_unsent(local: LocalEC2) -> None:
    bad: Any = dict(REQUEST) | {"DiskImageFormat": "OVA"}

    with pytest.raises(ValidationError, match="DiskImageFormat"):
        _run_async(local, lambda client: async_start_export(client, **bad))
    assert local.requests == []


def test_async_permission_check_uses_a_dry_run(local: LocalEC2) -> None:
    local.authorized = False

    allowed = _run_async(local, lambda client: async_check_export_permissions(client, **REQUEST))

    assert allowed is False
    assert _sent(local, "ExportImage")[0]["DryRun"] == "true"


def test_async_cancel_raises_the_same_errors(local: LocalEC2, clock: Clock) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""
    _run_async(local, lambda client: async_cancel_export(client, task_id))
    clock.now += 1000.0

    with pytest.raises(ExportNotCancellableError):
        _run_async(local, lambda client: async_cancel_export(client, task_id))
    with pytest.raises(TaskNotFoundError):
        _run_async(local, lambda client: async_cancel_export(client, "export-ami-00000000"))


# Once ExportImage may have reached EC2, the error says which ClientToken finds the export again;
# a cancel refused on botocore's retry asks the task whether the first attempt took effect.
# One suite, over the boto3 functions and their async forms.


class Driver:
    """The start and cancel functions over one kind of client answered by a handler."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def start(self, handler: Handler, request: Mapping[str, Any], attempts: int = 1) -> object:
        if self.kind == "sync":
            return start_export(make_client(handler, max_attempts=attempts), **request)
        return self._run(handler, attempts, lambda client: async_start_export(client, **request))

    def cancel(self, handler: Handler, task_id: str, attempts: int = 1) -> None:
        if self.kind == "sync":
            cancel_export(make_client(handler, max_attempts=attempts), task_id)
        else:
            self._run(handler, attempts, lambda client: async_cancel_export(client, task_id))

    @staticmethod
    def _run(
        handler: Handler, attempts: int, use: Callable[[Any], Coroutine[Any, Any, object]]
    ) -> object:
        async def main() -> object:
            async with make_async_client(handler, max_attempts=attempts) as client:
                return await use(client)

        return asyncio.run(main())


@pytest.fixture(params=["sync", "async"])
def driver(request: pytest.FixtureRequest) -> Driver:
    return Driver(request.param)


class AnswerLost:
    """The service acts on every request of ``action``, but each answer is lost on the way."""

    def __init__(
        self, service: Handler, failure: Callable[[], BaseException | Reply], times: int
    ) -> None:
        self.service = service
        self.failure = failure
        self.times = times

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        reply = self.service(action, parameters)
        if action in {"ExportImage", "CancelExportTask"} and self.times > 0:
            self.times -= 1
            failure = self.failure()
            if isinstance(failure, BaseException):
                raise failure
            return failure
        return reply


def _dropped() -> BaseException:
    return ConnectionClosedError(endpoint_url="https://ec2.us-east-1.amazonaws.com/")


def _internal_error() -> Reply:
    return error_reply(Ec2Error("InternalError", "An internal error has occurred.", 500))


def _interrupted() -> BaseException:
    return KeyboardInterrupt()


LOST_ANSWERS = {"dropped connection": _dropped, "5xx": _internal_error, "Ctrl-C": _interrupted}


@pytest.mark.parametrize("failure", LOST_ANSWERS.values(), ids=LOST_ANSWERS.keys())
def test_an_answer_lost_after_every_retry_leaves_the_client_token_that_finds_the_export(
    local: LocalEC2, driver: Driver, failure: Callable[[], BaseException | Reply]
) -> None:
    with pytest.raises(BaseException) as raised:  # noqa: PT011 - each failure is its own class
        driver.start(AnswerLost(local, failure, times=3), REQUEST, attempts=3)

    token: str = getattr(raised.value, CLIENT_TOKEN)
    assert {sent["ClientToken"] for sent in _sent(local, "ExportImage")} == {token}
    assert any(token in note for note in raised.value.__notes__)
    again: ExportImageRequestTypeDef = {**REQUEST, "ClientToken": token}
    found = start_export(local.client, **again)
    assert _listed(local) == [found.export_image_task_id]


COPIERS: dict[str, Callable[[BaseException], BaseException]] = {
    "pickle": lambda error: pickle.loads(pickle.dumps(error)),  # a worker process's error
    "copy": copy.copy,
    "deepcopy": copy.deepcopy,
}


@pytest.mark.parametrize("copier", COPIERS.values(), ids=COPIERS.keys())
@pytest.mark.parametrize("failure", LOST_ANSWERS.values(), ids=LOST_ANSWERS.keys())
def test_the_client_token_survives_pickling_and_copying_the_error(
    local: LocalEC2,
    driver: Driver,
    failure: Callable[[], BaseException | Reply],
    copier: Callable[[BaseException], BaseException],
) -> None:
    with pytest.raises(BaseException) as raised:  # noqa: PT011 - each failure is its own class
        driver.start(AnswerLost(local, failure, times=1), REQUEST)

    again = copier(pickle.loads(pickle.dumps(copier(raised.value))))

    assert type(again) is type(raised.value)
    assert str(again) == str(raised.value)
    assert getattr(again, CLIENT_TOKEN) == _sent(local, "ExportImage")[0]["ClientToken"]
    assert again.__notes__ == raised.value.__notes__


def test_a_callers_asyncio_timeout_leaves_the_client_token_on_the_timeouts_cause(
    local: LocalEC2,
) -> None:
    local.habits = Habits(answer_wait=5.0)  # EC2 acts at once, and answers late

    async def start() -> None:
        async with make_async_client(local) as client, asyncio.timeout(0.2):
            await async_start_export(client, **REQUEST)

    with pytest.raises(TimeoutError) as raised:
        asyncio.run(start())

    token: str = getattr(raised.value.__cause__, CLIENT_TOKEN)
    assert token == _sent(local, "ExportImage")[0]["ClientToken"]
    local.habits = Habits()
    again: ExportImageRequestTypeDef = {**REQUEST, "ClientToken": token}
    found = start_export(local.client, **again)
    assert _listed(local) == [found.export_image_task_id]


def test_a_5xx_after_every_retry_is_still_a_client_error(local: LocalEC2, driver: Driver) -> None:
    with pytest.raises(ClientError, match="InternalError") as raised:
        driver.start(AnswerLost(local, _internal_error, times=3), REQUEST, attempts=3)

    assert getattr(raised.value, CLIENT_TOKEN) == _sent(local, "ExportImage")[0]["ClientToken"]


def test_the_callers_client_token_is_the_one_carried(local: LocalEC2, driver: Driver) -> None:
    request = {**REQUEST, "ClientToken": "nightly-7"}

    with pytest.raises(ConnectionClosedError) as raised:
        driver.start(AnswerLost(local, _dropped, times=1), request)

    assert getattr(raised.value, CLIENT_TOKEN) == "nightly-7"


def test_an_answer_breaking_the_contract_carries_the_task_and_the_client_token(
    local: LocalEC2, driver: Driver
) -> None:
    def exploded(action: str, parameters: Mapping[str, str]) -> Reply:
        reply = local(action, parameters)
        return Reply(reply.status, reply.body.replace(b">active<", b">exploded<"))

    with pytest.raises(InvalidItemError) as raised:
        driver.start(exploded, REQUEST)

    assert raised.value.item_id == _listed(local)[0]
    assert getattr(raised.value, CLIENT_TOKEN) == _sent(local, "ExportImage")[0]["ClientToken"]


@pytest.mark.parametrize("token", [None, "nightly-7"], ids=["made", "callers"])
def test_an_answer_without_a_task_id_raises_with_the_client_token_that_finds_the_export(
    local: LocalEC2, driver: Driver, token: str | None
) -> None:
    def without_id(action: str, parameters: Mapping[str, str]) -> Reply:
        reply = local(action, parameters)
        body = re.sub(rb"<exportImageTaskId>[^<]*</exportImageTaskId>", b"", reply.body)
        return Reply(reply.status, body)

    request = {**REQUEST, "ClientToken": token} if token else REQUEST
    with pytest.raises(ExportWithoutIdError) as raised:
        driver.start(without_id, request)

    sent = _sent(local, "ExportImage")[0]["ClientToken"]
    assert raised.value.client_token == sent == (token or raised.value.client_token)
    assert raised.value.response.image_id == IMAGE  # the rest of the answer, kept
    again: ExportImageRequestTypeDef = {**REQUEST, "ClientToken": raised.value.client_token}
    found = start_export(local.client, **again)
    assert _listed(local) == [found.export_image_task_id]


@pytest.mark.parametrize("failure", [_dropped, _internal_error], ids=["dropped", "5xx"])
def test_a_cancel_refused_on_retry_after_it_took_effect_is_a_cancel_done(
    local: LocalEC2, driver: Driver, failure: Callable[[], BaseException | Reply]
) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""

    driver.cancel(AnswerLost(local, failure, times=1), task_id, attempts=3)

    assert len(_sent(local, "CancelExportTask")) == 2  # the retry met IncorrectState
    (task,) = ExportImageTaskPaginator(local.client).paginate()
    assert task.status is ExportImageTaskStatus.DELETING


def test_a_cancel_refused_on_retry_of_a_completed_export_is_still_refused(
    local: LocalEC2, clock: Clock, driver: Driver
) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""
    clock.now += 1000.0

    with pytest.raises(ExportNotCancellableError) as raised:
        driver.cancel(AnswerLost(local, _dropped, times=1), task_id, attempts=3)

    assert raised.value.__notes__ == [
        "the cancel was sent more than once; described since, the task is completed"
    ]


def test_a_cancel_refused_on_retry_that_cannot_be_checked_stays_refused_saying_why(
    local: LocalEC2, driver: Driver
) -> None:
    task_id = start_export(local.client, **REQUEST).export_image_task_id or ""
    lost = AnswerLost(local, _dropped, times=1)

    def describe_refused(action: str, parameters: Mapping[str, str]) -> Reply:
        if action == "DescribeExportImageTasks":
            return error_reply(Ec2Error("UnauthorizedOperation", "Not authorized.", 403))
        return lost(action, parameters)

    with pytest.raises(ExportNotCancellableError) as raised:
        driver.cancel(describe_refused, task_id, attempts=3)

    assert isinstance(raised.value.__cause__, ClientError)
    assert raised.value.__cause__.response.get("Error", {}).get("Code") == "IncorrectState"
    (note,) = raised.value.__notes__
    assert note.startswith("the cancel was sent more than once; describing the task failed: ")
    assert "UnauthorizedOperation" in note
