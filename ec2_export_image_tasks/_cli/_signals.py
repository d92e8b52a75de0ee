"""SIGTERM and SIGHUP made an exception, so that a command they end says so in one line, and
what it changed (a terminal, an export on its way) is restored or told on the way out."""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Generator
    from types import FrameType

__all__ = ["ENDING_SIGNALS", "EndedBySignal", "ended_by_signals"]

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""What ``timeout``, systemd, ``docker stop`` and a closed terminal send; Ctrl-C is Python's."""


class EndedBySignal(BaseException):
    """A signal ended the command. Not an ``Exception``: nothing on the way out may retry it, and
    every ``with`` it passes (the live display's above all) restores what it changed."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by {signal.Signals(signum).name}")
        self.signum = signum


@contextmanager
def ended_by_signals() -> Generator[None]:
    """While inside, :data:`ENDING_SIGNALS` raise :class:`EndedBySignal` in the main thread.

    The first one also ignores further ones, so that a second ``kill`` cannot cut short the
    restoring of the terminal. One already ignored (``nohup`` ignores SIGHUP) stays ignored.
    Elsewhere than the main thread, Python cannot catch signals.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(signum: int, frame: FrameType | None) -> None:
        for ending in ENDING_SIGNALS:
            signal.signal(ending, signal.SIG_IGN)
        raise EndedBySignal(signum)

    previous = {
        signum: signal.signal(signum, end)
        for signum in ENDING_SIGNALS
        if signal.getsignal(signum) is not signal.SIG_IGN  # nohup's wish is kept
    }
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
