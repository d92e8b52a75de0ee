"""``ec2-export-image-tasks``: list, watch and wait for export image tasks from a terminal."""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING

from ..models import DescribeExportImageTasksRequest, ExportImageTask
from ..models.schema import json_schema
from ..paginator.export_image_tasks import ExportImageTaskPaginator
from ..waiter import wait_for_export
from . import errors, output
from .arguments import parser

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

    from mypy_boto3_ec2.client import EC2Client

__all__ = ["main"]


def main(
    argv: Sequence[str] | None = None,
    *,
    client: EC2Client | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run the command line; return its exit status.

    ``client`` (instead of one made from the connection options), ``sleep`` and ``clock`` let a
    test run the command line in-process against an endpoint it controls.
    """
    args = parser().parse_args(argv)
    try:
        return _run(args, client=client, sleep=sleep, clock=clock)
    except (Exception, KeyboardInterrupt) as error:  # each becomes one line and a status
        status, line = errors.describe(error)
        print(f"error: {line}", file=sys.stderr)
        return status


def _run(
    args: argparse.Namespace,
    *,
    client: EC2Client | None,
    sleep: Callable[[float], None],
    clock: Callable[[], float],
) -> int:
    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2))
        return errors.OK
    client = client or _client(args, clock)
    if args.command == "list":
        return _list(client, args)
    if args.command == "watch":
        from rich.console import Console  # imported here: only watch draws

        from .watch import watch

        watch(client, _request(args), interval=args.interval, sleep=sleep, console=Console())
        return errors.OK
    wait_for_export(  # returns only once completed; raises otherwise
        client,
        args.task_id,
        interval=args.interval,
        timeout=args.timeout,
        on_progress=_print_progress,
        sleep=sleep,
        clock=clock,
    )
    return errors.OK


def _client(args: argparse.Namespace, clock: Callable[[], float]) -> EC2Client:
    if args.demo:
        from ..testing.demo import demo_ec2  # imported here: the demo only when asked for

        return demo_ec2(clock).client
    import boto3

    session = boto3.session.Session(profile_name=args.profile, region_name=args.region)
    return session.client("ec2", endpoint_url=args.endpoint_url)  # pyright: ignore[reportUnknownMemberType]


def _request(
    args: argparse.Namespace, pagination: dict[str, object] | None = None
) -> DescribeExportImageTasksRequest:
    """The options as one request, validated once, before anything is sent."""
    return DescribeExportImageTasksRequest.model_validate(
        {
            "Filters": [{"Name": "task-state", "Values": args.state}] if args.state else None,
            "ExportImageTaskIds": args.ids,
            "PaginationConfig": pagination,
        }
    )


def _list(client: EC2Client, args: argparse.Namespace) -> int:
    config = {
        "MaxItems": args.max_items,
        "PageSize": args.page_size,
        "StartingToken": args.starting_token,
    }
    request = _request(args, {k: v for k, v in config.items() if v is not None} or None)
    tasks = ExportImageTaskPaginator(client).paginate(request)
    style = args.output or ("table" if sys.stdout.isatty() else "json")
    if style == "json":
        output.write_json(list(tasks), tasks.resume_token, sys.stdout)
        return errors.OK
    (output.write_table if style == "table" else output.write_jsonl)(tasks, sys.stdout)
    if tasks.resume_token is not None:
        print(f"more tasks: continue with --starting-token {tasks.resume_token}", file=sys.stderr)
    return errors.OK


def _print_progress(task: ExportImageTask) -> None:
    progress = "" if task.progress is None else f" {task.progress}%"
    print(f"{task.export_image_task_id} {task.status}{progress}", flush=True)
