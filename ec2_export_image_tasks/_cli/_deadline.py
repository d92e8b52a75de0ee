"""What cuts a poll of the command line short at ``--timeout``'s deadline: a real-time alarm."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .._retry import RETRY_POLICY
from .._waiting import AttemptCutShort

if TYPE_CHECKING:
    from collections.abc import Generator
    from types import FrameType

__all__ = ["LONGEST_ALARM_SECONDS", "MIN_ATTEMPT_SECONDS", "cut_short_after"]

MIN_ATTEMPT_SECONDS = RETRY_POLICY.min_attempt
"""The least time the alarm gives (``watch --timeout 0.5`` too): the command ends at most
this late."""

LONGEST_ALARM_SECONDS = 365 * 86400.0
"""``setitimer`` overflows on a finite but huge time (``--timeout 1e10``): past a year, no
alarm is set, and the waiter's clock alone keeps the deadline."""


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
