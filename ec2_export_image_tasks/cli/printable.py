"""Service text made safe for a terminal: what AWS sends is shown, never obeyed.

A description with a newline forges table rows, an escape sequence (``\\x1b[2J``) repaints the
screen, a bidi override (U+202E) reverses what follows. In every human-readable output these
characters are written as Python-style escapes; JSON outputs carry the text exactly.
"""

from __future__ import annotations

from itertools import chain

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_CONTROLS = chain(range(0x00, 0x20), range(0x7F, 0xA0))  # C0, DEL and C1
_BIDI = chain((0x061C, 0x200E, 0x200F), range(0x202A, 0x202F), range(0x2066, 0x206A))

_ESCAPES = {
    **{code: _NAMED.get(chr(code), f"\\x{code:02x}") for code in _CONTROLS},
    **{code: f"\\u{code:04x}" for code in _BIDI},
}


def printable(text: str) -> str:
    """``text`` with control and bidi characters escaped (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return text.translate(_ESCAPES)
