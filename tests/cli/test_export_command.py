"""``export`` and ``cancel`` as a user runs them, against the demo endpoint on a fake clock."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli.demo import demo_ec2
from ec2_export_image_tasks.models import ExportImageResponse

from .helpers import (
    CANCELLED,
    DEMO_EXPORT,
    IMAGE,
    NEARLY_DONE,
    NEW_TASK_ID,
    FakeTime,
    Run,
    cli_process,
)

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

    with pytest.raises(SystemExit) as exited:
        main(argv, client=local_ec2.client)

    error_line = capsys.readouterr().err.splitlines()[-1]
    assert exited.value.code == 2
    assert f"argument {option}: " in error_line
    assert repr(value) in error_line or value in error_line
    assert local_ec2.requests == []


def test_a_tag_key_given_twice_is_refused(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*DEMO_EXPORT, "--tag", "team=a", "--tag", "team=b"]

    with pytest.raises(SystemExit) as exited:
        main(argv, client=local_ec2.client)

    assert exited.value.code == 2
    assert "argument --tag: the tag key 'team' is given twice" in capsys.readouterr().err
    assert local_ec2.requests == []


def test_51_tags_are_refused(local_ec2: LocalEC2) -> None:
    tags = [part for number in range(51) for part in ("--tag", f"k{number}=v")]

    with pytest.raises(SystemExit):
        main([*DEMO_EXPORT, *tags], client=local_ec2.client)

    assert local_ec2.requests == []


def test_bucket_and_format_are_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--demo", "export", IMAGE])

    assert exited.value.code == 2
    assert "--bucket" in capsys.readouterr().err


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


def test_cancel_of_a_malformed_id_is_refused_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--demo", "cancel", "ami-0123abcd"])

    assert exited.value.code == 2
    assert "argument TASK_ID: 'ami-0123abcd'" in capsys.readouterr().err


def test_the_demo_export_runs_to_completion_in_a_real_process() -> None:
    result = cli_process("--demo", *DEMO_EXPORT, "--wait")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].endswith(" completed")


# Where file descriptors matter, a real process: stdout that cannot take the id, stderr gone.
