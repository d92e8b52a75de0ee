"""Standard output that says when it fails: a closed pipe, a full disk.

The commands write through :class:`CheckedOutput`, so a failed write is an :class:`OutputError`
(never confused with a network error) and becomes one line and a status, or nothing at all for
a reader that stopped reading (``| head -1``), as with any Unix tool.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["CheckedOutput", "OutputError", "discard_pending"]


class OutputError(Exception):
    """Standard output could not be written."""

    def __init__(self, error: OSError) -> None:
        self.error = error
        super().__init__(f"cannot write the output: {error.strerror or error}")

    @property
    def reader_gone(self) -> bool:
        """The reader closed the pipe: nothing is wrong, nobody wants more."""
        return self.error.errno == errno.EPIPE


class CheckedOutput(io.TextIOBase):
    """``stream``, with every failed write or flush raised as :class:`OutputError`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputError(error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputError(error) from error

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]  # pyright: ignore[reportIncompatibleVariableOverride]
        return self._stream.encoding


class ClosedOutput(io.TextIOBase):
    """Standard output when there is none (``>&-`` in a shell: ``sys.stdout`` is None).

    Every write fails as a write to a closed descriptor does, so the command says so, as
    ``ls >&-`` does, instead of printing nowhere or failing on None.
    """

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def discard_pending(stream: TextIO) -> None:
    """Point ``stream``'s descriptor at /dev/null, so that the interpreter's own flush at exit
    writes what is still buffered there, instead of printing a second error.
    """
    with contextlib.suppress(OSError, ValueError):  # not a real file (io.UnsupportedOperation)
        descriptor = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, descriptor)
        os.close(devnull)
