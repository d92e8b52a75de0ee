"""``ec2-export-image-tasks``: list, watch and wait for export image tasks from a terminal.

``--help``, ``--version`` and bad usage load neither botocore nor pydantic (the grammar is plain
data): what describes a failure, and the commands' own needs, load once a command runs.
"""

from __future__ import annotations

import sys
import time
from functools import cache
from typing import TYPE_CHECKING, cast

from ._invocation import Invocation
from ._signals import EndedBySignal, ended_by_signals
from ._userinfo import hide_userinfo
from .arguments import parse
from .commands import COMMANDS
from .connection import make_client
from .exit_status import describe
from .printable import printable
from .stdout import CheckedOutput, ClosedOutput, Diagnostics, OutputError, discard_pending

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from mypy_boto3_ec2.client import EC2Client

    from .._clients import EC2ClientProtocol

__all__ = ["main"]


def main(
    argv: Sequence[str] | None = None,
    *,
    client: EC2ClientProtocol | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Run the command line; return its exit status.

    ``client`` (instead of one made from the connection options), ``sleep`` and ``clock`` let a
    test run the command line in-process against an endpoint it controls. ``client`` is a real
    botocore EC2 client, however the test typed it: the commands read it through the stubs.
    """
    given = cast("EC2Client | None", client)
    stdout = sys.stdout if sys.stdout is not None else cast("TextIO", ClosedOutput())
    try:
        args = parse(argv, COMMANDS)
    except OutputError as error:  # --help or --version, on a full disk or a closed pipe
        return _report(error, stdout)
    run = Invocation(
        args,
        out=cast("TextIO", CheckedOutput(stdout)),
        err=cast("TextIO", Diagnostics(sys.stderr)),
        client=(lambda: given) if given is not None else cache(lambda: make_client(args, clock)),
        sleep=sleep,
        clock=clock,
    )
    from ._debug import debug_log  # logging and the package metadata: not for --help

    try:
        # SIGTERM, SIGHUP: one line too, and an export's way on; --debug: botocore's log.
        with (
            ended_by_signals(),
            debug_log(args.debug, sys.argv[1:] if argv is None else argv, sys.stderr),
        ):
            status = COMMANDS[args.command].run(run)
        run.out.flush()  # a full disk or a closed pipe shows here, not at exit
    except (Exception, KeyboardInterrupt, EndedBySignal) as error:  # one line and a status
        status = _report(error, stdout)
    return status


def _report(error: BaseException, stdout: TextIO) -> int:
    """Say what went wrong in one line on stderr (none for a reader gone); its exit status."""
    from ._unfinished import notes_of  # with the export calls it describes: not for --help

    status, line = describe(error)
    if isinstance(error, OutputError):
        discard_pending(stdout)
    if line is not None:
        notes = "".join(f" ({note})" for note in notes_of(error))
        # hide_userinfo: botocore quotes an endpoint URL from AWS_ENDPOINT_URL or the config as is.
        Diagnostics(sys.stderr).write(f"error: {printable(hide_userinfo(line + notes))}\n")
    return status
