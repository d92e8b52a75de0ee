"""A command line that starts at once: ``--help``, ``--version`` and bad usage load neither
botocore, boto3, pydantic nor rich, and say exactly what they said when they loaded them all.

``startup_outputs.json`` holds those outputs as the eager command line printed them (Python
3.11, 80 columns). A change that means to alter them re-records them:
``UPDATE_STARTUP_OUTPUTS=1 .venv/bin/python -m pytest tests/cli/test_startup.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, get_args

import botocore.session
import pytest

from ec2_export_image_tasks import models
from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._aws_spellings import FORMATS
from ec2_export_image_tasks._cli._checked import ID_PATTERNS, checked
from ec2_export_image_tasks._cli._model_cache import OPERATIONS, use_model_cache
from ec2_export_image_tasks._cli.arguments import STATES
from ec2_export_image_tasks.models import DiskImageFormat, ExportImageTaskStatus
from ec2_export_image_tasks.models._facts import DISK_IMAGE_FORMATS, TASK_STATES
from ec2_export_image_tasks.testing import LocalEC2, answer_with

from .helpers import IMAGE

if TYPE_CHECKING:
    from mypy_boto3_ec2.client import EC2Client

RECORDED = Path(__file__).with_name("startup_outputs.json")
HEAVY = ("botocore", "boto3", "pydantic", "rich")
URL = "http://127.0.0.1:9"  # never reached: the answers come at before-send

ANSWERED_BY_THE_GRAMMAR = [
    ["--help"],
    *(
        [name, "--help"]
        for name in ("list", "watch", "wait", "export", "cancel", "schema", "completion")
    ),
    ["--version"],
    [],
    ["bogus"],
    ["list", "--state", "bogus"],
    ["list", "--page-size", "x"],
    ["list", "--unknown"],
    ["wait"],
    ["wait", "export-ami-0123456789abcdef0", "--interval", "0.5"],
    ["watch", "--timeout", "nan"],
    ["export", "--format", "qcow"],
    ["--cli-read-timeout", "-1", "list"],
    ["list", "--color", "bogus"],
    ["list", "--output", "yaml"],
    ["export"],
    ["completion", "fish"],
]
"""Help, version and usage errors that no model or botocore check is needed to say."""


def _recorded() -> dict[str, Any]:
    recorded: dict[str, Any] = json.loads(RECORDED.read_text(encoding="utf-8"))
    return recorded


def _output(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    try:
        status: object = main(argv)
    except SystemExit as exited:
        status = exited.code
    captured = capsys.readouterr()
    return {"argv": argv, "status": status, "stdout": captured.out, "stderr": captured.err}


def test_help_and_usage_errors_are_byte_for_byte_as_the_eager_command_line_printed_them(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recorded = _recorded()
    if f"{sys.version_info[0]}.{sys.version_info[1]}" != recorded["python"]:
        pytest.skip(f"argparse's layout differs between versions: recorded on {recorded['python']}")
    monkeypatch.setenv("COLUMNS", str(recorded["columns"]))
    outputs = [_output(case["argv"], capsys) for case in recorded["outputs"]]
    if os.environ.get("UPDATE_STARTUP_OUTPUTS"):
        RECORDED.write_text(
            json.dumps({**recorded, "outputs": outputs}, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )

    assert outputs == recorded["outputs"]


def test_the_recording_covers_every_answer_of_the_grammar_and_the_model_checked_options() -> None:
    recorded = [case["argv"] for case in _recorded()["outputs"]]

    assert all(argv in recorded for argv in ANSWERED_BY_THE_GRAMMAR)
    # The checks that load a model when their option is given: same words as before.
    assert ["cancel", "bogus"] in recorded
    assert any(argv[:2] == ["export", "ami-bad"] for argv in recorded)
    assert any("--tag" in argv for argv in recorded)


_PROBE = """
import json, sys
from ec2_export_image_tasks import models
from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._checked import ID_PATTERNS, checked
loaded = {}
for argv in json.loads(sys.argv[1]):
    try:
        main(argv)
    except SystemExit:
        pass
    loaded[" ".join(argv)] = sorted({name.split(".")[0] for name in sys.modules} & set(HEAVY))
print(json.dumps(loaded), file=sys.__stderr__)
""".replace("HEAVY", repr(HEAVY))


def test_help_version_and_usage_errors_load_no_botocore_boto3_pydantic_or_rich() -> None:
    # One fresh process runs them all, one after another: a case that loaded one shows from
    # there on. The help and usage lines go to stdout and stderr, the report to stderr last.
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(ANSWERED_BY_THE_GRAMMAR)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},
    )
    loaded = json.loads(run.stderr.splitlines()[-1])

    assert loaded == {" ".join(argv): [] for argv in ANSWERED_BY_THE_GRAMMAR}


def test_the_help_s_states_are_the_status_enum_s_values() -> None:
    assert tuple(ExportImageTaskStatus) == TASK_STATES
    assert list(ExportImageTaskStatus) == STATES


@pytest.mark.parametrize("type_name", sorted(ID_PATTERNS))
def test_an_id_taken_without_pydantic_is_taken_by_the_model_s_own_rule(type_name: str) -> None:
    metadata = get_args(getattr(models, type_name))[1:]
    patterns = [getattr(item, "pattern", None) for item in metadata]

    assert ID_PATTERNS[type_name] in patterns
    # A value the rule refuses is the model's to refuse, in its words.
    with pytest.raises(argparse.ArgumentTypeError, match=r"^'bogus': "):
        checked(type_name)("bogus")


def test_the_help_s_formats_are_the_format_enum_s_values() -> None:
    assert tuple(DiskImageFormat) == DISK_IMAGE_FORMATS
    assert [disk_image_format.lower() for disk_image_format in DiskImageFormat] == FORMATS


def _client(cached: bool, service: LocalEC2) -> EC2Client:
    """A botocore EC2 client (made as the command line makes one, or by botocore alone)
    answered by ``service``."""
    session = botocore.session.Session()
    if cached:
        use_model_cache(session)
    client = cast(
        "EC2Client", session.create_client("ec2", region_name="us-east-1", endpoint_url=URL)
    )
    answer_with(client, service)
    return client


def _conversation(client: EC2Client, service: LocalEC2) -> list[object]:
    """The requests sent and the answers parsed, over the three operations the command sends."""
    service.images.add(IMAGE)
    service.buckets.add("exports")
    answers: list[dict[str, Any]] = [
        dict(
            client.export_image(
                ImageId=IMAGE,
                DiskImageFormat="VMDK",
                S3ExportLocation={"S3Bucket": "exports", "S3Prefix": "a/"},
                TagSpecifications=[
                    {"ResourceType": "export-image-task", "Tags": [{"Key": "k", "Value": "v"}]}
                ],
                ClientToken="token",
            )
        ),
        dict(client.describe_export_image_tasks(MaxResults=5)),
    ]
    task_id = answers[0]["ExportImageTaskId"]
    answers.append(dict(client.cancel_export_task(ExportTaskId=task_id)))
    for answer in answers:
        answer.pop("ResponseMetadata")
    return [service.requests, answers]


@pytest.mark.usefixtures("aws_without_files")
def test_the_cached_cut_model_sends_and_reads_as_botocore_s_whole_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first, second, whole = (LocalEC2(lambda: 1000.0) for _ in range(3))

    made_twice = [_conversation(_client(True, service), service) for service in (first, second)]

    assert made_twice == [_conversation(_client(False, whole), whole)] * 2
    assert _client(True, LocalEC2()).meta.service_model.operation_names == list(OPERATIONS)


@pytest.mark.usefixtures("aws_without_files")
def test_a_torn_cached_model_is_cut_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _client(True, LocalEC2())
    (model,) = tmp_path.rglob("service-2.json")
    model.write_text('{"operations": {"Describe', encoding="utf-8")

    client = _client(True, LocalEC2())

    assert client.meta.service_model.operation_names == list(OPERATIONS)
    assert json.loads(model.read_text(encoding="utf-8"))["metadata"]["protocol"] == "ec2"


@pytest.mark.usefixtures("aws_without_files")
def test_an_unwritable_cache_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_directory = tmp_path / "file"
    not_a_directory.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_directory))
    service = LocalEC2()

    client = _client(True, service)

    assert len(client.meta.service_model.operation_names) > len(OPERATIONS)  # botocore's own
    assert client.describe_export_image_tasks()["ExportImageTasks"] == []


@pytest.mark.usefixtures("aws_without_files")
def test_a_botocore_data_file_changed_on_disk_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path / "data"))
    data = tmp_path / "data" / "facts.json"
    data.parent.mkdir()

    def loaded(content: str) -> object:
        data.write_text(content, encoding="utf-8")
        session = botocore.session.Session()
        use_model_cache(session)
        return session.get_component("data_loader").load_data("facts")

    assert loaded('{"a": 1}') == {"a": 1}
    assert loaded('{"a": 22}') == {"a": 22}  # same time maybe, another size
