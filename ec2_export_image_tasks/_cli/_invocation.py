"""What a subcommand is (:class:`Command`) and what it runs with (:class:`Invocation`).

Their own module, below the grammar, the subcommands and ``main``, which all name them: so the
grammar (built from commands) and a subcommand (run by ``main``) need not import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .exit_status import describe
from .printable import printable

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import TextIO

    from mypy_boto3_ec2.client import EC2Client


@dataclass(frozen=True)
class Invocation:
    """What a command runs with: its options, where it writes, its client, and the time."""

    args: argparse.Namespace
    out: TextIO
    err: TextIO
    client: Callable[[], EC2Client]
    """Made on first call: ``schema`` needs no AWS setup."""
    sleep: Callable[[float], None]
    clock: Callable[[], float]

    def warn_retry(self, error: Exception, delay: float) -> None:
        """Say, on stderr, that a poll failed and when the next one is."""
        _, line = describe(error)
        # A delay cut short by a deadline is a fraction: to a tenth, as a person reads it.
        self.err.write(f"warning: {printable(line or '')}; trying again in {round(delay, 1):g} s\n")


@dataclass(frozen=True)
class Command:
    """A subcommand: its one-line help, the options it adds, and what it runs."""

    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Invocation], int]
