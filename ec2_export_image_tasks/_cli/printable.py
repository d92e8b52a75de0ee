"""Service text made safe for a terminal: what AWS sends is shown, never obeyed.

A description with a newline forges table rows, an escape sequence (``\\x9b2J``) repaints the
screen, a bidi override (U+202E) reverses what follows, a zero-width space or a line separator
(U+2028) disguises what the text is. Every character a terminal does not simply draw (Unicode's
controls, format characters, line and paragraph separators, and lone surrogates) is written in
human-readable outputs as a Python-style escape; JSON on a terminal writes the same characters
as JSON's own ``\\u`` escapes, which parse back to the very same text.
"""

from __future__ import annotations

import json
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["inert_json", "is_hidden", "json_escape", "printable", "python_escape"]

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def is_hidden(character: str) -> bool:
    """A character a terminal obeys, hides, or draws as something else, rather than shows."""
    return unicodedata.category(character) in _HIDDEN_CATEGORIES


def python_escape(character: str) -> str:
    """``character`` as Python writes it in a string literal: ``\\n``, ``\\x1b``, ``\\u202e``."""
    code = ord(character)
    if character in _NAMED:
        return _NAMED[character]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def json_escape(character: str) -> str:
    """``character`` as JSON's ``\\u`` escape (a surrogate pair beyond the first plane)."""
    return json.dumps(character)[1:-1]


class _HiddenEscapes(dict[int, str]):
    """A :meth:`str.translate` table over all of Unicode, filled in as characters are met."""

    def __init__(self, escape: Callable[[str], str]) -> None:
        super().__init__()
        self._escape = escape

    def __missing__(self, code: int) -> str:
        character = chr(code)
        escaped = self._escape(character) if is_hidden(character) else character
        self[code] = escaped
        return escaped


_PYTHON_ESCAPES = _HiddenEscapes(python_escape)
_JSON_ESCAPES = _HiddenEscapes(json_escape)
_JSON_ESCAPES[ord("\n")] = "\n"  # json.dumps escapes it in strings: raw, it is indentation


def printable(text: str) -> str:
    """``text`` with hidden characters escaped (``\\n``, ``\\x1b``, ``\\u202e``, ``\\u200b``)."""
    return text.translate(_PYTHON_ESCAPES)


def inert_json(text: str) -> str:
    """JSON text from ``json.dumps`` with every hidden character as a ``\\u`` escape.

    Outside its strings JSON has only ASCII spaces and newlines, which stay; inside them the
    escape means the very same character: a parser reads the same document, and a terminal shows
    it without obeying it.
    """
    return text.translate(_JSON_ESCAPES)
