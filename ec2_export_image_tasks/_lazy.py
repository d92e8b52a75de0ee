"""Public names that load on first use, as pydantic's do: one mechanism for every package here.

A package lists where each public name lives and sets ``__getattr__`` to :func:`lazy_names`
under ``if not TYPE_CHECKING``, beside the same imports for type checkers: importing it costs
nothing until a name is used, and a type checker still sees every name, and no others.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def lazy_names(namespace: dict[str, Any], homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for the module whose ``globals()`` is ``namespace``.

    ``homes`` maps each public name to its module, relative to that one. A name, once loaded,
    is kept in ``namespace``, so later lookups find it directly.
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> object:  # noqa: N807  # the module hook's own name
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home, package), name)
        namespace[name] = value
        return value

    return __getattr__
