"""``list`` that fails part way: what was received is printed, and the error says how to go on.

Each run is in-process against a real botocore client answered locally; the way on is taken
from the error line and followed, as a user would.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.paginator._cursor import MAX_EMPTY_PAGES
from ec2_export_image_tasks.testing import Ec2Error, make_client

from ..paginator.helpers import (
    ChangingListing,
    EmptyPagesWithFreshTokens,
    Failing,
    ScriptedPages,
    ShapedListing,
    good,
    task_id,
)
from .helpers import Run

if TYPE_CHECKING:
    from ec2_export_image_tasks.testing import Handler

    from ..paginator.helpers import Task

OUTPUTS = ["json", "jsonl", "table"]


@pytest.fixture
def list_tasks(capsys: pytest.CaptureFixture[str]) -> ListTasks:
    return ListTasks(capsys)


class ListTasks:
    """``list`` against a handler, in-process; its status, stdout and stderr."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, handler: Handler, *argv: str) -> Run:
        status = main(["list", *argv], client=make_client(handler))
        captured = self._capsys.readouterr()
        return Run(status, captured.out, captured.err)


def printed_ids(output: str, out: str) -> list[str]:
    """The task ids ``list --output output`` printed, in order."""
    if output == "json":
        return [task["ExportImageTaskId"] for task in json.loads(out)["ExportImageTasks"]]
    if output == "jsonl":
        return [json.loads(line)["ExportImageTaskId"] for line in out.splitlines()]
    return [line.split()[0] for line in out.splitlines()[1:]]


def way_on(err: str) -> str:
    """The token the error line says to continue with."""
    (line,) = err.splitlines()
    return line.split("(continue with --starting-token ")[1].removesuffix(")")


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_listing_that_fails_part_way_prints_what_it_received_and_the_token_to_go_on(
    list_tasks: ListTasks, output: str
) -> None:
    failed = list_tasks(ShapedListing(total=8, sizes=[3], failing={2}), "--output", output)
    token = way_on(failed.err)
    rest = list_tasks(
        ShapedListing(total=8, sizes=[3]), "--output", output, "--starting-token", token
    )

    assert failed.status == 1
    assert failed.err.startswith("error: AWS InternalError: injected (continue with")
    assert printed_ids(output, failed.out) == [task_id(n) for n in range(6)]
    assert (rest.status, rest.err) == (0, "")
    assert printed_ids(output, rest.out) == [task_id(n) for n in range(6, 8)]


def test_a_failed_json_listing_says_where_it_stopped_in_the_document_too(
    list_tasks: ListTasks,
) -> None:
    failed = list_tasks(ShapedListing(total=8, sizes=[3], failing={2}), "--output", "json")

    assert json.loads(failed.out)["NextToken"] == way_on(failed.err)


def test_a_resumed_listing_that_fails_at_once_gives_back_its_own_token(
    list_tasks: ListTasks,
) -> None:
    failed = list_tasks(ShapedListing(total=8, sizes=[3], failing={0}), "--starting-token", "at-3")

    assert (failed.status, failed.out) == (1, "")
    assert way_on(failed.err) == "at-3"


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_fresh_listing_that_fails_at_once_prints_nothing_and_no_token(
    list_tasks: ListTasks, output: str
) -> None:
    failed = list_tasks(ShapedListing(total=8, sizes=[3], failing={0}), "--output", output)

    assert (failed.status, failed.out) == (1, "")
    assert failed.err == "error: AWS InternalError: injected\n"


def test_a_next_token_cycle_says_to_list_again_and_offers_no_token(list_tasks: ListTasks) -> None:
    script = ScriptedPages([([good(0)], "A"), ([good(1)], "B"), ([good(2)], "A")])

    failed = list_tasks(script, "--output", "jsonl")

    assert failed.status == 1
    assert printed_ids("jsonl", failed.out) == [task_id(n) for n in range(3)]
    assert "list again later, from the start" in failed.err
    assert "--starting-token" not in failed.err
    assert failed.err.count("\n") == 1


Page = tuple[list["Task"], str | None]
EXPIRED = Ec2Error("InvalidPaginationToken", "The pagination token is invalid or expired.", 400)


@pytest.mark.parametrize(
    ("pages", "argv"),
    [([([good(0)], "A"), EXPIRED], ()), ([EXPIRED], ("--starting-token", "A"))],
    ids=["part way", "at once"],
)
def test_a_token_ec2_calls_invalid_is_not_offered_as_the_way_on(
    list_tasks: ListTasks,
    pages: list[tuple[list[Task], str | None] | Ec2Error],
    argv: tuple[str, ...],
) -> None:
    """Resuming from it would meet the same refusal: list again, from the start."""
    failed = list_tasks(ScriptedPages(pages), "--output", "jsonl", *argv)

    assert failed.status == 1
    assert failed.err == (
        "error: AWS InvalidPaginationToken: The pagination token is invalid or expired.\n"
    )


def test_endless_empty_pages_stop_with_the_token_that_goes_on(list_tasks: ListTasks) -> None:
    server = EmptyPagesWithFreshTokens({MAX_EMPTY_PAGES: 7})

    failed = list_tasks(server, "--output", "jsonl")
    resumed = list_tasks(server, "--output", "jsonl", "--starting-token", way_on(failed.err))

    assert (failed.status, failed.out) == (1, "")
    assert f"{MAX_EMPTY_PAGES} pages in a row without a task" in failed.err
    assert printed_ids("jsonl", resumed.out)[:1] == [task_id(7)]


def test_a_starting_token_taken_mid_page_skips_a_task_that_a_completed_one_displaced(
    list_tasks: ListTasks,
) -> None:
    listing = ChangingListing(total=6, size=3)
    first = list_tasks(listing, "--output", "jsonl", "--max-items", "2")
    token = first.err.split("--starting-token ")[1].strip()

    listing.left.add(0)  # it completed: no longer in a listing of active tasks
    rest = list_tasks(listing, "--output", "jsonl", "--starting-token", token)

    assert printed_ids("jsonl", first.out + rest.out) == [task_id(n) for n in (0, 1, 3, 4, 5)]


@pytest.mark.parametrize("output", OUTPUTS)
def test_ctrl_c_part_way_prints_what_was_received_and_the_token_to_go_on(
    list_tasks: ListTasks, output: str
) -> None:
    listing = Failing(ShapedListing(total=8, sizes=[3]), request=1, interrupt=True)

    stopped = list_tasks(listing, "--output", output)
    rest = list_tasks(listing, "--output", output, "--starting-token", way_on(stopped.err))

    assert stopped.status == 130
    assert stopped.err.startswith("error: interrupted (continue with")
    assert printed_ids(output, stopped.out) == [task_id(n) for n in range(3)]
    assert printed_ids(output, rest.out) == [task_id(n) for n in range(3, 8)]
