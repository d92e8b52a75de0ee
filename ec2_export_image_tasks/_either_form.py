"""The rule every typed entry point shares: a request model, or boto3's keyword arguments.

``paginate()``, ``check_permissions()`` and ``start_export()`` each take either form; this is
the one place that turns either into the validated model, so they refuse alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

if TYPE_CHECKING:
    from collections.abc import Mapping


class _Validates(Protocol):
    @classmethod
    def model_validate(cls, obj: Any, /) -> Self: ...


RequestT = TypeVar("RequestT", bound=_Validates)


def request_from(
    model: type[RequestT], request: RequestT | None, kwargs: Mapping[str, Any]
) -> RequestT:
    """``request``, or ``kwargs`` validated by ``model`` (a ``ValidationError``, unsent).

    Both at once is a ``TypeError``: which one was meant cannot be guessed.
    """
    if request is None:
        return model.model_validate(kwargs)
    if kwargs:
        raise TypeError(f"pass a request model ({model.__name__}) or keyword arguments, not both")
    return request
