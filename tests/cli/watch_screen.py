"""What a terminal shows after ``watch`` drew on it: a pseudo-terminal, read to its end, and a
small screen that obeys the escape sequences rich's live view sends."""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field

_SEQUENCE = re.compile(r"\x1b\[([?0-9;]*)([A-Za-z])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|(.)", re.S)


@dataclass
class Screen:
    """The rows of a terminal ``width`` columns wide, with its cursor; scrolled-off rows kept."""

    width: int
    rows: list[list[str]] = field(default_factory=lambda: [[]])
    row: int = 0
    column: int = 0
    cursor_visible: bool = True

    def feed(self, text: str) -> None:
        for match in _SEQUENCE.finditer(text):
            arguments, command, character = match.groups()
            if command:
                self._control(arguments, command)
            elif character:
                self._character(character)

    def lines(self) -> list[str]:
        """Each row as shown, trailing blanks and empty last rows left out."""
        shown = ["".join(row).rstrip() for row in self.rows]
        while shown and not shown[-1]:
            shown.pop()
        return shown

    def _control(self, arguments: str, command: str) -> None:
        count = int(arguments) if arguments.isdigit() else 1
        if arguments == "?25" and command in "hl":
            self.cursor_visible = command == "h"
        elif command == "A":
            self.row = max(0, self.row - count)
        elif command == "B":
            self._down(count)
        elif command == "G":
            self.column = count - 1
        elif command == "K":
            line = self.rows[self.row]
            del line[0 if arguments == "2" else self.column :]
        # Colours (m) and the rest change nothing that is read here.

    def _character(self, character: str) -> None:
        if character == "\r":
            self.column = 0
        elif character == "\n":
            self._down(1)
        elif character >= " ":
            if self.column >= self.width:
                self._down(1)
                self.column = 0
            line = self.rows[self.row]
            line.extend(" " * (self.column + 1 - len(line)))
            line[self.column] = character
            self.column += 1

    def _down(self, count: int) -> None:
        self.row += count
        self.rows.extend([] for _ in range(self.row + 1 - len(self.rows)))


@dataclass
class PseudoTerminal:
    """A pty whose other end is read, as a terminal would, until every writer has closed it."""

    width: int = 120
    screen: Screen = field(init=False)
    master: int = field(init=False)
    slave: int = field(init=False)
    _chunks: list[bytes] = field(default_factory=list[bytes], init=False)
    _reader: threading.Thread = field(init=False)
    _open: bool = field(default=True, init=False)

    def __post_init__(self) -> None:
        self.screen = Screen(self.width)
        self.master, self.slave = os.openpty()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the last writer closed its end
                return
            if not chunk:
                return
            self._chunks.append(chunk)

    def drawn(self) -> str:
        """Everything written so far, as bytes became text."""
        return b"".join(self._chunks).decode(errors="replace")

    def close_and_read(self) -> Screen:
        """Close this side's copy of the writing end; the screen once every writer is done."""
        self.close()
        self.screen.feed(self.drawn())
        return self.screen

    def close(self) -> None:
        """Close both ends once (again: nothing), the reader ended first: no fd is left open,
        nor closed twice (its number may be another file's by then), when a test fails."""
        if not self._open:
            return
        os.close(self.slave)
        self._reader.join(timeout=30)
        os.close(self.master)
        self._open = False
