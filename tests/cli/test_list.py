"""``list`` against the demo: JSON off a terminal, a table on one, selection, truncation."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.models import ExportImageTask

from .helpers import NEARLY_DONE, SLOWEST, FakeTime, Run, Terminal

if TYPE_CHECKING:
    from collections.abc import Callable

    import pytest


def test_list_prints_json_when_not_on_a_terminal(run: Callable[..., Run]) -> None:
    result = run("list")

    tasks = json.loads(result.out)["ExportImageTasks"]
    assert result.status == 0
    assert len(tasks) == 6
    assert all(ExportImageTask.model_validate(task).to_boto() == task for task in tasks)


def test_list_as_a_table_has_a_header_and_a_row_per_task(run: Callable[..., Run]) -> None:
    lines = run("list", "--output", "table").out.splitlines()

    assert lines[0].split() == [
        "TASK",
        "ID",
        "STATUS",
        "PROGRESS",
        "IMAGE",
        "S3",
        "LOCATION",
        "DESCRIPTION",
    ]
    assert len(lines) == 7
    assert lines[1].split()[:3] == [NEARLY_DONE, "active", "60%"]


def test_list_prints_a_table_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    time = FakeTime()

    status = main(["--demo", "list"], sleep=time.sleep, clock=time.clock)

    assert status == 0
    assert terminal.getvalue().split()[:3] == ["TASK", "ID", "STATUS"]


def test_list_selects_by_state_and_id(run: Callable[..., Run]) -> None:
    by_state = run("list", "--state", "completed", "--state", "deleted", "--output", "jsonl")
    by_id = run("list", "--id", SLOWEST, "--output", "jsonl")

    assert [json.loads(line)["Status"] for line in by_state.out.splitlines()] == [
        "completed",
        "completed",
        "deleted",
    ]
    assert [json.loads(line)["ExportImageTaskId"] for line in by_id.out.splitlines()] == [SLOWEST]


def test_a_truncated_listing_prints_the_token_that_resumes_it(run: Callable[..., Run]) -> None:
    first = run("list", "--max-items", "4", "--page-size", "3", "--output", "jsonl")
    token = first.err.split("--starting-token ")[1].strip()
    rest = run("list", "--starting-token", token, "--page-size", "3", "--output", "jsonl")
    everything = run("list", "--output", "jsonl")

    assert first.out.splitlines() + rest.out.splitlines() == everything.out.splitlines()
    assert len(first.out.splitlines()) == 4


def test_truncated_json_carries_the_next_token(run: Callable[..., Run]) -> None:
    document = json.loads(run("list", "--max-items", "2", "--output", "json").out)

    assert len(document["ExportImageTasks"]) == 2
    assert isinstance(document["NextToken"], str)
