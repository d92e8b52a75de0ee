"""Service text made safe for a terminal: what AWS sends is shown, never obeyed.

A description with a newline forges table rows, an escape sequence (``\\x9b2J``) repaints the
screen, a bidi override (U+202E) reverses what follows. In every human-readable output these
characters are written as Python-style escapes. JSON outputs carry the text exactly, with the
same characters as JSON's own ``\\u`` escapes.
"""

from __future__ import annotations

from itertools import chain

__all__ = ["inert_json", "printable"]

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_C0 = range(0x00, 0x20)
_DEL_AND_C1 = range(0x7F, 0xA0)
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))

_ESCAPES = {
    **{code: _NAMED.get(chr(code), f"\\x{code:02x}") for code in chain(_C0, _DEL_AND_C1)},
    **{code: f"\\u{code:04x}" for code in _BIDI},
}
# json.dumps escapes C0 itself, and leaves these raw with ensure_ascii=False.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in chain(_DEL_AND_C1, _BIDI)}


def printable(text: str) -> str:
    """``text`` with control and bidi characters escaped (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return text.translate(_ESCAPES)


def inert_json(text: str) -> str:
    """JSON text from ``json.dumps`` with DEL, C1 and bidi characters as ``\\u`` escapes.

    They can only stand inside its strings, where the escape means the very same character:
    a parser reads the same document, and a terminal shows it without obeying it.
    """
    return text.translate(_JSON_ESCAPES)
