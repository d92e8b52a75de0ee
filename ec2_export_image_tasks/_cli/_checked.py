"""Options checked as they are parsed, by the model's own type for their field.

A value the model refuses is bad usage (exit 2): argparse names the option as it was typed,
and the message gives the value and the rule; nothing is sent.
"""

from __future__ import annotations

import argparse
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import first_problem

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["checked", "checked_number", "problem", "reason", "refused"]


def reason(error: ValidationError) -> str:
    """The rule the first failure broke, in the model's words."""
    return first_problem(error)[2].removeprefix("Value error, ")


def problem(error: ValidationError) -> str:
    """``invalid S3Bucket 'B_ad': <the rule>``: the key as the user wrote it, and the value."""
    field, value, _ = first_problem(error)
    return f"invalid {field} {value!r}: {reason(error)}"


def refused(text: str, error: ValidationError) -> argparse.ArgumentTypeError:
    """``'bogus': <the rule>``, for argparse to put after the option's name."""
    return argparse.ArgumentTypeError(f"{text!r}: {reason(error)}")


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def checked(annotation: Any) -> Callable[[str], str]:
    """An argparse ``type``: the text, if the model's type for the field takes it."""

    def check(text: str) -> str:
        try:
            _adapter(annotation).validate_python(text)
        except ValidationError as error:
            raise refused(text, error) from None
        return text

    return check


def checked_number(model: type[BaseModel], key: str) -> Callable[[str], int]:
    """An argparse ``type``: a whole number ``model`` takes as its field ``key``."""

    def check(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r}: not a whole number") from None
        try:
            model.model_validate({key: number})
        except ValidationError as error:
            raise argparse.ArgumentTypeError(f"{number}: {reason(error)}") from None
        return number

    return check
