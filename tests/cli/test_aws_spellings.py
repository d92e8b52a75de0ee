"""aws-cli's spellings of list, export and cancel: each sends what ours sends, and never both."""

from __future__ import annotations

import json
import random
import string
from typing import TYPE_CHECKING

import pytest
from botocore.session import Session
from botocore.utils import ArgumentGenerator
from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._shorthand import ShorthandError, structure, structures
from ec2_export_image_tasks.testing import LocalEC2

from .helpers import IMAGE, Run

if TYPE_CHECKING:
    from pathlib import Path

TASK = "export-ami-0123456789abcdef0"
OTHER = "export-ami-0123456789abcdef1"
STATES = '{"Name": "task-state", "Values": ["active", "completed"]}'
OUR_EXPORT = [
    *(IMAGE, "--bucket", "exports", "--prefix", "vms/", "--format", "vmdk"),
    *("--tag", "team=imaging", "--client-token", "t-1"),
]
TAGS = "ResourceType=export-image-task,Tags=[{Key=team,Value=imaging}]"
TAGS_JSON = '[{"ResourceType": "export-image-task", "Tags": [{"Key": "team", "Value": "imaging"}]}]'
EXPORT_INPUT = {
    "ImageId": IMAGE,
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "vms/"},
    "TagSpecifications": json.loads(TAGS_JSON),
    "ClientToken": "t-1",
}


def local_ec2() -> LocalEC2:
    ec2 = LocalEC2()
    ec2.images.add(IMAGE)
    ec2.buckets.add("exports")
    for task_id in (TASK, OTHER):
        ec2.add_task({"ExportImageTaskId": task_id, "Status": "active"})
    return ec2


def sent(*argv: str) -> list[dict[str, str]]:
    """The requests EC2 received for ``argv``, which must succeed."""
    ec2 = local_ec2()
    assert main(list(argv), client=ec2.client) == 0
    return ec2.requests


def refused(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    """``argv`` run as a usage error: its status, and what it printed; nothing may be sent."""
    ec2 = local_ec2()
    with pytest.raises(SystemExit) as ended:
        main(list(argv), client=ec2.client)
    assert ec2.requests == []
    captured = capsys.readouterr()
    return Run(int(str(ended.value.code)), captured.out, captured.err)


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (["list", "--id", TASK, "--id", OTHER], ["list", "--export-image-task-ids", TASK, OTHER]),
        (
            ["list", "--id", TASK],
            ["list", "--cli-input-json", json.dumps({"ExportImageTaskIds": [TASK]})],
        ),
        (
            ["list", "--state", "active", "--state", "completed"],
            ["list", "--filters", "Name=task-state,Values=active,completed"],
        ),
        (["list", "--state", "active"], ["list", "--filters", "Name=task-state,Values=active"]),
        (
            ["list", "--state", "active", "--state", "completed"],
            ["list", "--filters", STATES],
        ),
        (
            ["list", "--state", "active", "--state", "completed"],
            ["list", "--filters", f"[{STATES}]"],
        ),
        (
            ["list", "--state", "active", "--state", "completed"],
            ["list", "--cli-input-json", f'{{"Filters": [{STATES}]}}'],
        ),
        (
            ["export", *OUR_EXPORT],
            [
                "export",
                "--image-id",
                IMAGE,
                "--s3-export-location",
                "S3Bucket=exports,S3Prefix=vms/",
                "--disk-image-format",
                "VmDk",
                "--tag-specifications",
                TAGS,
                "--client-token",
                "t-1",
            ],
        ),
        (
            ["export", *OUR_EXPORT],
            [
                "export",
                IMAGE,
                "--s3-export-location",
                '{"S3Bucket": "exports", "S3Prefix": "vms/"}',
                "--format",
                "vmdk",
                "--tag-specifications",
                TAGS_JSON,
                "--client-token",
                "t-1",
            ],
        ),
        (["export", *OUR_EXPORT], ["export", "--cli-input-json", json.dumps(EXPORT_INPUT)]),
        (["export", *OUR_EXPORT], ["export", *OUR_EXPORT, "--no-dry-run"]),
        (["cancel", TASK], ["cancel", "--export-task-id", TASK]),
        (["cancel", TASK], ["cancel", "--cli-input-json", json.dumps({"ExportTaskId": TASK})]),
    ],
)
def test_aws_clis_spelling_sends_the_request_ours_sends(ours: list[str], theirs: list[str]) -> None:
    assert sent(*theirs) == sent(*ours)


def test_a_file_gives_cli_input_json(tmp_path: Path) -> None:
    document = tmp_path / "export.json"
    document.write_text(json.dumps(EXPORT_INPUT), encoding="utf-8")

    assert sent("export", "--cli-input-json", f"file://{document}") == sent("export", *OUR_EXPORT)


def test_an_option_given_wins_over_the_same_parameter_in_cli_input_json() -> None:
    requests = sent(
        "export", "--cli-input-json", json.dumps(EXPORT_INPUT), "--description", "from argv"
    )
    other = sent(
        "export",
        "--cli-input-json",
        json.dumps({**EXPORT_INPUT, "ClientToken": "t-2"}),
        "--client-token",
        "t-1",
        "--description",
        "from argv",
    )

    assert requests[0]["Description"] == "from argv"
    assert other == requests


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["list", "--id", TASK, "--export-image-task-ids", TASK],
            "--id and --export-image-task-ids are one option: give one of them",
        ),
        (
            ["list", "--state", "active", "--filters", "Name=task-state,Values=active"],
            "--state and --filters are one option: give one of them",
        ),
        (
            ["export", *OUR_EXPORT, "--image-id", IMAGE],
            "IMAGE_ID and --image-id are one option: give one of them",
        ),
        (
            ["export", *OUR_EXPORT, "--disk-image-format", "raw"],
            "--format and --disk-image-format are one option: give one of them",
        ),
        (
            ["export", *OUR_EXPORT, "--s3-export-location", "S3Bucket=exports"],
            "--bucket and --s3-export-location are one option: give one",
        ),
        (
            ["export", *OUR_EXPORT, "--tag-specifications", TAGS],
            "--tag and --tag-specifications are one option: give one of them",
        ),
        (
            ["cancel", TASK, "--export-task-id", TASK],
            "TASK_ID and --export-task-id are one option: give one of them",
        ),
        (
            ["export", "--bucket", "exports", "--format", "vmdk"],
            "the following arguments are required: IMAGE_ID (or --image-id)",
        ),
        (
            ["export", IMAGE, "--format", "vmdk"],
            "the following arguments are required: --bucket (or --s3-export-location)",
        ),
        (
            ["export", IMAGE, "--bucket", "exports"],
            "the following arguments are required: --format (or --disk-image-format)",
        ),
        (["cancel"], "the following arguments are required: TASK_ID (or --export-task-id)"),
    ],
)
def test_both_spellings_or_neither_is_a_usage_error_naming_them(
    capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    result = refused(capsys, *argv)

    assert (result.status, result.err) == (2, f"error: {line}\n")


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["list", "--filters", "Name=tag:team,Values=x"],
            "argument --filters: give one task-state filter (EC2 reads no other), got 'tag:team'",
        ),
        (
            ["list", "--filters", "Name=task-state,Values=ACTIVE"],
            "argument --filters: invalid Values ['ACTIVE']: 'ACTIVE' is not a task-state; "
            "use one of 'active', 'completed', 'deleting', 'deleted'",
        ),
        (
            ["list", "--filters", "Name=task-state,Values=[active"],
            "argument --filters: expected ',' or ']' at character 31 of "
            "'Name=task-state,Values=[active'",
        ),
        (
            ["export", IMAGE, "--format", "vmdk", "--s3-export-location", "S3Bucket=Exports"],
            "argument --s3-export-location: invalid S3Bucket 'Exports': a bucket name holds only "
            "lowercase letters, digits, dots and hyphens, not 'E'",
        ),
        (
            ["export", IMAGE, "--format", "vmdk", "--s3-export-location", '{"S3Bucket": '],
            "argument --s3-export-location: invalid JSON: Expecting value: line 1 column 14 "
            "(char 13)",
        ),
        (
            ["export", "--cli-input-json", '{"ImageId": 5}'],
            "argument --cli-input-json: ImageId: 5: give a string",
        ),
        (
            ["cancel", "--cli-input-json", '{"DryRun": true}'],
            "argument --cli-input-json: 'DryRun' is not a parameter this command reads "
            "(it reads ExportTaskId)",
        ),
        (
            ["cancel", "--cli-input-json", "file:///nonexistent/input.json"],
            "argument --cli-input-json: cannot read '/nonexistent/input.json': "
            "No such file or directory",
        ),
        (
            ["cancel", "--cli-input-json", "[]"],
            "argument --cli-input-json: give a JSON object of the operation's parameters",
        ),
    ],
)
def test_a_bad_aws_spelling_is_a_usage_error_with_the_value_and_the_rule(
    capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    result = refused(capsys, *argv)

    assert (result.status, result.err) == (2, f"error: {line}\n")


def test_dry_run_says_the_export_would_succeed_and_starts_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ec2 = local_ec2()

    status = main(["export", *OUR_EXPORT, "--dry-run"], client=ec2.client)

    assert status == 0
    assert capsys.readouterr().out == (
        "dry run: the export would succeed (EC2 answered DryRunOperation)\n"
    )
    assert [request.get("DryRun") for request in ec2.requests] == ["true"]
    assert len(ec2.tasks) == 2  # those seeded


def test_dry_run_refused_is_the_usual_failure(capsys: pytest.CaptureFixture[str]) -> None:
    ec2 = local_ec2()
    ec2.authorized = False

    status = main(["export", *OUR_EXPORT, "--dry-run"], client=ec2.client)

    assert status == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: AWS UnauthorizedOperation: ")
    assert captured.err.count("\n") == 1


@pytest.mark.parametrize(
    ("command", "operation"),
    [
        ("list", "DescribeExportImageTasks"),
        ("export", "ExportImage"),
        ("cancel", "CancelExportTask"),
    ],
)
def test_the_skeleton_is_aws_clis_and_sends_nothing(
    capsys: pytest.CaptureFixture[str], command: str, operation: str
) -> None:
    ec2 = local_ec2()
    shape = Session().get_service_model("ec2").operation_model(operation).input_shape
    assert shape is not None
    random.seed(20)  # botocore picks one of an enum's values at random, for aws-cli too

    status = main([command, "--generate-cli-skeleton"], client=ec2.client)

    assert status == 0
    random.seed(20)
    skeleton = ArgumentGenerator().generate_skeleton(shape)
    assert capsys.readouterr().out == json.dumps(skeleton, indent=4) + "\n"
    assert ec2.requests == []


def test_the_cancel_skeleton_is_its_one_parameter(capsys: pytest.CaptureFixture[str]) -> None:
    main(["cancel", "--generate-cli-skeleton", "input"], client=local_ec2().client)

    assert capsys.readouterr().out == '{\n    "ExportTaskId": ""\n}\n'


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("Name=task-state,Values=active", {"Name": "task-state", "Values": "active"}),
        ("Name=a,Values=b,c,Other=d", {"Name": "a", "Values": ["b", "c"], "Other": "d"}),
        ("Values=[b,c]", {"Values": ["b", "c"]}),
        ("Tags=[{Key=k,Value=v}]", {"Tags": [{"Key": "k", "Value": "v"}]}),
        ("Key='a,b',Value=\"c=d\"", {"Key": "a,b", "Value": "c=d"}),
        (r"Key=a\,b", {"Key": "a,b"}),
        ("Key=", {"Key": ""}),
        (' {"Key": "k"}', {"Key": "k"}),
    ],
)
def test_shorthand_is_read_as_aws_cli_reads_it(text: str, parsed: dict[str, object]) -> None:
    assert structure(text) == parsed


@pytest.mark.parametrize("text", ["Name", "=v", "Key=[a", "Key={A=b", "Key='open", "{", "[1]"])
def test_what_is_not_shorthand_is_refused(text: str) -> None:
    with pytest.raises(ShorthandError):
        structures([text])


_WORDS = st.text(st.sampled_from(string.ascii_letters + string.digits + "-_.:/"), min_size=1)


@settings(max_examples=50)
@given(st.dictionaries(_WORDS, _WORDS | st.lists(_WORDS, min_size=2, max_size=3), min_size=1))
def test_shorthand_reads_back_what_it_writes(parsed: dict[str, str | list[str]]) -> None:
    text = ",".join(
        f"{key}={value if isinstance(value, str) else ','.join(value)}"
        for key, value in parsed.items()
    )

    assert structure(text) == parsed
