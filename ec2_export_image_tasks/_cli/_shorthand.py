"""aws-cli's shorthand (``Name=task-state,Values=active,completed``) and its JSON form.

Read as aws-cli's ``awscli/shorthand.py`` and ``awscli/argprocess.py`` read them: ``key=value``
pairs separated by commas. A value is a word (backslash escapes a character), a quoted string,
an explicit ``[list]``, a ``{key=value,...}`` structure, or, at the top level, words separated
by commas up to the next ``key=``, which make a list when there are more than one. A value whose
first character is ``{`` or ``[`` is JSON instead. Which keys hold lists is the caller's to say
(:func:`as_list`), as aws-cli learns it from the service model.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn, cast

__all__ = ["ShorthandError", "as_list", "is_utf8", "load_json", "structure", "structures"]

_NEXT_KEY = re.compile(r"\s*[\w.#/:-]+\s*=")
"""What follows a comma when it starts the next ``key=value``, not another list item."""
_WORD_ENDS = ",[]{}"


class ShorthandError(ValueError):
    """Text that is neither shorthand nor JSON: the message says where, as aws-cli does."""


def structure(text: str) -> dict[str, Any]:
    """One structure: JSON when it starts with ``{``, else shorthand."""
    if text.lstrip().startswith("{"):
        return cast("dict[str, Any]", _json(text, dict))
    return _Parser(text).parameter()


def structures(texts: list[str]) -> list[dict[str, Any]]:
    """A list of structures, one per word, or a JSON list as the only word."""
    if len(texts) == 1 and texts[0].lstrip().startswith("["):
        items = _json(texts[0], list)
        if not all(isinstance(item, dict) for item in items):
            raise ShorthandError("each item of the JSON list must be an object")
        return cast("list[dict[str, Any]]", items)
    return [structure(text) for text in texts]


def as_list(value: object) -> object:
    """A list where the service expects one: a single shorthand word is a list of one."""
    return [value] if isinstance(value, str) else value


def is_utf8(text: str) -> bool:
    """Whether a request can carry ``text``: not when it holds a lone surrogate (``"\\udcff"``
    in JSON, or a byte the locale could not decode in ``sys.argv``), which botocore fails on."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _uncarried(value: object) -> str | None:
    """What is wrong with a JSON value that a request cannot carry, or None."""
    found = _lone_surrogate(value)
    return None if found is None else f"{found!r}: a lone surrogate, which no request can carry"


def _lone_surrogate(value: object) -> str | None:
    """The first string of a JSON value (a key or a value) that UTF-8 cannot carry, or None."""
    if isinstance(value, str):
        return None if is_utf8(value) else value
    items: list[Any] = []
    if isinstance(value, dict):
        mapping = cast("dict[str, Any]", value)
        items = [*mapping, *mapping.values()]
    elif isinstance(value, list):
        items = value  # pyright: ignore[reportUnknownVariableType] (JSON's)
    return next((found for item in items if (found := _lone_surrogate(item)) is not None), None)


def load_json(text: str) -> Any:
    """``text`` as JSON that a request can carry: a key given twice (``json.loads`` would keep
    the last silently, as argparse an option) or a lone surrogate is a :class:`ShorthandError`."""
    try:
        value = json.loads(text, object_pairs_hook=_once_each)
    except json.JSONDecodeError as error:
        raise ShorthandError(f"invalid JSON: {error}") from None
    problem = _uncarried(value)
    if problem is not None:
        raise ShorthandError(f"invalid JSON: {problem}")
    return value


def _once_each(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for key, value in pairs:
        if key in document:
            raise ShorthandError(f"invalid JSON: the key {key!r} is given twice")
        document[key] = value
    return document


def _json(text: str, kind: type[Any]) -> Any:
    value = load_json(text)
    if not isinstance(value, kind):
        raise ShorthandError(f"invalid JSON: expected a{' list' if kind is list else 'n object'}")
    return value


class _Parser:
    """A recursive descent over the text, as aws-cli's ``ShorthandParser``."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def parameter(self) -> dict[str, Any]:
        pairs = self._pairs(top=True)
        if self.at < len(self.text):
            self._fail(f"unexpected {self.text[self.at]!r}")
        return pairs

    def _pairs(self, *, top: bool) -> dict[str, Any]:
        pairs: dict[str, Any] = {}
        while True:
            start = self.at
            key = self._key()
            if key in pairs:  # as in JSON: never the last silently
                self.at = start
                self._fail(f"the key {key!r} is given twice")
            pairs[key] = self._values(top=top)
            if not self._take(","):
                return pairs

    def _key(self) -> str:
        end = self.text.find("=", self.at)
        key = self.text[self.at : end].strip() if end >= 0 else ""
        if not key or any(c in key for c in _WORD_ENDS):
            self._fail("expected key=value")
        self.at = end + 1
        return key

    def _values(self, *, top: bool) -> Any:
        if self._peek() in ("", ",", "}", "]"):
            return ""
        first = self._value()
        if not top or not isinstance(first, str):
            return first
        items = [first]
        while self._peek() == "," and not _NEXT_KEY.match(self.text, self.at + 1):
            self.at += 1
            items.append(self._value())
        return first if len(items) == 1 else items

    def _value(self) -> Any:
        self._skip_spaces()
        if self._take("["):
            items: list[Any] = []
            while not self._take("]"):
                if items and not self._take(","):
                    self._fail("expected ',' or ']'")
                items.append(self._value())
            return items
        if self._take("{"):
            pairs = self._pairs(top=False)
            if not self._take("}"):
                self._fail("expected ',' or '}'")
            return pairs
        quote = self._peek()
        if quote in ("'", '"'):
            return self._quoted(quote)
        return self._word()

    def _quoted(self, quote: str) -> str:
        self.at += 1
        chars: list[str] = []
        while self._peek() != quote:
            if not self._peek():
                self._fail(f"no closing {quote}")
            if self._peek() == "\\" and self.text[self.at + 1 : self.at + 2] in (quote, "\\"):
                self.at += 1
            chars.append(self.text[self.at])
            self.at += 1
        self.at += 1
        self._skip_spaces()
        return "".join(chars)

    def _word(self) -> str:
        chars: list[str] = []
        while self._peek() and self._peek() not in _WORD_ENDS:
            if self._peek() == "\\" and self.at + 1 < len(self.text):
                self.at += 1
            chars.append(self.text[self.at])
            self.at += 1
        return "".join(chars).strip()

    def _peek(self) -> str:
        return self.text[self.at : self.at + 1]

    def _take(self, char: str) -> bool:
        self._skip_spaces()
        if self._peek() == char:
            self.at += 1
            return True
        return False

    def _skip_spaces(self) -> None:
        while self._peek().isspace():
            self.at += 1

    def _fail(self, problem: str) -> NoReturn:
        raise ShorthandError(f"{problem} at character {self.at + 1} of {self.text!r}")
