"""The subcommands, each its grammar and its run, registered in :data:`COMMANDS`.

:data:`COMMANDS` is the one place the command line learns of a subcommand: the parser is built
from it and ``main`` dispatches through it. A new subcommand is one :class:`Command` there.

The grammar is built before any command runs (``--help`` only builds it): what only a run
needs, botocore, pydantic and the models, is imported by the run.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import InvalidItemError, PaginationCycleError
from ..models._facts import MAX_PAGE_SIZE, TASK_STATE_FILTER
from . import output
from ._invocation import Command, Invocation
from ._signals import EndedBySignal
from .arguments import OUTPUTS, add_interval, add_selection, timeout
from .exit_status import OK, TIMED_OUT
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
    import argparse
    from typing import TextIO

    from .._paginators import ExportImageTaskIterator
    from ..models import DescribeExportImageTasksRequest, ExportImageTask

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


def _list_arguments(command: argparse.ArgumentParser) -> None:
    add_selection(command)
    command.add_argument("--max-items", type=int, help="stop after this many tasks")
    command.add_argument("--page-size", type=int, help=f"tasks per request (1 to {MAX_PAGE_SIZE})")
    command.add_argument("--starting-token", help="resume where a truncated listing stopped")
    command.add_argument(
        "--output", choices=OUTPUTS, help="table (default on a terminal) or json (otherwise)"
    )


def _list(run: Invocation) -> int:
    from .._paginators import ExportImageTaskPaginator

    args = run.args
    config = {
        "MaxItems": args.max_items,
        "PageSize": args.page_size,
        "StartingToken": args.starting_token,
    }
    request = _request(args, {k: v for k, v in config.items() if v is not None} or None)
    tasks = ExportImageTaskPaginator(run.client()).paginate(request)
    style = args.output or ("table" if run.out.isatty() else "json")
    try:
        _write_listing(style, tasks, run.out)
    except (OutputError, PaginationCycleError, InvalidItemError):
        # What was printed is unknown; or resuming would go round the loop, or reach the same
        # invalid task, again: neither is a way on.
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


def _write_listing(style: str, tasks: ExportImageTaskIterator, out: TextIO) -> None:
    """The tasks in ``style``; if the listing fails part way, the ones received before it.

    ``jsonl`` streams them; a table or a JSON document (whose ``NextToken`` then resumes
    after them) is written once the listing has ended, or failed with tasks received.
    """
    if style == "jsonl":
        output.write_jsonl(tasks, out)
        return
    received: list[ExportImageTask] = []

    def write() -> None:
        if style == "json":
            output.write_json(received, tasks.resume_token, out)
        else:
            output.write_table(received, out)

    try:
        received.extend(tasks)
    except BaseException:
        if received:
            write()
        raise
    write()


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
        with drawn(run.out, run.err) as display:
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
