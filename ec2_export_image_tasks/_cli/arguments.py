"""The command line's grammar, with aws-cli's conventions for the connection options.

As in aws-cli, the connection options go before or after the command (``list --demo``), and a
number that no clock can mean (``nan``, ``inf``, ``1e-300``) is bad usage, refused before
anything is sent.

The grammar is plain data: it imports neither botocore nor pydantic, so that ``--help``,
``--version`` and bad usage answer at once. A check that needs them imports them in its
``type`` converter, when its option is given (tests/cli/test_startup.py holds this).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from typing import TYPE_CHECKING, NoReturn, cast

from .. import __version__
from .._intervals import MAX_INTERVAL, MIN_INTERVAL
from ..models._facts import TASK_STATES
from ._aws_spellings import reconcile
from ._checked import checked
from ._completion import SHELLS, completion_script
from ._input_json import input_document
from ._query import add_query_option
from ._shorthand import is_utf8
from ._userinfo import hide_userinfo
from .connection import DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT
from .printable import printable
from .stdout import CheckedOutput, ClosedOutput, Diagnostics

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any, TextIO

    from _typeshed import SupportsWrite

    from ._invocation import Command

__all__ = [
    "COLORS",
    "OUTPUTS",
    "PROG",
    "STATES",
    "add_interval",
    "add_query",
    "add_selection",
    "parse",
    "parser",
    "timeout",
]

PROG = "ec2-export-image-tasks"
STATES = list(TASK_STATES)
OUTPUTS = ["table", "json", "jsonl", "text"]
COLORS = ["auto", "on", "off"]
COMPLETION = "completion"
"""The subcommand that prints shell completion: the grammar's own, not one of the commands."""

MAX_SOCKET_TIMEOUT = 86400
"""The longest ``--cli-*-timeout``, a day, as the longest interval (0 still waits forever)."""


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds, got {text}")
    return value


def _interval(text: str) -> float:
    """A polling interval: at least :data:`MIN_INTERVAL`, at most a day (``MAX_INTERVAL``)."""
    value = _seconds(text)
    if value < MIN_INTERVAL:
        raise argparse.ArgumentTypeError(f"must be at least {MIN_INTERVAL:g} s, got {text}")
    if value > MAX_INTERVAL:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_INTERVAL:g} s, got {text}")
    return value


def add_interval(command: argparse.ArgumentParser, default: float, meaning: str) -> None:
    """``--interval SECONDS``, at least :data:`MIN_INTERVAL`."""
    command.add_argument(
        "--interval",
        type=_interval,
        default=default,
        metavar="SECONDS",
        help=f"{meaning}, at least {MIN_INTERVAL:g} (default {default:g})",
    )


def timeout(text: str) -> float:
    """A deadline in seconds: finite and greater than 0."""
    value = _seconds(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


def _socket_timeout(text: str) -> int:
    """aws-cli's ``--cli-*-timeout``: whole seconds, 0 for none."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of seconds: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no timeout) or more, got {text}")
    if value > MAX_SOCKET_TIMEOUT:  # a socket's timeout overflows long before 1e10
        raise argparse.ArgumentTypeError(f"must be at most {MAX_SOCKET_TIMEOUT} s, got {text}")
    return value


def _endpoint_url(text: str) -> str:
    """An http(s) URL botocore can send to, on a port that exists; shown in an error without
    its user and password (``https://***@host``)."""
    from ._endpoint_url import endpoint_url_problem  # with botocore's check: only when given

    problem = endpoint_url_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text


def _ca_bundle(text: str) -> str:
    """A file of CA certificates that exists: botocore would only say ``No such file or
    directory`` (or ``Is a directory``: it reads one file) once it connects."""
    if not os.path.exists(text):
        raise argparse.ArgumentTypeError(f"no such file: {text!r}")
    if os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"{text!r} is a directory: give a file of CA certificates")
    return text


_PATHS = (_ca_bundle, input_document)
"""The types of the options that take a file's path: a file's name may be any bytes."""


def _add_connection_options(command: argparse.ArgumentParser, *, after_command: bool) -> None:
    """aws-cli's global options: the connection, ``--debug`` and ``--color``. After the command,
    one given there wins; one not given leaves the value from before the command (argparse
    copies a subcommand's defaults over it)."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if after_command else value

    group = command.add_argument_group(
        "global options (before or after the command), as in aws-cli"
    )
    group.add_argument(
        "--region", default=default(None), help="AWS region (default: your AWS configuration)"
    )
    group.add_argument(
        "--profile", default=default(None), help="named profile from your AWS configuration"
    )
    group.add_argument(
        "--endpoint-url",
        type=_endpoint_url,
        default=default(None),
        help="send requests to this URL instead of AWS",
    )
    for option, seconds, awaited in (
        ("--cli-connect-timeout", DEFAULT_CONNECT_TIMEOUT, "a connection"),
        ("--cli-read-timeout", DEFAULT_READ_TIMEOUT, "each read of an answer"),
    ):
        group.add_argument(
            option,
            type=_socket_timeout,
            default=default(seconds),
            metavar="SECONDS",
            help=f"longest wait for {awaited}; 0 waits forever (default {seconds})",
        )
    group.add_argument(
        "--demo",
        action="store_true",
        default=default(False),
        help="use the built-in local endpoint, seeded with exports that progress over time",
    )
    group.add_argument(
        "--no-verify-ssl",
        dest="verify_ssl",
        action="store_false",
        default=default(True),
        help="do not check the endpoint's TLS certificate",
    )
    group.add_argument(
        "--ca-bundle",
        type=_ca_bundle,
        default=default(None),
        metavar="PATH",
        help="check the endpoint's TLS certificate with these CAs (default: AWS_CA_BUNDLE, "
        "ca_bundle in your AWS config, else botocore's)",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default(False),
        help="log each request and answer on stderr (signatures and tokens as ***)",
    )
    group.add_argument(
        "--color",
        choices=COLORS,
        default=default("auto"),
        help="colour the table and watch: auto (on a terminal, unless NO_COLOR is set), "
        "on or off (default auto)",
    )


def add_selection(command: argparse.ArgumentParser) -> None:
    """``--state`` and ``--id``, which choose the tasks."""
    command.add_argument(
        "--state", action="append", choices=STATES, help="only tasks in this state (repeatable)"
    )
    command.add_argument(
        "--id",
        action="append",
        type=checked("ExportImageTaskId"),
        dest="ids",
        metavar="TASK_ID",
        help="only this task (repeatable)",
    )


def add_query(command: argparse.ArgumentParser) -> None:
    """aws-cli's ``--query`` (JMESPath) and ``--no-paginate``, meaning what they mean there."""
    add_query_option(command, "the output")
    command.add_argument(
        "--no-paginate", action="store_true", help="one request: the first page only"
    )


class _OneLineErrors(argparse.ArgumentParser):
    """argparse whose usage errors are one line, like every other failure of the command, and
    whose ``--help`` and ``--version`` say when they cannot be written (argparse ignores it).

    A word that is not UTF-8 (``--prefix $'\\xff'``: Python keeps the bytes as lone
    surrogates) is bad usage naming its option: no request can carry it, and botocore would
    fail on it with a traceback. A path may be any bytes: it never leaves this machine.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._given: dict[argparse.Action, list[str]] = {}

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        """An option that takes one value (or one list), given twice with different values, is
        bad usage naming both: argparse would keep the last silently (``export --bucket a
        --bucket b`` to b). The repeatable ones (``--state``, ``--id``, ``--tag``) add up."""
        if type(action) is self._registry_get("action", None) and action.option_strings:
            first = self._given.setdefault(action, arg_strings)
            if first != arg_strings:
                typed = [" ".join(words) for words in (first, arg_strings)]
                raise argparse.ArgumentError(
                    action, f"given twice: {typed[0]!r}, then {typed[1]!r}; give it once"
                )
        return super()._get_values(action, arg_strings)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # The command's own parser checks the words after the command (argparse.PARSER).
        checked_here = action.nargs != argparse.PARSER and action.type not in _PATHS
        if checked_here and not is_utf8(arg_string):
            raw = os.fsencode(arg_string)
            raise argparse.ArgumentError(
                action, f"{raw!r}: not UTF-8 text (bytes the locale could not decode)"
            )
        return super()._get_value(action, arg_string)

    def error(self, message: str) -> NoReturn:
        # Any argument may be an endpoint URL given where it does not belong. Lost if stderr
        # cannot be written: the status says it.
        Diagnostics(sys.stderr).write(f"error: {printable(hide_userinfo(message))}\n")
        self.exit(2)

    def print_and_exit(self, text: str) -> NoReturn:
        """Write ``text`` on stdout, as ``--help`` is written, and exit 0."""
        self._print_message(text, sys.stdout)
        self.exit()

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if not message:
            return
        # argparse passes sys.stdout (help, version), None when stdout is closed (``>&-``):
        # an error then, as for every other output, never the help on stderr and status 0.
        output = CheckedOutput(cast("TextIO", file if file is not None else ClosedOutput()))
        output.write(message)
        output.flush()  # a full disk shows here when the stream is buffered


def parser(commands: Mapping[str, Command]) -> _OneLineErrors:
    """``ec2-export-image-tasks [connection options] COMMAND [options]``, one per command."""
    top = _OneLineErrors(
        prog=PROG,
        description="List, watch and wait for EC2 export image tasks, typed and validated.",
        epilog="Exit status: 0 ok, 1 AWS error, 2 bad usage or input, 3 invalid data from AWS, "
        "4 AWS setup (credentials, region, profile, settings), 5 export deleted, 6 wait or "
        "watch timed out, 7 export --wait stopped following an export that goes on, "
        "129/143 watch ended by SIGHUP/SIGTERM, 130 interrupted, 141 the reader closed the "
        "output.",
    )
    top.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _add_connection_options(top, after_command=False)
    subcommands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, command in commands.items():
        sub = subcommands.add_parser(name, help=command.help, description=command.help)
        command.add_arguments(sub)
        _add_connection_options(sub, after_command=True)
    completion = subcommands.add_parser(
        COMPLETION,
        help=f'print shell completion; install with: eval "$({PROG} completion bash)"',
        description=f"Print the completion script for SHELL. In ~/.bashrc or ~/.zshrc: "
        f'eval "$({PROG} completion bash)" (or zsh).',
    )
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help="bash or zsh")
    return top


def parse(argv: Sequence[str] | None, commands: Mapping[str, Command]) -> argparse.Namespace:
    """The options, or exit 2 with one line naming the option and the value."""
    grammar = parser(commands)
    args = grammar.parse_args(argv)
    if args.demo and args.endpoint_url is not None:
        grammar.error("--demo and --endpoint-url exclude each other: the demo is its own endpoint")
    if args.command == COMPLETION:  # as --help: about the grammar, written by it, then exit
        grammar.print_and_exit(completion_script(grammar, args.shell))
    problem = reconcile(args)  # aws-cli's spellings into ours
    if problem is not None:
        grammar.error(problem)
    return args
