"""Unknown keys of a frozen model, frozen too: the model cannot change through them.

A response model keeps the keys it does not know (``ResponseMetadata``, a key AWS adds later), as
JSON values: dicts and lists that anyone holding ``model_extra`` could otherwise change. They are
held as a ``dict`` and a ``list`` that refuse every change, so that ``to_boto()`` and comparisons
see them as the plain values they are, and built only for unknown keys, never per known field.
"""

from __future__ import annotations

from typing import Any, NoReturn

__all__ = ["FrozenDict", "FrozenJsonList", "frozen"]


def _refuse(*_: object, **__: object) -> NoReturn:
    raise TypeError("a model's unknown keys are frozen, as the model is; copy it to change it")


class FrozenDict(dict[str, Any]):
    """A ``dict`` that refuses every change; copies and pickles as the value it holds."""

    __slots__ = ()
    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[FrozenDict], tuple[dict[str, Any]]]:
        return (FrozenDict, (dict(self),))


class FrozenJsonList(list[Any]):
    """A ``list`` that refuses every change; copies and pickles as the value it holds."""

    __slots__ = ()
    __setitem__ = __delitem__ = __iadd__ = __imul__ = _refuse
    append = clear = extend = insert = pop = remove = reverse = sort = _refuse

    def __reduce__(self) -> tuple[type[FrozenJsonList], tuple[list[Any]]]:
        return (FrozenJsonList, (list(self),))


def frozen(value: Any) -> Any:
    """``value`` with every dict and list in it, at any depth, frozen."""
    if isinstance(value, dict):
        items = value.items()  # pyright: ignore[reportUnknownVariableType]  # a JSON value
        return FrozenDict({key: frozen(member) for key, member in items})  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
    if isinstance(value, list):
        return FrozenJsonList(frozen(member) for member in value)  # pyright: ignore[reportUnknownVariableType]
    return value
