"""EC2's habits played on request, as a real boto3 and a real aiobotocore client see them."""

from __future__ import annotations

import asyncio
import math
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import boto3
import pytest
from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession
from botocore.config import Config
from botocore.exceptions import ClientError, ConnectionClosedError, ReadTimeoutError

from ec2_export_image_tasks.testing import (
    Habits,
    Handler,
    LocalEC2,
    Reply,
    answer_with,
    make_client,
    page_reply,
)
from ec2_export_image_tasks.testing.aio import answer_with_async, make_async_client

IMAGE = "ami-0123456789abcdef0"
BUCKET = "exports"
EXPORT: dict[str, Any] = {
    "ImageId": IMAGE,
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": BUCKET},
}

Caller = Callable[..., dict[str, Any]]
"""Calls one client method by name, with its parameters, and gives the parsed answer."""
Maker = Callable[[Handler, int], Caller]
"""Makes a :data:`Caller` of one kind of real client, tried so many times, answered locally."""


def _sync_call(local: Handler, attempts: int) -> Caller:
    client = make_client(local, max_attempts=attempts)

    def call(method: str, **parameters: Any) -> dict[str, Any]:
        answer: dict[str, Any] = getattr(client, method)(**parameters)
        return answer

    return call


def _async_call(local: Handler, attempts: int) -> Caller:
    def call(method: str, **parameters: Any) -> dict[str, Any]:
        async def main() -> dict[str, Any]:
            async with make_async_client(local, max_attempts=attempts) as client:
                answer: dict[str, Any] = await getattr(client, method)(**parameters)
                return answer

        return asyncio.run(main())

    return call


@pytest.fixture(params=[_sync_call, _async_call], ids=["boto3", "aiobotocore"])
def client_of(request: pytest.FixtureRequest) -> Maker:
    """Each test runs once with a boto3 client and once with an aiobotocore one."""
    maker: Maker = request.param
    return maker


def _local(habits: Habits) -> LocalEC2:
    local = LocalEC2(export_seconds=10.0, habits=habits)
    local.images.add(IMAGE)
    local.buckets.add(BUCKET)
    return local


def _code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


def test_a_new_task_is_not_found_until_visible_after_has_passed(client_of: Maker) -> None:
    local = _local(Habits(visible_after=3.0))
    call = client_of(local, 1)
    task_id = call("export_image", **EXPORT)["ExportImageTaskId"]

    local.advance(2.9)
    with pytest.raises(ClientError) as raised:
        call("describe_export_image_tasks", ExportImageTaskIds=[task_id])
    listed = call("describe_export_image_tasks")["ExportImageTasks"]
    local.advance(0.1)
    (found,) = call("describe_export_image_tasks", ExportImageTaskIds=[task_id])["ExportImageTasks"]

    assert _code(raised.value) == "InvalidExportImageTaskId.NotFound"
    assert task_id in raised.value.response.get("Error", {}).get("Message", "")
    assert listed == []
    assert (found["ExportImageTaskId"], found["Progress"]) == (task_id, "30")


def test_a_new_task_cannot_be_cancelled_until_visible_after_has_passed(client_of: Maker) -> None:
    local = _local(Habits(visible_after=3.0))
    call = client_of(local, 1)
    task_id = call("export_image", **EXPORT)["ExportImageTaskId"]

    with pytest.raises(ClientError) as raised:
        call("cancel_export_task", ExportTaskId=task_id)
    local.advance(3.0)
    call("cancel_export_task", ExportTaskId=task_id)

    assert _code(raised.value) == "InvalidExportTaskID.NotFound"
    assert local.tasks[0]["Status"] == "deleting"


def test_an_invisible_task_is_in_local_tasks_and_seeded_tasks_are_seen_at_once(
    client_of: Maker,
) -> None:
    local = _local(Habits(visible_after=60.0))
    (seeded,) = local.add_tasks(1)
    call = client_of(local, 1)
    task_id = call("export_image", **EXPORT)["ExportImageTaskId"]

    assert call("describe_export_image_tasks")["ExportImageTasks"] == [seeded]
    assert [task["ExportImageTaskId"] for task in local.tasks] == [
        seeded["ExportImageTaskId"],
        task_id,
    ]


@pytest.mark.parametrize(
    ("case", "format_", "status"),
    [(str.lower, "vmdk", "active"), (str.upper, "VMDK", "ACTIVE"), (str.title, "Vmdk", "Active")],
    ids=["lower", "upper", "title"],
)
def test_enum_values_are_answered_in_the_case_asked(
    client_of: Maker, case: Callable[[str], str], format_: str, status: str
) -> None:
    local = _local(Habits(enum_case=case))
    local.add_tasks(1)
    call = client_of(local, 1)

    started = call("export_image", **EXPORT)
    listed = call("describe_export_image_tasks")["ExportImageTasks"]

    assert (started["DiskImageFormat"], started["Status"]) == (format_, status)
    assert [task["Status"] for task in listed] == [status, status]
    assert local.tasks[1]["Status"] == "active"  # the state itself is as EC2's model says


def test_a_task_filter_still_matches_the_state_not_the_case_answered(client_of: Maker) -> None:
    local = _local(Habits(enum_case=str.upper))
    local.add_tasks(2)

    answer = client_of(local, 1)(
        "describe_export_image_tasks", Filters=[{"Name": "task-state", "Values": ["active"]}]
    )

    assert [task["Status"] for task in answer["ExportImageTasks"]] == ["ACTIVE", "ACTIVE"]


def test_unknown_elements_are_sent_in_every_task_and_botocore_drops_them(
    client_of: Maker,
) -> None:
    local = _local(Habits(unknown_elements={"exportPriority": "high"}))
    (seeded,) = local.add_tasks(1)

    body = local("DescribeExportImageTasks", {"Action": "DescribeExportImageTasks"}).body
    answer = client_of(local, 1)("describe_export_image_tasks")

    assert b"<exportPriority>high</exportPriority></item>" in body
    assert answer["ExportImageTasks"] == [seeded]


def test_a_seeded_member_is_not_replaced_by_an_unknown_element_of_its_name() -> None:
    local = _local(Habits(unknown_elements={"Extra": "habit"}))
    local.add_task({"ExportImageTaskId": "export-ami-00000000000000001", "Extra": "seeded"})

    body = local("DescribeExportImageTasks", {}).body

    assert body.count(b"<extra>") == 1
    assert b"<extra>seeded</extra>" in body


def test_each_answer_moves_the_endpoints_clock_on_by_answer_seconds(client_of: Maker) -> None:
    local = _local(Habits(answer_seconds=2.0))
    call = client_of(local, 1)

    call("export_image", **EXPORT)
    (task,) = call("describe_export_image_tasks")["ExportImageTasks"]

    # Started at 0, the export was asked about at 2 (its progress) and answered at 4.
    assert (task["Progress"], local.now()) == ("20", 4.0)


def test_an_answer_waits_answer_wait_in_real_time(client_of: Maker) -> None:
    local = _local(Habits(answer_wait=0.3))
    call = client_of(local, 1)

    began = time.monotonic()
    call("describe_export_image_tasks")

    assert time.monotonic() - began >= 0.3
    assert local.now() == 0.0  # real time passes; the endpoint's own clock stands still


def test_an_async_deadline_cancels_a_slow_answer_and_the_action_took_effect() -> None:
    local = _local(Habits(answer_wait=30.0))

    async def main() -> None:
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(None) as deadline:

            def answer(action: str, parameters: Mapping[str, str]) -> Reply:
                # The deadline falls 0.2 s into the answer's wait, however long the call took
                # to get here on a loaded machine.
                deadline.reschedule(loop.time() + 0.2)
                return local(action, parameters)

            async with make_async_client(answer) as client:
                await client.export_image(**EXPORT)

    with pytest.raises(TimeoutError):
        asyncio.run(main())
    assert len(local.tasks) == 1


# A user's own client, made by hand: it waits 0.2 s for an answer and tries twice.
READ_TIMEOUT = 0.2
RETRIES: Any = {"mode": "legacy", "total_max_attempts": 2}


def _export_with_own_boto3_client(local: LocalEC2) -> None:
    config = Config(read_timeout=READ_TIMEOUT, retries=RETRIES)
    client = boto3.client(  # pyright: ignore[reportUnknownMemberType]  # as in the aio case
        "ec2",
        "us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )
    answer_with(client, local)
    client.export_image(**EXPORT)


def _export_with_own_aiobotocore_client(local: LocalEC2) -> None:
    async def main() -> None:
        config = AioConfig(read_timeout=READ_TIMEOUT, retries=RETRIES)
        # The stubs' overloads name every service; those of services not installed are unknown.
        client_context = AioSession().create_client(  # pyright: ignore[reportUnknownMemberType]
            "ec2",
            "us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            config=config,
        )
        async with client_context as client:
            answer_with_async(client, local)
            await client.export_image(**EXPORT)

    asyncio.run(main())


@pytest.mark.parametrize(
    "export", [_export_with_own_boto3_client, _export_with_own_aiobotocore_client]
)
def test_a_slow_answer_is_cut_at_the_clients_read_timeout_and_retried(
    export: Callable[[LocalEC2], None],
) -> None:
    local = _local(Habits(answer_wait=30.0))

    with pytest.raises(ReadTimeoutError):
        export(local)

    assert [request["Action"] for request in local.requests] == ["ExportImage"] * 2
    assert len(local.tasks) == 1  # both tries took effect: the ClientToken made them one


def test_a_lost_answer_closes_the_connection_after_the_action_took_effect(
    client_of: Maker,
) -> None:
    local = _local(Habits(lost_answers={"ExportImage": 1}))

    with pytest.raises(ConnectionClosedError):
        client_of(local, 1)("export_image", **EXPORT)

    assert [task["Status"] for task in local.tasks] == ["active"]


def test_botocore_retries_a_lost_answer_and_its_client_token_finds_the_same_export(
    client_of: Maker,
) -> None:
    local = _local(Habits(lost_answers={"ExportImage": 1}))

    answer = client_of(local, 2)("export_image", **EXPORT)

    assert answer["ResponseMetadata"]["RetryAttempts"] == 1
    assert [request["Action"] for request in local.requests] == ["ExportImage"] * 2
    assert [task["ExportImageTaskId"] for task in local.tasks] == [answer["ExportImageTaskId"]]


@pytest.mark.parametrize(("lost_as", "status"), [("InternalError", 500), ("Unavailable", 503)])
def test_a_lost_answer_may_come_as_a_server_error(
    client_of: Maker, lost_as: Any, status: int
) -> None:
    local = _local(Habits(lost_answers={"ExportImage": 1}, lost_as=lost_as))

    with pytest.raises(ClientError) as raised:
        client_of(local, 1)("export_image", **EXPORT)

    metadata = raised.value.response.get("ResponseMetadata", {})
    assert (_code(raised.value), metadata.get("HTTPStatusCode")) == (lost_as, status)
    assert len(local.tasks) == 1


def test_any_handlers_reply_may_be_lost_or_slow(client_of: Maker) -> None:
    page = page_reply([])
    replies = iter([Reply(200, page.body, lost=True), Reply(200, page.body, wait=0.3)])
    call = client_of(lambda action, parameters: next(replies), 1)

    with pytest.raises(ConnectionClosedError):
        call("describe_export_image_tasks")
    began = time.monotonic()
    answer = call("describe_export_image_tasks")

    assert time.monotonic() - began >= 0.3
    assert answer["ExportImageTasks"] == []


def test_only_the_first_answers_to_the_action_named_are_lost(client_of: Maker) -> None:
    local = _local(Habits(lost_answers={"DescribeExportImageTasks": 2}))
    call = client_of(local, 1)
    outcomes: list[str] = []
    for method, parameters in [
        ("export_image", EXPORT),
        ("describe_export_image_tasks", {}),
        ("describe_export_image_tasks", {}),
        ("describe_export_image_tasks", {}),
    ]:
        try:
            call(method, **parameters)
            outcomes.append("answered")
        except ConnectionClosedError:
            outcomes.append("lost")

    assert outcomes == ["answered", "lost", "lost", "answered"]


def test_habits_can_be_changed_mid_test(client_of: Maker) -> None:
    local = _local(Habits())
    call = client_of(local, 1)
    call("export_image", **EXPORT)

    local.habits = Habits(enum_case=str.upper)

    assert call("describe_export_image_tasks")["ExportImageTasks"][0]["Status"] == "ACTIVE"


def test_habits_keep_their_own_copy_of_the_mappings_given() -> None:
    lost = {"ExportImage": 1}
    habits = Habits(lost_answers=lost)

    lost["ExportImage"] = 5

    assert habits.lost_answers == {"ExportImage": 1}
    assert habits == Habits(lost_answers={"ExportImage": 1})


@pytest.mark.parametrize("wait", [-0.1, math.nan])
def test_a_reply_that_waits_no_number_of_seconds_is_refused(wait: float) -> None:
    with pytest.raises(
        ValueError, match=re.escape(f"Reply.wait must be a number of seconds >= 0, not {wait!r}")
    ):
        Reply(200, b"", wait=wait)


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        (
            {"visible_after": -1.0},
            "Habits.visible_after must be a number of seconds >= 0, not -1.0",
        ),
        ({"answer_seconds": math.nan}, "Habits.answer_seconds must be a number of seconds"),
        ({"answer_wait": math.inf}, "Habits.answer_wait must be a number of seconds >= 0, not inf"),
        ({"lost_answers": {"ExportImage": -1}}, "lost_answers['ExportImage'] must be >= 0, not -1"),
        ({"lost_answers": {"ExportImages": 1}}, "the endpoint answers no action 'ExportImages'"),
        ({"lost_as": "timeout"}, "'InternalError' or 'Unavailable', not 'timeout'"),
        ({"unknown_elements": {"status": "x"}}, "'status' is not an element name"),
        ({"unknown_elements": {"two words": "x"}}, "'two words' is not an element name"),
        ({"unknown_elements": {"new": "\x1b"}}, "unknown_elements['new'] holds U+001B"),
    ],
)
def test_a_habit_that_cannot_be_played_is_refused_naming_the_field_and_value(
    changes: dict[str, Any], named: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(named)):
        Habits(**changes)
