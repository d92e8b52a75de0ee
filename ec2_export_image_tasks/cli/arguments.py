"""The command line's grammar, with aws-cli's conventions for the connection options."""

from __future__ import annotations

import argparse

from ..models import ExportImageTaskStatus

__all__ = ["OUTPUTS", "STATES", "parser"]

STATES = [status.value for status in ExportImageTaskStatus]
OUTPUTS = ["table", "json", "jsonl"]


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


def parser() -> argparse.ArgumentParser:
    """``ec2-export-image-tasks [connection options] COMMAND [options]``."""
    top = argparse.ArgumentParser(
        prog="ec2-export-image-tasks",
        description="List, watch and wait for EC2 export image tasks, typed and validated.",
        epilog="Exit status: 0 ok, 1 AWS error, 2 bad usage or input, 3 invalid data from AWS, "
        "4 no credentials or region, 5 export deleted, 6 wait timed out, 130 interrupted.",
    )
    top.add_argument("--region", help="AWS region (default: from your AWS configuration)")
    top.add_argument("--profile", help="named profile from your AWS configuration")
    top.add_argument("--endpoint-url", help="send requests to this URL instead of AWS")
    top.add_argument(
        "--demo",
        action="store_true",
        help="use the built-in local endpoint, seeded with exports that progress over time",
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="list export image tasks")
    _add_selection(listing)
    listing.add_argument("--max-items", type=int, help="stop after this many tasks")
    listing.add_argument("--page-size", type=int, help="tasks per request (1 to 500)")
    listing.add_argument("--starting-token", help="resume where a truncated listing stopped")
    listing.add_argument(
        "--output", choices=OUTPUTS, help="table (default on a terminal) or json (otherwise)"
    )

    watch = commands.add_parser("watch", help="show live progress until no task is active")
    _add_selection(watch)
    watch.add_argument(
        "--interval", type=_positive, default=2.0, help="first polling interval in seconds"
    )

    wait = commands.add_parser("wait", help="block until one export completes")
    wait.add_argument("task_id", metavar="TASK_ID", help="export-ami-...")
    wait.add_argument("--timeout", type=_positive, help="give up after this many seconds")
    wait.add_argument("--interval", type=_positive, default=15.0, help="seconds between polls")

    commands.add_parser("schema", help="print the JSON Schema of the models")
    return top


def _add_selection(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--state", action="append", choices=STATES, help="only tasks in this state (repeatable)"
    )
    command.add_argument(
        "--id", action="append", dest="ids", metavar="TASK_ID", help="only this task (repeatable)"
    )
