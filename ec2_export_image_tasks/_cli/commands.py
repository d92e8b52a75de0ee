"""The subcommands, each its grammar and its run, registered in :data:`COMMANDS`.

:data:`COMMANDS` is the one place the command line learns of a subcommand: the parser is built
from it and ``main`` dispatches through it. A new subcommand is one :class:`Command` there.

The grammar is built before any command runs (``--help`` only builds it): what only a run
needs, botocore, pydantic and the models, is imported by the run.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import InvalidItemError, PaginationCycleError
from ..models._facts import MAX_PAGE_SIZE, TASK_STATE_FILTER
from . import output
from ._aws_spellings import add_list_spellings
from ._checked import checked_number
from ._color import colored
from ._input_json import write_skeleton
from ._invocation import Command, Invocation
from ._query import AWS_CLI_STYLES, query_problem
from ._signals import EndedBySignal
from .arguments import OUTPUTS, add_interval, add_query, add_selection, timeout
from .exit_status import BAD_INPUT, OK, TIMED_OUT
from .export_commands import (
    cancel,
    cancel_arguments,
    export,
    export_arguments,
    wait,
    wait_arguments,
)
from .stdout import OutputError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any, TextIO, TypeVar

    from jmespath.parser import ParsedResult

    from .._paginators import ExportImageTaskIterator
    from ..models import DescribeExportImageTasksRequest, ExportImageTask
    from ._parsed_pages import ParsedPages

    T = TypeVar("T")

__all__ = ["COMMANDS"]


def _request(
    args: argparse.Namespace, pagination: dict[str, object] | None = None
) -> DescribeExportImageTasksRequest:
    """The options as one request, validated once, before anything is sent."""
    from ..models import DescribeExportImageTasksRequest

    return DescribeExportImageTasksRequest.model_validate(
        {
            "Filters": [{"Name": TASK_STATE_FILTER, "Values": args.state}] if args.state else None,
            "ExportImageTaskIds": args.ids,
            "PaginationConfig": pagination,
        }
    )


def _token(text: str) -> str:
    """``--starting-token``: not empty (its other checks come with botocore's decoder)."""
    if not text:
        raise argparse.ArgumentTypeError("'': give the token a listing cut short printed")
    return text


def _list_arguments(command: argparse.ArgumentParser) -> None:
    add_selection(command)
    add_list_spellings(command)
    command.add_argument(
        "--max-items",
        type=checked_number("PaginationConfig", "MaxItems"),
        help="stop after this many tasks",
    )
    command.add_argument(
        "--page-size",
        type=checked_number("PaginationConfig", "PageSize"),
        help=f"tasks per request (1 to {MAX_PAGE_SIZE})",
    )
    command.add_argument(
        "--starting-token", type=_token, help="resume where a truncated listing stopped"
    )
    command.add_argument(
        "--output",
        choices=OUTPUTS,
        help="table (default on a terminal), json (otherwise), jsonl, or text as aws-cli's",
    )
    add_query(command)


_PAGING_OPTIONS = {
    "max_items": "--max-items",
    "page_size": "--page-size",
    "starting_token": "--starting-token",
}
"""What ``--no-paginate`` excludes, as in aws-cli."""


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What the list options cannot mean together, as aws-cli refuses it; None if nothing."""
    if args.no_paginate:
        given = [
            option for name, option in _PAGING_OPTIONS.items() if getattr(args, name) is not None
        ]
        if given:
            return f"argument --no-paginate: not allowed with {', '.join(given)}"
    return query_problem(args.query, args.output)


def _list(run: Invocation) -> int:
    from jmespath.exceptions import JMESPathError

    from .._paginators import ExportImageTaskPaginator
    from ._parsed_pages import parsed_pages

    args = run.args
    if args.generate_cli_skeleton:
        return write_skeleton(run, "DescribeExportImageTasks")
    problem = _usage_problem(args)
    if problem is not None:
        run.err.write(f"error: {problem}\n")
        return BAD_INPUT
    config = {
        "MaxItems": args.max_items,
        "PageSize": args.page_size,
        "StartingToken": args.starting_token,
    }
    request = _request(args, {k: v for k, v in config.items() if v is not None} or None)
    client = run.client()
    tasks = ExportImageTaskPaginator(client).paginate(request)
    # A query's result is not tasks: without --output it is JSON, aws-cli's default.
    tabled = run.out.isatty() and args.query is None
    style = args.output or ("table" if tabled else "json")
    try:
        with parsed_pages(client) as parsed:
            listing = _Listing(
                tasks, parsed, args.query, run.out, color=colored(args.color, run.out)
            )
            if args.no_paginate:
                listing.write_first_page(style)
            else:
                listing.write(style)
    except (OutputError, PaginationCycleError, InvalidItemError, JMESPathError):
        # What was printed is unknown; or resuming would go round the loop, or reach the same
        # invalid task, or the same failing --query, again: none is a way on.
        raise
    except (Exception, KeyboardInterrupt, EndedBySignal) as error:
        # The error's one line says how to go on: the token resumes after the last task printed,
        # unless EC2 called the token it holds invalid or expired: resuming would meet that again.
        if tasks.resume_token is not None and not _token_refused(error):
            error.add_note(f"continue with --starting-token {tasks.resume_token}")
        raise
    if tasks.resume_token is not None:
        run.err.write(f"more tasks: continue with --starting-token {tasks.resume_token}\n")
    return OK


def _token_refused(error: BaseException) -> bool:
    """Whether EC2 refused the listing's token (``InvalidPaginationToken``: invalid, expired)."""
    from botocore.exceptions import ClientError

    code = error.response.get("Error", {}).get("Code") if isinstance(error, ClientError) else None
    return code == "InvalidPaginationToken"


class _Listing:
    """One run of ``list`` being written: json and text print the tasks as botocore parsed
    them (``parsed``), as aws-cli does; table and jsonl print the models' view of them."""

    def __init__(
        self,
        tasks: ExportImageTaskIterator,
        parsed: ParsedPages,
        query: ParsedResult | None,
        out: TextIO,
        *,
        color: bool,
    ) -> None:
        self.tasks = tasks
        self.parsed = parsed
        self.query = query
        self.out = out
        self.color = color

    def write_first_page(self, style: str) -> None:
        """``--no-paginate``: one request, and its page as EC2 sent it (with EC2's
        ``NextToken``)."""
        if style in AWS_CLI_STYLES:
            page = next(self.parsed.pages(self.tasks.pages()))  # botocore yields one at least
            output.write_as_aws_cli(style, page, self.query, self.out)
            return
        typed = next(self.tasks.pages(), None)
        received = () if typed is None else typed.export_image_tasks
        if style == "jsonl":
            output.write_jsonl(received, self.out)
        else:
            output.write_table(received, self.out, color=self.color)

    def write(self, style: str) -> None:
        """The tasks in ``style``; if the listing fails part way, the ones received before it.

        ``jsonl`` and ``text`` stream them; a table or a JSON document (whose ``NextToken``
        then resumes after them) is written once the listing has ended, or failed with tasks
        received.
        """
        if style == "jsonl":
            output.write_jsonl(self.tasks, self.out)
        elif style == "text":
            self._write_text_pages()
        elif style == "json":
            self._write_once(self.parsed.tasks(self.tasks), self._write_json)
        else:
            self._write_once(self.tasks, self._write_table)

    def _write_text_pages(self) -> None:
        """aws-cli's text of a listing: each page as it arrives, the query applied to each,
        then the token that resumes a truncated one."""
        for page in self.parsed.pages(self.tasks.pages()):
            output.write_text(
                {"ExportImageTasks": page.get("ExportImageTasks")}, self.query, self.out
            )
        if self.tasks.resume_token is not None:
            token = {"NextToken": {"NextToken": self.tasks.resume_token}}
            output.write_text(token, self.query, self.out)

    def _write_json(self, received: list[dict[str, Any]]) -> None:
        # botocore's full result, which aws-cli prints: the list if a page held one.
        listed = self.parsed.listed
        output.write_json(
            received if listed else None, self.tasks.resume_token, self.query, self.out
        )

    def _write_table(self, received: list[ExportImageTask]) -> None:
        output.write_table(received, self.out, color=self.color)

    def _write_once(self, tasks: Iterable[T], write: Callable[[list[T]], None]) -> None:
        """``write`` every task once the listing has ended, or what came before a failure."""
        received: list[T] = []
        try:
            received.extend(tasks)
        except BaseException:
            if received:
                write(received)
            raise
        write(received)


def _watch_arguments(command: argparse.ArgumentParser) -> None:
    add_selection(command)
    add_interval(command, 2.0, "seconds between polls after a change")
    command.add_argument(
        "--timeout", type=timeout, metavar="SECONDS", help="give up after this many seconds"
    )


def _watch(run: Invocation) -> int:
    from .watch import WatchTimeoutError, bars, lines, watch  # only watch draws, with rich

    drawn = bars if run.out.isatty() else lines
    try:
        # A signal (main's EndedBySignal) passes through the display, which restores the
        # terminal on its way out, then main says so in one line.
        with drawn(run.out, run.err, color=colored(run.args.color, run.out)) as display:
            watch(
                run.client(),
                _request(run.args),
                interval=run.args.interval,
                timeout=run.args.timeout,
                display=display,
                sleep=run.sleep,
                clock=run.clock,
                on_retry=replace(run, err=display.err).warn_retry,  # above the bars
            )
    except WatchTimeoutError as error:  # after the display ended: the line stays below it
        run.err.write(f"error: {error}\n")  # made of printable parts
        return TIMED_OUT
    return OK


def _schema(run: Invocation) -> int:
    from ..models import json_schema

    run.out.write(json.dumps(json_schema(), indent=2) + "\n")
    return OK


def _no_arguments(command: argparse.ArgumentParser) -> None:
    pass


COMMANDS: dict[str, Command] = {
    "list": Command("list export image tasks", _list_arguments, _list),
    "watch": Command("show live progress until no task is active", _watch_arguments, _watch),
    "wait": Command("block until one export completes", wait_arguments, wait),
    "export": Command("start exporting an AMI to S3", export_arguments, export),
    "cancel": Command("cancel an active export", cancel_arguments, cancel),
    "schema": Command("print the JSON Schema of the models", _no_arguments, _schema),
}
