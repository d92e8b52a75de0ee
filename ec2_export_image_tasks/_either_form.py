"""What every typed entry point checks alike, before anything is sent.

``paginate()``, ``check_permissions()`` and ``start_export()`` each take a request model or
boto3's keyword arguments; this is the one place that turns either into the validated model, so
they refuse alike. The paginators and ``list_export_image_tasks_in_regions`` take ``on_invalid``,
checked here once for all of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol, Self, TypeVar, get_args

if TYPE_CHECKING:
    from collections.abc import Mapping

OnInvalid = Literal["raise", "skip"]
"""What to do with an item the service sent that breaks a documented constraint."""


def check_on_invalid(on_invalid: object) -> OnInvalid:
    """``on_invalid`` itself, or a ValueError: a misspelt choice must not silently skip."""
    if on_invalid == "raise":
        return "raise"
    if on_invalid == "skip":
        return "skip"
    raise ValueError(f"on_invalid must be one of {get_args(OnInvalid)}, got {on_invalid!r}")


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
