"""Standard output that says when it fails, standard error that never makes anything fail.

The commands write through :class:`CheckedOutput`, so a failed write is an :class:`OutputError`
(never confused with a network error) and becomes one line and a status, or nothing at all for
a reader that stopped reading (``| head -1``), as with any Unix tool. Their warnings and errors
go through :class:`Diagnostics`: with standard error closed (``2>&-``) or full they are lost,
and the command goes on and ends with the status it would have had.

Both write what their stream's encoding cannot (``PYTHONIOENCODING=ascii``, a C locale) as
escapes, instead of failing on the first accented letter of a description.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from typing import TYPE_CHECKING

from .printable import python_escape

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO

__all__ = ["CheckedOutput", "Diagnostics", "OutputError", "discard_pending", "encodable"]


def encodable(text: str, encoding: str | None, escape: Callable[[str], str] = python_escape) -> str:
    """``text`` with each character that ``encoding`` cannot write replaced by its escape."""
    if encoding is None:  # a stream of text, not of bytes: it takes anything
        return text
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return "".join(c if _encodes(c, encoding) else escape(c) for c in text)
    return text


def _encodes(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


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
            return self._stream.write(encodable(text, self.encoding))
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


class Diagnostics(io.TextIOBase):
    """Standard error (``stream``, None when closed), where what cannot be written is dropped.

    A warning nobody can read must not turn a listing that worked into a failure, nor change
    the exit status a script tests.
    """

    def __init__(self, stream: TextIO | None) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            with contextlib.suppress(OSError, ValueError):  # ValueError: closed by the caller
                self._stream.write(encodable(text, self._stream.encoding))
                self._stream.flush()  # each line as it happens, and a full disk shows here
        return len(text)

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()


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
