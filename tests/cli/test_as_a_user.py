"""The command line as a user meets it: closed streams, odd values, a broken setup, odd answers.

Each test here is a defect found by running the installed command by hand (issue 20's new
options among them): it failed before its fix. In-process wherever a real process is not the
point, against the local EC2 (``local_ec2``), on a fake clock.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import Reply, make_client, page_reply

from .helpers import IMAGE, FakeTime, usage_error
from .loopback import SIGNING, ec2_over_http

if TYPE_CHECKING:
    from pathlib import Path

    from ec2_export_image_tasks.testing import LocalEC2

TASK = "export-ami-0123456789abcdef0"
WITHOUT_FILES = {"AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"}
CLOSED = "error: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["list", "--help"], ["--version"], ["completion", "bash"]],
    ids=" ".join,
)
def test_help_version_and_completion_with_stdout_closed_are_one_error_line_and_status_1(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, ``--help >&-`` printed the whole help on stderr and exited 0, as if it had worked.
    monkeypatch.setattr(sys, "stdout", None)  # what ``>&-`` gives a Python program

    status = main(argv)

    assert (status, capsys.readouterr().err) == (1, CLOSED)


def test_a_usage_error_with_stdout_closed_is_still_said_on_stderr_with_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)

    err = usage_error(["list", "--page-size", "0"], capsys)

    assert err.startswith("error: argument --page-size: 0: ")


def test_wait_timing_out_on_a_task_without_a_status_says_so_not_none(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # EC2's model leaves Status optional: before, the line said "still None after 2 s".
    local_ec2.add_task({"ExportImageTaskId": TASK, "Progress": "10"})
    time = FakeTime()

    status = main(
        ["wait", TASK, "--timeout", "2", "--interval", "1"],
        client=local_ec2.client,
        sleep=time.sleep,
        clock=time.clock,
    )

    assert status == 6
    assert capsys.readouterr().err == (
        f"error: export {TASK} still without a status at 10% after 2 s\n"
    )


def _exports_sent(local_ec2: LocalEC2, *argv: str) -> list[dict[str, str]]:
    """The ExportImage requests ``export ARGV`` sent, which must succeed."""
    local_ec2.images.add(IMAGE)
    local_ec2.buckets.update({"exports", "json-bucket"})
    assert main(["export", *argv], client=local_ec2.client) == 0
    return [sent for sent in local_ec2.requests if sent["Action"] == "ExportImage"]


LOCATION_INPUT = json.dumps(
    {
        "ImageId": IMAGE,
        "DiskImageFormat": "VMDK",
        "S3ExportLocation": {"S3Bucket": "json-bucket", "S3Prefix": "json/"},
    }
)


@pytest.mark.parametrize(
    ("options", "bucket", "prefix"),
    [
        (["--bucket", "exports"], "exports", "json/"),
        (["--prefix", "vms/"], "json-bucket", "vms/"),
        (["--s3-export-location", "S3Bucket=exports"], "exports", None),
    ],
    ids=["--bucket", "--prefix", "--s3-export-location"],
)
def test_bucket_and_prefix_each_win_over_their_own_key_of_the_input_jsons_location(
    options: list[str], bucket: str, prefix: str | None, local_ec2: LocalEC2
) -> None:
    # Before, --bucket dropped the JSON's S3Prefix silently, and --prefix dropped its S3Bucket
    # and then said "required: --bucket". aws-cli's --s3-export-location replaces it whole.
    (request,) = _exports_sent(local_ec2, "--cli-input-json", LOCATION_INPUT, *options)

    assert request["S3ExportLocation.S3Bucket"] == bucket
    assert request.get("S3ExportLocation.S3Prefix") == prefix


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["list", "--cli-input-json", '{"Filters": [{"Name": "task-state", "Values": ["x"]}]}'],
            "error: argument --cli-input-json: Filters: invalid Values ['x']: ",
        ),
        (
            [
                *("export", IMAGE, "--bucket", "exports", "--format", "vmdk", "--cli-input-json"),
                '{"TagSpecifications": [{"ResourceType": "instance"}]}',
            ],
            "error: argument --cli-input-json: TagSpecifications: invalid ResourceType 'instance'",
        ),
        (
            ["export", "--cli-input-json", '{"S3ExportLocation": []}'],
            "error: argument --cli-input-json: S3ExportLocation: []: give an object\n",
        ),
        (
            ["list", "--filters", "Name=task-state"],
            "error: argument --filters: invalid Values {'Name': 'task-state'}: Field required\n",
        ),
        (
            ["list", "--filters", "{}"],
            "error: argument --filters: invalid Name {}: Field required\n",
        ),
    ],
    ids=["Filters", "TagSpecifications", "S3ExportLocation", "no Values", "no Name"],
)
def test_a_refused_structure_is_named_as_typed_with_what_was_given(
    argv: list[str], line: str, local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: a JSON input's Filters named --filters, which was not typed; a missing Values
    # was "invalid Values None: Input should be a valid tuple", and a location that is not an
    # object named the model's class.
    err = usage_error(argv, capsys, local_ec2.client)

    assert err.startswith(line)
    assert local_ec2.requests == []


UNDECODABLE = b"\xff".decode("utf-8", "surrogateescape")
"""A byte the locale could not decode, as Python hands it over in ``sys.argv``."""
EXPORT_TO = [IMAGE, "--bucket", "exports", "--format", "vmdk"]


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["export", *EXPORT_TO, "--prefix", UNDECODABLE], "--prefix"),
        (["export", *EXPORT_TO, "--description", f"nightly {UNDECODABLE}"], "--description"),
        (["list", "--starting-token", UNDECODABLE], "--starting-token"),
        (["wait", UNDECODABLE], "TASK_ID"),
    ],
    ids=["--prefix", "--description", "--starting-token", "TASK_ID"],
)
def test_an_argument_that_is_not_utf8_is_bad_usage_naming_the_option_and_the_bytes(
    argv: list[str], option: str, local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, export --prefix $'\xff' ended in botocore's UnicodeEncodeError, a traceback.
    err = usage_error(argv, capsys, local_ec2.client)

    assert err.startswith(f"error: argument {option}: ")
    assert err.endswith(": not UTF-8 text (bytes the locale could not decode)\n")
    assert "\\xff" in err
    assert local_ec2.requests == []


@pytest.mark.parametrize(
    "argv",
    [
        [
            "export",
            *EXPORT_TO,
            "--cli-input-json",
            '{"S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "\\udcff"}}',
        ],
        [
            *("export", IMAGE, "--format", "vmdk", "--s3-export-location"),
            '{"S3Bucket": "exports", "S3Prefix": "\\udcff"}',
        ],
    ],
    ids=["--cli-input-json", "--s3-export-location"],
)
def test_json_that_escapes_a_lone_surrogate_is_bad_usage_not_a_traceback(
    argv: list[str], local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(argv, capsys, local_ec2.client)

    assert "'\\udcff': a lone surrogate, which no request can carry" in err
    assert local_ec2.requests == []


def test_an_empty_starting_token_is_named_as_typed(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "invalid PaginationConfig.StartingToken ''", the model's name for it.
    err = usage_error(["list", "--starting-token", ""], capsys, local_ec2.client)

    assert err.startswith("error: argument --starting-token: '': ")
    assert local_ec2.requests == []


@pytest.mark.usefixtures("aws_without_files")
@pytest.mark.parametrize(
    ("setting", "line"),
    [
        ("environment", "error: AWS_CA_BUNDLE is empty: name a CA bundle, or unset it\n"),
        (
            "config",
            "error: ca_bundle in your AWS config file is empty: name a CA bundle, or remove it\n",
        ),
    ],
)
def test_an_empty_ca_bundle_is_named_where_it_was_set(
    setting: str,
    line: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    # botocore reads an empty bundle as "verify nothing"; before, the line blamed the config
    # file for AWS_CA_BUNDLE="" and named no path at all.
    if setting == "environment":
        monkeypatch.setenv("AWS_CA_BUNDLE", "")
    else:
        config = tmp_path / "config"
        config.write_text("[default]\nca_bundle =\n")
        monkeypatch.setenv("AWS_CONFIG_FILE", str(config))

    status = main(["--region", "us-east-1", "--endpoint-url", "https://127.0.0.1:9", "list"])

    assert (status, capsys.readouterr().err) == (4, line)


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["export", *EXPORT_TO, "--bucket", "other-bucket"],
            "error: argument --bucket: given twice: 'exports', then 'other-bucket'; give it once\n",
        ),
        (
            ["list", "--max-items", "1", "--max-items", "2"],
            "error: argument --max-items: given twice: '1', then '2'; give it once\n",
        ),
        (
            ["list", "--export-image-task-ids", TASK, "--export-image-task-ids", TASK[:-1] + "1"],
            f"error: argument --export-image-task-ids: given twice: '{TASK}', then "
            f"'{TASK[:-1]}1'; give it once\n",
        ),
        (
            ["--region", "us-east-1", "--region", "eu-west-1", "list"],
            "error: argument --region: given twice: 'us-east-1', then 'eu-west-1'; give it once\n",
        ),
    ],
    ids=["--bucket", "--max-items", "--export-image-task-ids", "--region"],
)
def test_an_option_given_twice_is_bad_usage_naming_both_values(
    argv: list[str], line: str, local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, the last one won silently: export --bucket a --bucket b exported to b.
    err = usage_error(argv, capsys, local_ec2.client)

    assert err == line
    assert local_ec2.requests == []


def test_repeatable_options_and_a_global_option_after_the_command_still_combine(
    local_ec2: LocalEC2,
) -> None:
    # --state and --id add up; a connection option after the command wins over one before
    # it, as the README says: neither is "given twice".
    argv = ["--region", "us-east-1", "list", "--state", "active", "--state", "completed"]

    assert main([*argv, "--region", "eu-west-1"], client=local_ec2.client) == 0
    (request,) = local_ec2.requests
    assert (request["Filter.1.Value.1"], request["Filter.1.Value.2"]) == ("active", "completed")


def test_an_option_given_twice_with_the_same_value_drops_nothing_and_is_taken(
    local_ec2: LocalEC2,
) -> None:
    assert main(["list", "--output", "json", "--output", "json"], client=local_ec2.client) == 0


def test_debug_logs_each_answer_as_it_arrived_tasks_included(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The typed listing takes the tasks out of a page before botocore logs its body: before,
    # --debug showed a DescribeExportImageTasks answer without its tasks, nowhere else.
    for name, value in (SIGNING | WITHOUT_FILES).items():
        monkeypatch.setenv(name, value)
    page = page_reply([{"ExportImageTaskId": TASK, "Status": "active"}])

    with ec2_over_http(lambda action, parameters: page) as (port, _):
        url = f"http://127.0.0.1:{port}"
        status = main(["--region", "us-east-1", "--endpoint-url", url, "list", "--debug"])

    assert status == 0
    _, logged = capsys.readouterr().err.split(" - DEBUG - Response body, as received:\n", 1)
    assert f"<exportImageTaskId>{TASK}</exportImageTaskId>" in logged.splitlines()[0]


def test_an_unparseable_answer_to_export_reads_as_one_sentence_with_the_way_to_find_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Before: "... invalid XML received.; the export may have started; ...".
    client = make_client(lambda action, parameters: Reply(200, b"not xml <"))

    status = main(["export", *EXPORT_TO], client=client)

    err = capsys.readouterr().err
    assert status == 1
    assert "invalid XML received; the export may have started; this finds it" in err


def test_cli_input_json_file_without_a_path_says_so(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: "cannot read '': Is a directory" (the empty path read as the current directory).
    err = usage_error(["list", "--cli-input-json", "file://"], capsys, local_ec2.client)

    assert err == ("error: argument --cli-input-json: file:// names no file: give file://PATH\n")


@pytest.mark.parametrize(
    "argv",
    [
        [
            "export",
            "--cli-input-json",
            f'{{"ImageId": "{IMAGE}", "ImageId": "ami-0123456789abcdef1"}}',
        ],
        [
            *("export", IMAGE, "--format", "vmdk", "--s3-export-location"),
            '{"S3Bucket": "exports", "S3Bucket": "other-bucket"}',
        ],
    ],
    ids=["--cli-input-json", "--s3-export-location"],
)
def test_a_json_key_given_twice_is_bad_usage_naming_the_key(
    argv: list[str], local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    # As an option given twice: json.loads kept the last value silently.
    err = usage_error(argv, capsys, local_ec2.client)

    assert "invalid JSON: the key " in err
    assert local_ec2.requests == []


def test_a_shorthand_key_given_twice_is_bad_usage_naming_the_key(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["export", IMAGE, "--format", "vmdk", "--s3-export-location", "S3Bucket=a,S3Bucket=b"]

    err = usage_error(argv, capsys, local_ec2.client)

    assert err == (
        "error: argument --s3-export-location: the key 'S3Bucket' is given twice at character 12 "
        "of 'S3Bucket=a,S3Bucket=b'\n"
    )


def test_a_task_with_several_invalid_fields_is_one_line_without_the_librarys_attribute(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Before: "... (and 1 more: see .validation_error)", a Python attribute nobody at a shell
    # can see.
    page = page_reply([{"ExportImageTaskId": TASK, "Status": "pending", "Progress": "abc"}])

    status = main(["list"], client=make_client(lambda action, parameters: page))

    assert status == 3
    assert capsys.readouterr().err == (
        f"error: AWS sent an invalid task: item {TASK}: invalid Progress 'abc': Progress must "
        "be a whole percent from 0 to 100, like '45' (and 1 more invalid field)\n"
    )


def test_ca_bundle_naming_a_directory_is_bad_usage_before_anything_is_sent(
    local_ec2: LocalEC2, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Before, it was taken, and the first request failed: "SSL validation failed ... Is a
    # directory" (botocore reads the bundle as one file).
    err = usage_error(["list", "--ca-bundle", str(tmp_path)], capsys, local_ec2.client)

    assert err == (
        f"error: argument --ca-bundle: {str(tmp_path)!r} is a directory: "
        "give a file of CA certificates\n"
    )


@pytest.mark.usefixtures("aws_without_files")
def test_aws_ca_bundle_naming_a_directory_is_named_before_anything_is_sent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("AWS_CA_BUNDLE", str(tmp_path))

    status = main(["--region", "us-east-1", "--endpoint-url", "https://127.0.0.1:9", "list"])

    assert (status, capsys.readouterr().err) == (
        4,
        f"error: AWS_CA_BUNDLE names a directory, not a file of CA certificates: {tmp_path}\n",
    )
