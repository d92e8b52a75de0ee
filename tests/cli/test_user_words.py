"""Errors in the user's words: the option as typed, the value, the rule; and what EC2 said."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import LocalEC2

from .helpers import DEMO_EXPORT, EXPORT, IMAGE, NEW_TASK_ID, FakeTime, usage_error

if TYPE_CHECKING:
    from collections.abc import Callable

    from .helpers import Run

ID_RULE = "String should match pattern '^export-ami-(?:[0-9a-f]{17}|[0-9a-f]{8})$'"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["list", "--page-size", "501"],
            "argument --page-size: 501: Input should be less than or equal to 500",
        ),
        (
            ["list", "--page-size", "0"],
            "argument --page-size: 0: Input should be greater than or equal to 1",
        ),
        (["list", "--page-size", "ten"], "argument --page-size: 'ten': not a whole number"),
        (
            ["list", "--max-items", "0"],
            "argument --max-items: 0: Input should be greater than or equal to 1",
        ),
        (["list", "--id", "bogus"], f"argument --id: 'bogus': {ID_RULE}"),
        (
            ["list", "--export-image-task-ids", "export-ami-0123456789abcdef0", "bogus"],
            f"argument --export-image-task-ids: 'bogus': {ID_RULE}",
        ),
        (["watch", "--id", "bogus"], f"argument --id: 'bogus': {ID_RULE}"),
        (["wait", "ami-123"], f"argument TASK_ID: 'ami-123': {ID_RULE}"),
    ],
)
def test_a_bad_option_is_named_as_typed_with_its_value_and_the_rule(
    capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    ec2 = LocalEC2()

    err = usage_error(argv, capsys, ec2.client)

    assert err == f"error: {line}\n"
    assert ec2.requests == []


def test_export_json_wait_ends_with_the_task_as_it_ended(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--output", "json", "--wait", time=FakeTime())
    task_id, *progress = result.err.splitlines()

    assert result.status == 0
    assert NEW_TASK_ID.fullmatch(task_id)  # said first, before any poll
    assert progress[-1] == f"{task_id} completed"
    task = json.loads(result.out)  # one document, and nothing else
    assert (task["ExportImageTaskId"], task["Status"]) == (task_id, "completed")


def test_export_json_wait_of_a_cancelled_export_ends_with_the_task_deleting(
    capsys: pytest.CaptureFixture[str],
) -> None:
    time = FakeTime()
    ec2 = LocalEC2(time.clock)
    ec2.images.add(IMAGE)
    ec2.buckets.add("exports")

    def sleep_then_cancel(seconds: float) -> None:  # someone cancels it between two polls
        time.sleep(seconds)
        for task in ec2.tasks:
            if task.get("Status") == "active":
                ec2.client.cancel_export_task(ExportTaskId=str(task["ExportImageTaskId"]))

    status = main(
        [*EXPORT, "--output", "json", "--wait"],
        client=ec2.client,
        sleep=sleep_then_cancel,
        clock=time.clock,
    )

    assert status == 5
    task = json.loads(capsys.readouterr().out)
    assert task["Status"] == "deleting"


def test_export_jsonl_wait_prints_the_answer_then_a_line_per_poll(
    run: Callable[..., Run],
) -> None:
    result = run(*DEMO_EXPORT, "--output", "jsonl", "--wait", time=FakeTime())
    answer, *polls = map(json.loads, result.out.splitlines())

    assert result.status == 0
    assert answer["DiskImageFormat"] == "VMDK"  # ExportImage's answer
    assert {poll["ExportImageTaskId"] for poll in polls} == {answer["ExportImageTaskId"]}
    assert polls[-1]["Status"] == "completed"
    assert all(poll["Status"] == "active" for poll in polls[:-1])
    assert result.err == ""


def test_export_json_without_wait_is_exportimages_answer(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--output", "json")

    assert result.status == 0
    answer = json.loads(result.out)
    assert (answer["Status"], answer["DiskImageFormat"]) == ("active", "VMDK")


def test_cancel_of_an_unknown_task_keeps_ec2s_code_and_message(run: Callable[..., Run]) -> None:
    result = run("cancel", "export-ami-0000000000000dfff")

    assert result.status == 1
    assert result.err == (
        "error: export image task export-ami-0000000000000dfff was not found (AWS "
        "InvalidExportTaskID.NotFound: The export task ID 'export-ami-0000000000000dfff' does "
        "not exist)\n"
    )
