"""aws-cli's ``--output text``: a document as tab-separated rows, as ``awscli/text.py`` writes it.

A dict's scalar values make one row, in its keys' sorted order (for the dicts of one list, the
sorted keys of them all, empty where a dict lacks one), led by the enclosing key in capitals
(``EXPORTIMAGETASKS``, ``TAGS``); its lists and dicts follow, each under its own key. A list of
scalars is one row. ``str()`` writes each value, as aws-cli does (``None``, ``True``).

``shown`` is applied to each value and key, so that a terminal gets it printable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

__all__ = ["text_rows"]


def text_rows(document: object, shown: Callable[[str], str]) -> list[str]:
    """The lines ``aws --output text`` prints for ``document`` (each without its newline)."""
    rows: list[str] = []
    _rows(document, None, None, shown, rows)
    return rows


def _is_scalar(value: object) -> bool:
    return not isinstance(value, dict | list)


def _scalar_keys(item: Mapping[str, object]) -> set[str]:
    return {key for key, value in item.items() if _is_scalar(value)}


def _rows(
    item: object,
    key: str | None,
    scalar_keys: Sequence[str] | None,
    shown: Callable[[str], str],
    rows: list[str],
) -> None:
    if isinstance(item, dict):
        _dict_rows(cast("dict[str, object]", item), key, scalar_keys, shown, rows)
    elif isinstance(item, list):
        _list_rows(cast("list[object]", item), key, shown, rows)
    else:
        rows.append(shown(str(item)))


def _list_rows(
    items: list[object], key: str | None, shown: Callable[[str], str], rows: list[str]
) -> None:
    scalars = [item for item in items if _is_scalar(item)]
    dicts = [cast("dict[str, object]", item) for item in items if isinstance(item, dict)]
    if dicts:
        # aws-cli gives every dict of the list the same columns (a scalar is written alone).
        columns = sorted(set[str]().union(*map(_scalar_keys, dicts)))
        for item in items:
            _rows(item, key, columns, shown, rows)
        return
    if scalars:
        if key is None:
            rows.append("\t".join(shown(str(s)) for s in scalars))
        else:
            rows.extend(f"{shown(key.upper())}\t{shown(str(s))}" for s in scalars)
    for nested in items:
        if not _is_scalar(nested):
            _rows(nested, key, None, shown, rows)


def _dict_rows(
    item: Mapping[str, object],
    key: str | None,
    scalar_keys: Sequence[str] | None,
    shown: Callable[[str], str],
    rows: list[str],
) -> None:
    if scalar_keys is None:
        scalar_keys = sorted(_scalar_keys(item))
    row = [shown(str(item.get(k, ""))) for k in scalar_keys]
    if row:
        rows.append("\t".join([shown(key.upper()), *row] if key is not None else row))
    for nested_key in sorted(set(item) - set(scalar_keys)):
        _rows(item[nested_key], nested_key, None, shown, rows)
