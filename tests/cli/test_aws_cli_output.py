"""``--output json|text`` and ``--query`` of ``list`` (with ``--no-paginate``), ``export`` and
``cancel``: byte for byte aws-cli v1's.

aws-cli (``awscli``, in the dev group) runs in this process, its requests answered at botocore's
``before-send`` by the same local endpoint as ours: for the same command and the same endpoint,
both standard outputs must be equal.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import json
import os
import re
import shlex
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli._aws_text import text_rows
from ec2_export_image_tasks._cli._parsed_pages import ParsedPages
from ec2_export_image_tasks.models import (
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskStatus,
)
from ec2_export_image_tasks.strategies import boto_dicts
from ec2_export_image_tasks.testing import (
    Ec2Error,
    LocalEC2,
    Reply,
    error_reply,
    page_reply,
    sample_task,
)
from ec2_export_image_tasks.testing import _xml as xml

# The public answer_with needs the client; aws-cli makes its own, from a session it holds.
from ec2_export_image_tasks.testing._endpoint import _response  # pyright: ignore[reportPrivateUsage]
from ec2_export_image_tasks.testing._glue import install

from ..stub_clients import stubs_client
from .helpers import IMAGE, Terminal

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from ec2_export_image_tasks.testing import Handler


class _Driver(Protocol):
    """What the tests use of aws-cli's ``CLIDriver`` (awscli has no type hints)."""

    session: Any

    def main(self, args: list[str]) -> int: ...


def _aws_cli() -> tuple[Callable[[], _Driver], str]:
    """aws-cli's ``create_clidriver`` and its data directory, without what importing awscli
    changes for the rest of the run.

    awscli 1.46 vendors botocore and, on import, puts a finder on ``sys.meta_path`` that makes a
    later ``import botocore`` its copy, and sets ``AWS_DATA_PATH``: both are undone here (botocore
    is already imported, so aws-cli runs on ours, the version the package is tested against).
    """
    data_path = os.environ.get("AWS_DATA_PATH")
    clidriver = importlib.import_module("awscli.clidriver")
    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "TopLevelImportAliasFinder"]
    if data_path is None:
        os.environ.pop("AWS_DATA_PATH", None)
    else:
        os.environ["AWS_DATA_PATH"] = data_path
    data = Path(cast("str", clidriver.__file__)).parent / "data"
    return cast("Callable[[], _Driver]", clidriver.create_clidriver), str(data)


_CREATE_DRIVER, _AWS_CLI_DATA = _aws_cli()


@cache
def _driver() -> _Driver:
    """One aws-cli for the module: each new one would load EC2's service model again (a second)."""
    return _CREATE_DRIVER()


def _aws_run(handler: Handler, argv: Sequence[str], operation: str) -> tuple[int, str, str]:
    """``aws ec2 OPERATION ARGV``'s status, stdout and stderr, answered by ``handler``."""
    driver = _driver()
    install(driver.session, lambda request: handler, lambda req, reply: _response(req, reply, None))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = driver.main(["ec2", operation, *argv])
    return status, out.getvalue(), err.getvalue()


def _aws(
    handler: Handler, argv: Sequence[str], operation: str = "describe-export-image-tasks"
) -> str:
    """``aws ec2 OPERATION ARGV``'s stdout, answered by ``handler``; it must succeed."""
    status, out, err = _aws_run(handler, argv, operation)
    assert (status, err) == (0, "")
    return out


def _ours(
    handler: Handler, argv: Sequence[str], capsys: pytest.CaptureFixture[str], command: str = "list"
) -> tuple[int, str]:
    """``ec2-export-image-tasks COMMAND ARGV``'s status and stdout, answered by ``handler``
    (its stderr stays in ``capsys``)."""
    client = stubs_client()
    install(client.meta.events, lambda request: handler, lambda r, reply: _response(r, reply, None))
    status = main([command, *argv], client=client)
    out, err = capsys.readouterr()
    sys.stderr.write(err)
    return status, out


@pytest.fixture
def aws_cli_env(aws_without_files: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """aws-cli's settings: its data (``cli.json``), dummy credentials, us-east-1, no pager."""
    monkeypatch.setenv("AWS_DATA_PATH", _AWS_CLI_DATA)
    monkeypatch.setenv("AWS_PAGER", "")


def _ec2(tasks: int) -> LocalEC2:
    """A local EC2 holding ``tasks`` tasks: active ones (progress, a message, two tags),
    completed ones (neither), one with only an id and a status, one with a non-ASCII text."""
    ec2 = LocalEC2()
    kinds = [ExportImageTaskStatus.ACTIVE, ExportImageTaskStatus.COMPLETED]
    for number in range(tasks):
        if number == 2:
            ec2.add_task(
                {
                    "ExportImageTaskId": sample_task(number).export_image_task_id,
                    "Status": "deleting",
                }
            )
        elif number == 3:
            ec2.add_task(sample_task(number).model_copy(update={"description": "café ✓ 名前"}))
        else:
            ec2.add_task(sample_task(number, kinds[number % 2]))
    return ec2


STATUS_OF_EACH = "ExportImageTasks[].Status"
ACTIVE_PROGRESS = "ExportImageTasks[?Status=='active'].{id: ExportImageTaskId, done: Progress}"
FIRST_OF_EACH_PAGE = "ExportImageTasks[0].ExportImageTaskId"

COMMANDS = [
    [],
    ["--output", "text"],
    ["--query", STATUS_OF_EACH],
    ["--query", STATUS_OF_EACH, "--output", "text"],
    ["--query", ACTIVE_PROGRESS, "--output", "text"],
    ["--query", ACTIVE_PROGRESS, "--output", "json"],
    ["--query", "length(ExportImageTasks)", "--output", "text"],
    ["--query", "ExportImageTasks[0].Tags[?Key=='nothing'] | [0]"],
    ["--max-items", "3"],
    ["--max-items", "3", "--output", "text"],
    ["--max-items", "3", "--query", STATUS_OF_EACH, "--output", "text"],
    ["--max-items", "3", "--query", "NextToken"],
    ["--page-size", "2"],
    ["--page-size", "2", "--output", "text"],
    ["--page-size", "2", "--query", FIRST_OF_EACH_PAGE, "--output", "text"],
    ["--page-size", "2", "--max-items", "5", "--output", "text"],
    ["--no-paginate"],
    ["--no-paginate", "--output", "text"],
    ["--no-paginate", "--query", STATUS_OF_EACH, "--output", "text"],
]


_NAMESPACE = b'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"'

ODD_TASKS = [
    b"<item><statusMessage>uploading</statusMessage><status>ACTIVE</status>"
    b"<futureField><nested>1</nested></futureField><diskImageFormat>vmdk</diskImageFormat>"
    b"<s3ExportLocation><s3Prefix>vms/</s3Prefix><extra>x</extra><s3Bucket>demo-exports"
    b"</s3Bucket></s3ExportLocation><progress>45</progress>"
    b"<tagSet><item><value>imaging</value><key>team</key></item></tagSet>"
    b"<exportImageTaskId>export-ami-0000000000000d000</exportImageTaskId></item>",
    b"<item><exportImageTaskId>export-ami-0000000000000d001</exportImageTaskId>"
    b"<status>COMPLETED</status></item>",
    b"<item><description>a &amp; b &lt;c&gt; &#233;&#x2713;</description>"
    b"<exportImageTaskId>export-ami-0000000000000d002</exportImageTaskId>"
    b"<status>active</status><progress>5</progress><imageId>ami-0000000000000a000</imageId>"
    b"</item>",
    b"<item><exportImageTaskId>export-ami-0000000000000d003</exportImageTaskId>"
    b"<status>Deleting</status><tagSet/></item>",
    b"<item><exportImageTaskId>export-ami-0000000000000d004</exportImageTaskId></item>",
    b"<item><status>ACTIVE</status><exportImageTaskId>export-ami-0000000000000d005"
    b"</exportImageTaskId><progress>80</progress><roleName>vmimport</roleName></item>",
]
"""Tasks as EC2 may send them: statuses in capitals and mixed case, elements botocore does not
know (``diskImageFormat``: ``vmdk``, as in aws-cli's documented answer), elements in another
order than botocore's model, XML's entities, optional keys missing (one task has only its id)."""


def _odd_listing(action: str, parameters: Mapping[str, str]) -> Reply:
    """``ODD_TASKS``, paged by ``MaxResults``; the token (before the list) is the next offset."""
    start = int(parameters.get("NextToken", "0"))
    end = start + int(parameters.get("MaxResults", "1000"))
    token = b"<nextToken>%d</nextToken>" % end if end < len(ODD_TASKS) else b""
    return Reply(
        200,
        b'<?xml version="1.0" encoding="UTF-8"?>\n<DescribeExportImageTasksResponse %s>'
        b"<requestId>r-1</requestId>%s<unknownSet><item>1</item></unknownSet>"
        b"<exportImageTaskSet>%s</exportImageTaskSet></DescribeExportImageTasksResponse>"
        % (_NAMESPACE, token, b"".join(ODD_TASKS[start:end])),
    )


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(
    "endpoint", [lambda: _ec2(6), lambda: _odd_listing], ids=["local endpoint", "odd answer"]
)
def test_list_prints_what_aws_cli_prints(
    argv: list[str], endpoint: Callable[[], Handler], capsys: pytest.CaptureFixture[str]
) -> None:
    status, ours = _ours(endpoint(), argv, capsys)

    assert (status, ours) == (0, _aws(endpoint(), argv))


def test_the_odd_listing_is_printed_as_ec2_sent_it(capsys: pytest.CaptureFixture[str]) -> None:
    """What the comparison above holds to: EC2's case kept, nothing added, the unknown dropped,
    the keys in botocore's order."""
    status, out = _ours(_odd_listing, ["--output", "json", "--max-items", "2"], capsys)

    assert status == 0
    assert json.loads(out)["ExportImageTasks"] == [
        {
            "ExportImageTaskId": "export-ami-0000000000000d000",
            "Progress": "45",
            "S3ExportLocation": {"S3Bucket": "demo-exports", "S3Prefix": "vms/"},
            "Status": "ACTIVE",
            "StatusMessage": "uploading",
            "Tags": [{"Key": "team", "Value": "imaging"}],
        },
        {"ExportImageTaskId": "export-ami-0000000000000d001", "Status": "COMPLETED"},
    ]
    assert [list(task) for task in json.loads(out)["ExportImageTasks"]] == [
        ["ExportImageTaskId", "Progress", "S3ExportLocation", "Status", "StatusMessage", "Tags"],
        ["ExportImageTaskId", "Status"],
    ]


@st.composite
def _tasks_as_ec2_may_send(draw: st.DrawFn) -> list[dict[str, object]]:
    """Valid tasks, each with its elements in any order and its status in any case."""
    tasks: list[dict[str, object]] = []
    for task in draw(st.lists(boto_dicts(ExportImageTask), max_size=3)):
        shown: dict[str, object] = dict(task)
        if "Status" in task:
            shown["Status"] = draw(st.sampled_from([str.upper, str.lower, str.title]))(
                task["Status"]
            )
        tasks.append({key: shown[key] for key in draw(st.permutations(list(shown)))})
    return tasks


@pytest.mark.usefixtures("aws_cli_env")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tasks=_tasks_as_ec2_may_send(), style=st.sampled_from(["json", "text"]))
def test_list_prints_what_aws_cli_prints_of_any_valid_page(
    tasks: list[dict[str, object]], style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def answered(action: str, parameters: Mapping[str, str]) -> Reply:
        return page_reply(tasks)

    status, ours = _ours(answered, ["--output", style], capsys)

    assert (status, ours) == (0, _aws(answered, ["--output", style]))


def _without_the_list(action: str, parameters: Mapping[str, str]) -> Reply:
    return Reply(
        200,
        b"<DescribeExportImageTasksResponse %s><requestId>r-1</requestId>"
        b"</DescribeExportImageTasksResponse>" % _NAMESPACE,
    )


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize(
    "argv",
    [[], ["--output", "text"], ["--query", "ExportImageTasks"], ["--no-paginate"]],
    ids=" ".join,
)
def test_an_answer_without_the_list_prints_what_aws_cli_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, ours = _ours(_without_the_list, argv, capsys)

    assert (status, ours) == (0, _aws(_without_the_list, argv))


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize(
    "argv", [[], ["--output", "text"], ["--query", "ExportImageTasks"]], ids=" ".join
)
def test_an_empty_listing_prints_what_aws_cli_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    ec2 = _ec2(0)

    status, ours = _ours(ec2, argv, capsys)

    assert (status, ours) == (0, _aws(ec2, argv))


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize(
    "argv",
    [
        ["--no-paginate"],
        ["--no-paginate", "--output", "text"],
        ["--query", "NextToken", "--no-paginate"],
    ],
    ids=" ".join,
)
def test_no_paginate_prints_the_first_page_and_ec2s_token_as_aws_cli_does(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    requests: list[dict[str, str]] = []

    def first_of_two_pages(action: str, parameters: Mapping[str, str]) -> Reply:
        requests.append(dict(parameters))
        return page_reply([sample_task(0).to_boto(), sample_task(1).to_boto()], "page-2")

    status, ours = _ours(first_of_two_pages, argv, capsys)

    assert (status, ours) == (0, _aws(first_of_two_pages, argv))
    assert len(requests) == 2  # one each


def _aws_text_rows(document: object) -> list[str]:
    """What ``awscli/text.py`` writes for ``document``, line by line."""
    text = importlib.import_module("awscli.text")
    out = io.StringIO()
    text.format_text(document, out)
    return out.getvalue().splitlines()


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(
        st.characters(codec="utf-8", exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
        max_size=5,
    )
)
_KEYS = st.sampled_from(["Status", "Tags", "Key", "Value", "a", "B", "nested"])


def _documents(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Dicts, lists of dicts, lists of scalars and lists: the shapes aws-cli's text writes."""
    dicts = st.dictionaries(_KEYS, children, max_size=4)
    return (
        dicts
        | st.lists(dicts, max_size=3)
        | st.lists(_SCALARS | st.lists(children, max_size=2), max_size=3)
    )


@settings(max_examples=60, deadline=None)
@given(st.recursive(_SCALARS, _documents, max_leaves=12))
def test_text_rows_are_aws_clis_for_any_document(document: object) -> None:
    try:
        expected = _aws_text_rows(document)
    except AttributeError:  # aws-cli's own failure: a list that mixes dicts with other values
        reject()
    assert text_rows(document, str) == expected


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["--query", "ExportImageTasks[", "--output", "json"],
            "argument --query: invalid JMESPath 'ExportImageTasks[': "
            "Invalid jmespath expression: Incomplete expression\n",
        ),
        (
            ["--no-paginate", "--max-items", "2", "--page-size", "1"],
            "argument --no-paginate: not allowed with --max-items, --page-size",
        ),
        (
            ["--no-paginate", "--starting-token", "abc"],
            "argument --no-paginate: not allowed with --starting-token",
        ),
        (
            ["--query", "ExportImageTasks", "--output", "table"],
            "argument --query: applies to --output json or text, not table",
        ),
        (
            ["--query", "ExportImageTasks", "--output", "jsonl"],
            "argument --query: applies to --output json or text, not jsonl",
        ),
    ],
)
def test_options_that_mean_nothing_are_bad_usage_before_anything_is_sent(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ec2 = LocalEC2()

    status: object
    try:
        status = main(["list", *argv], client=ec2.client)
    except SystemExit as usage_error:  # argparse's: the grammar refused it
        status = usage_error.code

    out, err = capsys.readouterr()
    assert (status, out, ec2.requests) == (2, "", [])
    assert err.startswith(f"error: {said}")
    assert err.count("\n") == 1


def test_a_query_on_a_terminal_prints_json_as_aws_cli_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    ec2 = _ec2(2)

    status = main(["list", "--query", STATUS_OF_EACH], client=ec2.client)

    assert (status, terminal.getvalue()) == (0, '[\n    "active",\n    "completed"\n]\n')


def test_text_on_a_terminal_escapes_what_would_drive_it(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    ec2 = LocalEC2()
    forged = "x\tforged\n\x9b2J"
    ec2.add_task(sample_task(0).model_copy(update={"description": forged}))

    status = main(
        ["list", "--output", "text", "--query", "ExportImageTasks[].Description"], client=ec2.client
    )

    assert (status, terminal.getvalue()) == (0, "x\\tforged\\n\\x9b2J\n")


def test_text_that_fails_part_way_has_printed_its_pages_and_says_how_to_go_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def one_page_then_throttled(action: str, parameters: Mapping[str, str]) -> Reply:
        if "NextToken" in parameters:
            return error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))
        return page_reply([sample_task(0).to_boto()], "page-2")

    status, out = _ours(
        one_page_then_throttled,
        ["--output", "text", "--query", "ExportImageTasks[].Status"],
        capsys,
    )

    assert (status, out) == (1, "active\n")
    assert "continue with --starting-token " in capsys.readouterr().err


@pytest.mark.parametrize("style", ["json", "text"])
def test_a_query_that_fails_on_the_tasks_is_bad_usage_in_one_line(
    style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        ["list", "--query", "nope(ExportImageTasks)", "--output", style], client=_ec2(1).client
    )

    out, err = capsys.readouterr()
    assert (status, out, err) == (2, "", "error: argument --query: Unknown function: nope()\n")


_DEMO_COMMANDS = tuple(
    f"ec2-export-image-tasks --demo {name} " for name in ("list", "export", "cancel")
)


def _readme_examples() -> list[tuple[str, str]]:
    """The command line section's ``console`` examples on the demo (of ``list``, ``export``
    and ``cancel``): each command and what it prints."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.partition("## The command line")[2].partition("\n## ")[0]
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.DOTALL):
        for example in block.split("$ ")[1:]:
            command, _, printed = example.partition("\n")
            if command.startswith(_DEMO_COMMANDS):
                examples.append((command, printed))
    return examples


@pytest.mark.parametrize(("command", "printed"), _readme_examples())
def test_the_readmes_examples_print_what_it_says(
    command: str, printed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    program, *argv = shlex.split(command)

    status = main(argv, sleep=lambda seconds: None, clock=lambda: 1000.0)

    assert (program, status, capsys.readouterr().out) == ("ec2-export-image-tasks", 0, printed)


@pytest.mark.parametrize(
    ("style", "printed"),
    [
        ("json", '"ACTIVE"'),
        ("text", "ACTIVE"),
        ("jsonl", '{"ExportImageTaskId": "export-ami-0000000000000d005", "Status": "active"'),
        ("table", "export-ami-0000000000000d005  active"),
    ],
)
@pytest.mark.parametrize("paging", [[], ["--no-paginate"]], ids=["listing", "no-paginate"])
def test_json_and_text_print_ec2s_case_and_table_and_jsonl_the_models(
    style: str, printed: str, paging: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    def shouted(action: str, parameters: Mapping[str, str]) -> Reply:
        return page_reply(
            [{"ExportImageTaskId": "export-ami-0000000000000d005", "Status": "ACTIVE"}]
        )

    query = ["--query", "ExportImageTasks[0].Status"] if style in ("json", "text") else []
    status, out = _ours(shouted, ["--output", style, *query, *paging], capsys)

    assert (status, out.splitlines()[-1].startswith(printed)) == (0, True)


_FIRST = {"ExportImageTaskId": "export-ami-0000000000000d000", "Status": "ACTIVE"}


def _valid_then_invalid(action: str, parameters: Mapping[str, str]) -> Reply:
    if "NextToken" in parameters:
        return page_reply([{"ExportImageTaskId": "export-ami-00000000000000bad", "Progress": "x"}])
    return page_reply([_FIRST], "2")


@pytest.mark.parametrize(
    ("style", "printed"),
    [("json", [_FIRST]), ("text", "EXPORTIMAGETASKS\texport-ami-0000000000000d000\tACTIVE\n")],
)
def test_an_invalid_task_is_still_refused_after_the_tasks_before_it(
    style: str, printed: object, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _ours(_valid_then_invalid, ["--output", style], capsys)

    err = capsys.readouterr().err
    assert status == 3
    assert (json.loads(out)["ExportImageTasks"] if style == "json" else out) == printed
    assert err.startswith("error: AWS sent an invalid task: item export-ami-00000000000000bad: ")
    assert "Progress" in err
    assert "continue with" not in err


@pytest.mark.parametrize("style", ["json", "text"])
def test_a_listing_that_fails_part_way_prints_the_tasks_as_ec2_sent_them(
    style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def one_page_then_throttled(action: str, parameters: Mapping[str, str]) -> Reply:
        if "NextToken" in parameters:
            return error_reply(Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503))
        return _odd_listing(action, {"MaxResults": "2"})

    status, out = _ours(one_page_then_throttled, ["--output", style], capsys)

    assert status == 1
    assert ('"Status": "COMPLETED"' if style == "json" else "\tCOMPLETED\t") in out
    assert "continue with --starting-token " in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--output", "json"], ["--query", "NextToken"]], ids=" ".join)
def test_list_leaves_no_handler_on_its_client(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """What reads botocore's parse for a run is registered for the run only: afterwards the
    client holds no handler of it, and so no page."""
    ec2 = _ec2(2)

    assert main(["list", *argv], client=ec2.client) == 0

    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, ParsedPages)] == []


def test_no_paginate_in_jsonl_prints_one_page_and_says_how_to_go_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    requests: list[dict[str, str]] = []

    def first_of_two_pages(action: str, parameters: Mapping[str, str]) -> Reply:
        requests.append(dict(parameters))
        return page_reply([sample_task(0).to_boto()], "page-2")

    status, out = _ours(first_of_two_pages, ["--no-paginate", "--output", "jsonl"], capsys)

    assert (status, len(out.splitlines()), len(requests)) == (0, 1, 1)
    assert capsys.readouterr().err.startswith("more tasks: continue with --starting-token ")


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize("style", ["json", "text"])
@pytest.mark.parametrize(
    "endpoint", [lambda: _ec2(6), lambda: _odd_listing], ids=["local endpoint", "odd answer"]
)
def test_a_listing_resumed_from_aws_clis_token_prints_what_aws_cli_prints(
    style: str, endpoint: Callable[[], Handler], capsys: pytest.CaptureFixture[str]
) -> None:
    ec2 = endpoint()
    token = json.loads(_aws(ec2, ["--max-items", "2", "--page-size", "3", "--query", "NextToken"]))
    argv = ["--starting-token", token, "--max-items", "2", "--output", style]

    status, ours = _ours(ec2, argv, capsys)

    assert (status, ours) == (0, _aws(ec2, argv))


# export and cancel: the same options given to both tools (ours takes aws-cli's spellings), each
# against a fresh endpoint in the same state, so that both start the same export.

EXPORT_OPTIONS = [
    "--image-id",
    IMAGE,
    "--disk-image-format",
    "VMDK",
    "--s3-export-location",
    "S3Bucket=demo-exports,S3Prefix=vms/",
    "--description",
    "nightly & <weekly> café",
    "--tag-specifications",
    "ResourceType=export-image-task,Tags=[{Key=team,Value=imaging},{Key=site,Value=eu-west-1}]",
]

ODD_EXPORT_ANSWER = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<ExportImageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
    b"<requestId>r-1</requestId><exportImageTaskId>export-ami-0123456789abcdef0</exportImageTaskId>"
    b"<futureField><nested>1</nested></futureField><status>ACTIVE</status>"
    b"<description>a &amp; b &lt;c&gt; &#233;&#x2713;</description><diskImageFormat>vmdk"
    b"</diskImageFormat><s3ExportLocation><s3Bucket>demo-exports</s3Bucket><extra>x</extra>"
    b"</s3ExportLocation></ExportImageResponse>"
)
"""ExportImage's answer as EC2 may send it: unknown elements, a status in capitals, XML's
entities and character references, no progress, image, role, prefix, message or tags."""


def _exporting() -> LocalEC2:
    """A fresh local EC2 holding the image and the bucket: each starts export ``...d000``."""
    ec2 = LocalEC2()
    ec2.images.add(IMAGE)
    ec2.buckets.add("demo-exports")
    return ec2


def _odd_answer(action: str, parameters: Mapping[str, str]) -> Reply:
    return Reply(200, ODD_EXPORT_ANSWER)


EXPORT_OUTPUTS = [
    ["--output", "json"],
    ["--output", "text"],
    ["--query", "ExportImageTaskId"],
    ["--query", "ExportImageTaskId", "--output", "text"],
    ["--query", "[ExportImageTaskId, Status, Progress]", "--output", "text"],
    ["--query", "{id: ExportImageTaskId, to: S3ExportLocation, tags: Tags}", "--output", "text"],
    ["--query", "Tags[?Key=='team'].Value | [0]"],
    ["--query", "Missing"],
    ["--query", "Missing", "--output", "text"],
]


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize("argv", EXPORT_OUTPUTS, ids=" ".join)
@pytest.mark.parametrize(
    "endpoint", [_exporting, lambda: _odd_answer], ids=["local endpoint", "odd answer"]
)
def test_export_prints_what_aws_cli_prints(
    argv: list[str], endpoint: Callable[[], Handler], capsys: pytest.CaptureFixture[str]
) -> None:
    status, ours = _ours(endpoint(), [*EXPORT_OPTIONS, *argv], capsys, "export")

    assert (status, ours) == (0, _aws(endpoint(), [*EXPORT_OPTIONS, *argv], "export-image"))


def test_the_odd_answer_is_printed_as_ec2_sent_it(capsys: pytest.CaptureFixture[str]) -> None:
    """What the comparison above holds to: nothing of the answer added, dropped or read anew."""
    status, out = _ours(_odd_answer, [*EXPORT_OPTIONS, "--output", "json"], capsys, "export")

    assert (status, json.loads(out)) == (
        0,
        {
            "DiskImageFormat": "vmdk",
            "Description": "a & b <c> é✓",
            "ExportImageTaskId": "export-ami-0123456789abcdef0",
            "S3ExportLocation": {"S3Bucket": "demo-exports"},
            "Status": "ACTIVE",
        },
    )


def _cancelling() -> LocalEC2:
    """A fresh local EC2 holding one active export, ``...d000``, to cancel."""
    ec2 = LocalEC2()
    ec2.add_task(sample_task(0))
    return ec2


CANCEL_OUTPUTS = [
    ["--output", "json"],
    ["--output", "text"],
    ["--query", "ExportTaskId"],
    ["--query", "ExportTaskId", "--output", "text"],
    ["--query", "@"],
    ["--query", "@", "--output", "text"],
    ["--query", "[@]", "--output", "text"],
]


@pytest.mark.usefixtures("aws_cli_env")
@pytest.mark.parametrize("argv", CANCEL_OUTPUTS, ids=" ".join)
def test_cancel_prints_what_aws_cli_prints(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    task = ["--export-task-id", sample_task(0).export_image_task_id or ""]

    status, ours = _ours(_cancelling(), [*task, *argv], capsys, "cancel")

    assert (status, ours) == (0, _aws(_cancelling(), [*task, *argv], "cancel-export-task"))


@pytest.mark.usefixtures("aws_cli_env")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answer=boto_dicts(ExportImageResponse).filter(lambda answer: "ExportImageTaskId" in answer),
    style=st.sampled_from(["json", "text"]),
)
def test_export_prints_what_aws_cli_prints_of_any_valid_answer(
    answer: Mapping[str, object], style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    members = {key: value for key, value in answer.items() if key != "ResponseMetadata"}
    body = xml.response("ExportImage", members, "r-1")

    def answered(action: str, parameters: Mapping[str, str]) -> Reply:
        return Reply(200, body)

    argv = [*EXPORT_OPTIONS, "--output", style]
    status, ours = _ours(answered, argv, capsys, "export")

    assert (status, ours) == (0, _aws(answered, argv, "export-image"))


@pytest.mark.usefixtures("aws_cli_env")
def test_a_refusal_is_status_1_where_aws_cli_v1_says_255(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The README's exit statuses: both tools end a refusal non-zero, ours with its own status.
    unknown = ["--export-task-id", "export-ami-0123456789abcdef0"]

    aws_status, _, aws_err = _aws_run(LocalEC2(), unknown, "cancel-export-task")
    status, _ = _ours(LocalEC2(), unknown, capsys, "cancel")

    assert (aws_status, status) == (255, 1)
    assert "InvalidExportTaskID.NotFound" in aws_err
    assert "InvalidExportTaskID.NotFound" in capsys.readouterr().err
