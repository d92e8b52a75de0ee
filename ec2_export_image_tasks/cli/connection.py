"""The EC2 client the command line talks to: AWS, with aws-cli's connection options, or the demo."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, NoRegionError, ProfileNotFound

from .._waiting import AttemptCutShort

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Generator
    from types import FrameType

    from mypy_boto3_ec2.client import EC2Client

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_READ_TIMEOUT",
    "LONGEST_ALARM_SECONDS",
    "MIN_ATTEMPT_SECONDS",
    "AwsSetupError",
    "cut_short_after",
    "make_client",
]

# botocore waits 60 s for a connection and 60 s for each read, and retries: an endpoint that
# accepts and never answers would keep a person waiting five minutes without a word.
DEFAULT_CONNECT_TIMEOUT = 10
DEFAULT_READ_TIMEOUT = 15

MIN_ATTEMPT_SECONDS = 1.0
"""The least time a poll is given, so that one starting on the deadline itself (the waiter's
last poll falls on it) can still be answered: the command ends at most this late."""

LONGEST_ALARM_SECONDS = 365 * 86400.0
"""``setitimer`` overflows on a finite but huge time (``--timeout 1e10``): past a year, no
alarm is set, and the waiter's clock alone keeps the deadline."""


class AwsSetupError(Exception):
    """A setting of the AWS configuration (environment or config file) cannot make a client."""


def make_client(args: argparse.Namespace, clock: Callable[[], float]) -> EC2Client:
    """The client the connection options describe; nothing is sent yet."""
    if args.demo:
        from .demo import demo_ec2  # imported here: the demo only when asked for

        return demo_ec2(clock).client
    import boto3

    core = botocore.session.Session(profile=args.profile)
    config = Config(
        # aws-cli's meaning: 0 is no timeout at all.
        connect_timeout=args.cli_connect_timeout or None,
        read_timeout=args.cli_read_timeout or None,
    )
    try:
        session = boto3.session.Session(region_name=args.region, botocore_session=core)
        return session.client("ec2", endpoint_url=args.endpoint_url, config=config)  # pyright: ignore[reportUnknownMemberType]
    except (NoRegionError, ProfileNotFound):
        raise  # a missing setting, not an invalid one
    except (ValueError, BotoCoreError) as error:
        raise AwsSetupError(f"invalid AWS configuration: {error}{_culprit(core)}") from error


def _culprit(core: botocore.session.Session) -> str:
    """`` (in AWS_MAX_ATTEMPTS)``: the setting botocore cannot read, when it is one of its own."""
    for name, (config_key, environment_variable, _, _) in core.session_var_map.items():
        try:
            core.get_config_variable(name)
        except ValueError:
            return f" (in {environment_variable or config_key})"
        except BotoCoreError:
            continue  # unreadable for another reason: not the setting at fault
    return ""


def _cut_short(signum: int, frame: FrameType | None) -> None:
    raise AttemptCutShort


@contextmanager
def cut_short_after(seconds: float | None) -> Generator[None]:
    """Raise :class:`AttemptCutShort` inside the block once ``seconds`` (None: never) pass.

    botocore's timeouts bound each connect and each socket read, times its retries: a server
    that accepts and never answers holds a poll for minutes, and one that sends a byte every
    few seconds holds it forever. The command line owns its client, so it bounds the whole poll
    with a real-time alarm (``SIGALRM``), which interrupts the read wherever it blocks. Only the
    main thread receives signals: elsewhere (``main`` run in a thread) the block is not bounded.
    """
    if (
        seconds is None
        or seconds > LONGEST_ALARM_SECONDS
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _cut_short)
    try:
        signal.setitimer(signal.ITIMER_REAL, max(seconds, MIN_ATTEMPT_SECONDS))
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
