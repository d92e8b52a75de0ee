"""The command line as a user runs it, against the built-in demo endpoint."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.models import ExportImageTask, json_schema

from .helpers import CANCELLED, NEARLY_DONE, SLOWEST, FakeTime, Run, Terminal, without_aws

if TYPE_CHECKING:
    from collections.abc import Callable

    from ec2_export_image_tasks.testing import LocalEC2


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


def test_wait_returns_once_the_export_completes(run: Callable[..., Run]) -> None:
    time = FakeTime()
    result = run("wait", NEARLY_DONE, "--interval", "1", time=time)

    assert result.status == 0
    assert result.out.splitlines()[0].startswith(f"{NEARLY_DONE} active 60%")
    assert result.out.splitlines()[-1] == f"{NEARLY_DONE} completed"
    assert time.now == pytest.approx(1004.0)


def test_wait_gives_up_at_the_timeout_with_status_6(run: Callable[..., Run]) -> None:
    result = run("wait", SLOWEST, "--interval", "5", "--timeout", "7")

    assert result.status == 6
    assert result.err == f"error: export {SLOWEST} still active at 40% after 7 s\n"


def test_wait_on_a_cancelled_export_fails_with_status_5(run: Callable[..., Run]) -> None:
    result = run("wait", CANCELLED)

    assert result.status == 5
    assert result.err == f"error: export {CANCELLED} is deleted: Cancelled by the user\n"


def test_an_unknown_task_is_aws_error_in_one_line(run: Callable[..., Run]) -> None:
    result = run("wait", "export-ami-0000000000000dfff")

    *warnings, last = result.err.splitlines()  # one warning per poll of the grace period

    assert result.status == 1
    assert last.startswith("error: export image task export-ami-0000000000000dfff was not found")
    assert all(
        line.startswith("warning: AWS InvalidExportImageTaskId.NotFound: ") for line in warnings
    )


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["wait", "ami-123"], "error: invalid ExportImageTaskIds.0 'ami-123'"),
        (["list", "--page-size", "501"], "error: invalid PaginationConfig.PageSize 501"),
        (["list", "--max-items", "0"], "error: invalid PaginationConfig.MaxItems 0"),
        (["list", "--starting-token", "a___b___1"], "error: PaginationConfig.StartingToken"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    run: Callable[..., Run], argv: list[str], line: str
) -> None:
    result = run(*argv)

    assert result.status == 2
    assert result.err.startswith(line)
    assert result.err.count("\n") == 1


def test_watch_runs_until_no_export_is_active(run: Callable[..., Run]) -> None:
    time = FakeTime()
    result = run("watch", "--interval", "1", time=time)

    assert result.status == 0
    assert result.out.count("completed") == 5
    assert "deleted" in result.out
    assert time.now >= 1000.0 + 20 * 0.95


def test_a_task_without_a_status_five_times_in_a_row_ends_wait_with_status_3(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    local_ec2.add_task({"ExportImageTaskId": NEARLY_DONE, "Progress": "10"})
    time = FakeTime()

    status = main(["wait", NEARLY_DONE], client=local_ec2.client, sleep=time.sleep)

    assert status == 3
    assert capsys.readouterr().err == (
        f"error: export {NEARLY_DONE} had no Status in 5 answers in a row\n"
    )
    assert len(local_ec2.requests) == 5


def test_invalid_data_from_aws_is_one_line_naming_task_field_and_value(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    local_ec2.add_tasks(1)
    local_ec2.add_task({"ExportImageTaskId": "export-ami-00000000000000bad", "Status": "exploded"})

    status = main(["list", "--output", "jsonl"], client=local_ec2.client)
    captured = capsys.readouterr()

    assert status == 3
    assert len(captured.out.splitlines()) == 1  # the valid task before it was printed
    assert captured.err == (
        "error: AWS sent an invalid task: item export-ami-00000000000000bad: invalid Status "
        "'exploded': Input should be 'active', 'completed', 'deleting' or 'deleted'\n"
    )


def test_ctrl_c_during_watch_is_status_130(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    status = main(["--demo", "watch"], sleep=interrupt)

    assert status == 130
    assert capsys.readouterr().err == "error: interrupted\n"


def test_schema_is_the_models_json_schema(run: Callable[..., Run]) -> None:
    assert json.loads(run("schema").out) == json_schema()


@pytest.mark.parametrize(
    ("argv", "environment", "line"),
    [
        (["list"], without_aws(), "error: no AWS region given"),
        (["--region", "us-east-1", "list"], without_aws(), "error: Unable to locate credentials"),
        (["--profile", "nope", "list"], without_aws(), "error: The config profile (nope)"),
    ],
)
def test_missing_aws_setup_is_one_line_and_status_4(
    argv: list[str], environment: dict[str, str], line: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ec2_export_image_tasks", *argv],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=60,
    )

    assert result.returncode == 4
    assert result.stderr.startswith(line)
    assert "Traceback" not in result.stderr


def test_the_console_script_lists_the_demo() -> None:
    script = os.path.join(os.path.dirname(sys.executable), "ec2-export-image-tasks")
    result = subprocess.run(
        [script, "--demo", "list", "--output", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 6


def test_help_names_every_exit_status_the_readme_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    documented = {
        int(number)
        for row in re.findall(r"^\| ([\d, ]+) \|", readme, re.MULTILINE)
        for number in row.split(",")
    }
    with pytest.raises(SystemExit):
        main(["--help"])
    named = {int(number) for number in re.findall(r"\d+", capsys.readouterr().out)}
    assert documented >= {0, 1, 2, 3, 4, 5, 6, 7, 129, 130, 141, 143}
    assert documented <= named
