"""``export`` and ``cancel`` as a user runs them, against the demo endpoint on a fake clock."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ConnectionClosedError

from ec2_export_image_tasks import ExportImageTaskPaginator
from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli.demo import demo_ec2
from ec2_export_image_tasks.models import ExportImageResponse, ExportImageTaskStatus
from ec2_export_image_tasks.testing import make_client, sample_task

from .helpers import (
    CANCELLED,
    DEMO_EXPORT,
    IMAGE,
    NEARLY_DONE,
    NEW_TASK_ID,
    FakeTime,
    Run,
    cli_process,
    usage_error,
)
from .test_export_failures import CancelAnswerLost

if TYPE_CHECKING:
    from collections.abc import Callable

    from ec2_export_image_tasks.testing import LocalEC2


def test_export_prints_the_new_task_id(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT)

    assert result.status == 0
    assert NEW_TASK_ID.fullmatch(result.out.strip())
    assert result.err == ""


def test_export_as_json_is_the_new_task_without_response_metadata(run: Callable[..., Run]) -> None:
    document = json.loads(run(*DEMO_EXPORT, "--output", "json").out)

    assert ExportImageResponse.model_validate(document).to_boto() == document
    assert document["ImageId"] == IMAGE
    assert document["Status"] == "active"
    assert "ResponseMetadata" not in document


def test_export_sends_every_option(local_ec2: LocalEC2) -> None:
    # Against the plain local endpoint only the request matters; it answers with an error.
    argv = [*DEMO_EXPORT, "--prefix", "vms/", "--role-name", "exporter", "--description", "nightly"]
    argv += ["--tag", "team=imaging", "--tag", "empty=", "--client-token", "run-7"]

    main(argv, client=local_ec2.client)

    assert local_ec2.requests[0] == local_ec2.requests[0] | {
        "Action": "ExportImage",
        "ImageId": IMAGE,
        "DiskImageFormat": "VMDK",
        "S3ExportLocation.S3Bucket": "demo-exports",
        "S3ExportLocation.S3Prefix": "vms/",
        "RoleName": "exporter",
        "Description": "nightly",
        "TagSpecification.1.ResourceType": "export-image-task",
        "TagSpecification.1.Tag.1.Key": "team",
        "TagSpecification.1.Tag.1.Value": "imaging",
        "TagSpecification.1.Tag.2.Key": "empty",
        "TagSpecification.1.Tag.2.Value": "",
        "ClientToken": "run-7",
    }


@pytest.mark.parametrize("spelling", ["vmdk", "VMDK", "Vmdk"])
def test_the_format_is_taken_in_any_case(local_ec2: LocalEC2, spelling: str) -> None:
    main(["export", IMAGE, "--bucket", "b-b", "--format", spelling], client=local_ec2.client)

    assert local_ec2.requests[0]["DiskImageFormat"] == "VMDK"


def test_export_wait_shows_progress_until_completed(run: Callable[..., Run]) -> None:
    time = FakeTime()
    result = run(*DEMO_EXPORT, "--wait", time=time)
    task_id, *progress = result.out.splitlines()

    assert result.status == 0
    assert progress[0].startswith(f"{task_id} active 0%")
    assert progress[-1] == f"{task_id} completed"
    assert len(progress) > 3  # polled every second of the demo's export, not every 15 s
    assert all(line.startswith(f"{task_id} ") for line in progress)


def test_export_timeout_implies_wait_and_ends_with_status_7(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--timeout", "3")
    task_id = result.out.splitlines()[0]

    assert result.status == 7  # not wait's 6: the export started, and goes on
    assert result.err.startswith(f"error: export {task_id} still active at ")


def test_export_interval_implies_wait_and_polls_at_that_interval(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--interval", "2")
    task_id, *progress = result.out.splitlines()

    assert result.status == 0
    assert [line.split()[2] for line in progress[:-1]] == ["0%:", "25%:", "50%:", "75%:"]
    assert progress[-1] == f"{task_id} completed"  # the demo's 8 s, polled every 2 s


def test_export_json_with_wait_keeps_stdout_one_document(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--output", "json", "--wait")
    task_id = json.loads(result.out)["ExportImageTaskId"]

    assert result.status == 0
    assert result.err.splitlines()[-1] == f"{task_id} completed"


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("IMAGE_ID", "ami-0123ABCD"),
        ("--bucket", "My-Exports"),
        ("--bucket", "192.168.5.4"),
        ("--bucket", "exports-s3alias"),
        ("--format", "ova"),
        ("--role-name", "vm import"),
        ("--description", "d" * 256),
        ("--tag", "aws:created-by=me"),
        ("--tag", "AWS:x=1"),
        ("--tag", "k" * 128 + "=v"),
        ("--tag", "no-equals-sign"),
        ("--client-token", "t" * 65),
        ("--client-token", "caf\u00e9"),
    ],
)
def test_a_bad_option_is_refused_naming_it_and_nothing_is_sent(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    given = {"IMAGE_ID": IMAGE, "--bucket": "b-b", "--format": "raw"} | {option: value}
    argv = ["export", given.pop("IMAGE_ID"), *(part for pair in given.items() for part in pair)]

    err = usage_error(argv, capsys, local_ec2.client)

    error_line = err.splitlines()[-1]
    assert f"argument {option}: " in error_line
    assert repr(value) in error_line or value in error_line
    assert local_ec2.requests == []


def test_a_tag_key_given_twice_is_refused(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*DEMO_EXPORT, "--tag", "team=a", "--tag", "team=b"]

    err = usage_error(argv, capsys, local_ec2.client)

    assert "argument --tag: the tag key 'team' is given twice" in err
    assert local_ec2.requests == []


def test_51_tags_are_refused(local_ec2: LocalEC2) -> None:
    tags = [part for number in range(51) for part in ("--tag", f"k{number}=v")]

    with pytest.raises(SystemExit):
        main([*DEMO_EXPORT, *tags], client=local_ec2.client)

    assert local_ec2.requests == []


def test_bucket_and_format_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(["--demo", "export", IMAGE], capsys)

    assert "--bucket" in err


def test_cancel_moves_an_active_export_to_deleting(run: Callable[..., Run]) -> None:
    result = run("cancel", NEARLY_DONE)

    assert result.status == 0
    assert result.out.startswith(NEARLY_DONE)


def test_an_export_cancelled_after_it_started_ends_wait_with_status_5(
    capsys: pytest.CaptureFixture[str],
) -> None:
    time = FakeTime()
    demo = demo_ec2(time.clock)
    assert main(["cancel", NEARLY_DONE], client=demo.client) == 0

    assert main(["wait", NEARLY_DONE], client=demo.client, sleep=time.sleep, clock=time.clock) == 5
    assert "Cancelled" in capsys.readouterr().err


def test_cancel_of_an_export_no_longer_active_is_status_1(run: Callable[..., Run]) -> None:
    result = run("cancel", CANCELLED)

    assert result.status == 1
    assert result.err.startswith(f"error: export {CANCELLED} is no longer active")
    assert result.err.count("IncorrectState") == 1  # EC2's code once, not once per wrapper


def test_cancel_of_a_malformed_id_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(["--demo", "cancel", "ami-0123abcd"], capsys)

    assert "argument TASK_ID: 'ami-0123abcd'" in err


# --query and aws-cli's --output json|text (their bytes are aws-cli's: test_aws_cli_output.py).


def _demo_main(demo: LocalEC2, time: FakeTime, *argv: str) -> int:
    return main(list(argv), client=demo.client, sleep=time.sleep, clock=time.clock)


@pytest.mark.parametrize("style", ["json", "text"])
@pytest.mark.parametrize(
    ("query", "shown"),
    [
        (None, "completed"),
        ("[ExportImageTaskId, Status, Progress]", "completed"),
        ("S3ExportLocation.S3Bucket", "demo-exports"),
    ],
)
def test_export_wait_prints_the_task_as_it_ended_with_the_query_applied_to_it(
    style: str, query: str | None, shown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    time = FakeTime()
    demo = demo_ec2(time.clock)
    queried = [] if query is None else ["--query", query]

    status = _demo_main(demo, time, *DEMO_EXPORT, "--wait", "--output", style, *queried)

    printed = capsys.readouterr()
    task_id, *progress = printed.err.splitlines()
    assert (status, progress[-1]) == (0, f"{task_id} completed")
    # What list prints of the same task, as aws-cli does: the query on the task alone.
    of_the_task = f"ExportImageTasks[0] | {query or '@'}"
    _demo_main(demo, time, "list", "--id", task_id, "--output", style, "--query", of_the_task)
    assert printed.out == capsys.readouterr().out
    assert shown in printed.out


def test_export_wait_with_only_a_query_prints_json(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--wait", "--query", "Status")

    assert (result.status, result.out) == (0, '"completed"\n')


def test_export_wait_cancelled_on_the_way_prints_the_task_as_it_ended(
    capsys: pytest.CaptureFixture[str],
) -> None:
    time = FakeTime()
    demo = demo_ec2(time.clock)

    def cancel_the_new_export(seconds: float) -> None:
        for task in ExportImageTaskPaginator(demo.client).paginate():
            if task.image_id == IMAGE and task.status is ExportImageTaskStatus.ACTIVE:
                demo.client.cancel_export_task(ExportTaskId=task.export_image_task_id or "")
        time.sleep(seconds)

    argv = [*DEMO_EXPORT, "--wait", "--output", "text", "--query", "[Status, StatusMessage]"]
    status = main(argv, client=demo.client, sleep=cancel_the_new_export, clock=time.clock)

    assert (status, capsys.readouterr().out) == (5, "deleted\tCancelled by the user\n")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            [*DEMO_EXPORT, "--query", "Status[", "--output", "text"],
            "argument --query: invalid JMESPath 'Status[': Invalid jmespath expression: "
            "Incomplete expression",
        ),
        (
            [*DEMO_EXPORT, "--query", "Status", "--output", "jsonl"],
            "argument --query: applies to --output json or text, not jsonl",
        ),
        (
            ["cancel", NEARLY_DONE, "--query", "a b"],
            "argument --query: invalid JMESPath 'a b': Unexpected token: b: "
            'Parse error at column 2, token "b" (UNQUOTED_IDENTIFIER)',
        ),
        (
            ["cancel", NEARLY_DONE, "--output", "jsonl"],
            "argument --output: invalid choice: 'jsonl' (choose from 'json', 'text')",
        ),
    ],
)
def test_a_query_that_means_nothing_is_bad_usage_before_anything_is_sent(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    status: object
    try:
        status = main(argv, client=local_ec2.client)
    except SystemExit as usage_error:  # argparse's: the grammar refused it
        status = usage_error.code

    assert (status, capsys.readouterr(), local_ec2.requests) == (2, ("", f"error: {said}\n"), [])


def test_a_query_that_fails_on_the_answer_names_the_export_it_started(
    run: Callable[..., Run],
) -> None:
    result = run(*DEMO_EXPORT, "--query", "nope(ExportImageTaskId)", "--output", "text")

    (task_id,) = NEW_TASK_ID.findall(result.err)
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        f"error: argument --query: Unknown function: nope() (export {task_id} started)\n"
    )


DRY_RUN_LINE = "dry run: the export would succeed (EC2 answered DryRunOperation)\n"


@pytest.mark.parametrize(
    "options",
    [
        ["--output", "json"],
        ["--output", "text"],
        ["--query", "ExportImageTaskId"],
        ["--query", "ExportImageTaskId", "--output", "text"],
    ],
    ids=" ".join,
)
def test_a_dry_run_as_aws_cli_keeps_stdout_empty_and_says_its_line_on_stderr(
    options: list[str], run: Callable[..., Run]
) -> None:
    result = run(*DEMO_EXPORT, "--dry-run", *options)

    assert (result.status, result.out, result.err) == (0, "", DRY_RUN_LINE)


def test_a_dry_run_says_its_line_on_stdout_by_default(run: Callable[..., Run]) -> None:
    result = run(*DEMO_EXPORT, "--dry-run")

    assert (result.status, result.out, result.err) == (0, DRY_RUN_LINE, "")


def test_cancel_as_aws_cli_prints_nothing_but_what_the_query_makes_of_it(
    run: Callable[..., Run],
) -> None:
    as_json = run("cancel", NEARLY_DONE, "--output", "json")
    queried = run("cancel", NEARLY_DONE, "--query", "ExportTaskId", "--output", "text")

    assert (as_json.status, as_json.out, as_json.err) == (0, "", "")
    assert (queried.status, queried.out, queried.err) == (0, "None\n", "")


def test_cancel_whose_answer_was_lost_keeps_stdout_aws_clis_and_says_it_on_stderr(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    local_ec2.add_task(sample_task(0))
    task_id = sample_task(0).export_image_task_id or ""
    dropped = CancelAnswerLost(
        local_ec2, lambda: ConnectionClosedError(endpoint_url="https://ec2.test/"), 9
    )

    status = main(["cancel", task_id, "--output", "json"], client=make_client(dropped))

    assert (status, capsys.readouterr()) == (
        0,
        ("", f"{task_id} deleting: the cancel's answer was lost; the task shows it\n"),
    )


def test_the_demo_export_runs_to_completion_in_a_real_process() -> None:
    result = cli_process("--demo", *DEMO_EXPORT, "--wait")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(" completed")
