"""Options checked as they are parsed, by the model's own type for their field.

A value the model refuses is bad usage (exit 2): argparse names the option as it was typed,
and the message gives the value and the rule; nothing is sent.

A type is named, not imported: ``checked("ImageId")`` looks up
``ec2_export_image_tasks.models.ImageId`` (and loads pydantic) only when the option is given,
so that ``--help`` and usage errors load neither.
"""

from __future__ import annotations

import argparse
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import first_problem
from ..models._facts import EXPORT_IMAGE_TASK_ID_PATTERN, EXPORT_TASK_ID_PATTERN, IMAGE_ID_PATTERN

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import TypeAdapter, ValidationError

__all__ = [
    "ID_PATTERNS",
    "checked",
    "checked_number",
    "model_type",
    "problem",
    "reason",
    "refused",
]

ID_PATTERNS: dict[str, str] = {
    "ImageId": IMAGE_ID_PATTERN,
    "ExportImageTaskId": EXPORT_IMAGE_TASK_ID_PATTERN,
    "ExportTaskId": EXPORT_TASK_ID_PATTERN,
}
"""The models' id patterns, from the one place they are written (tests/cli/test_startup.py
holds each equal to its model's): an id
that matches is taken without loading pydantic, so that ``wait export-ami-… --interval 0.5``
is bad usage at once; any other value is the model's to refuse, in the model's words."""


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


def model_type(type_name: str) -> Any:
    """``ec2_export_image_tasks.models.<type_name>``, imported now."""
    from .. import models

    return getattr(models, type_name)


@cache
def _adapter(type_name: str) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(model_type(type_name))


def checked(type_name: str) -> Callable[[str], str]:
    """An argparse ``type``: the text, if the model's type for the field (``models.<type_name>``,
    imported when the option is given) takes it."""

    pattern = ID_PATTERNS.get(type_name)

    def check(text: str) -> str:
        if pattern is not None and re.fullmatch(pattern, text):
            return text
        from pydantic import ValidationError

        try:
            _adapter(type_name).validate_python(text)
        except ValidationError as error:
            raise refused(text, error) from None
        return text

    return check


def checked_number(model_name: str, key: str) -> Callable[[str], int]:
    """An argparse ``type``: a whole number ``models.<model_name>`` takes as its field ``key``."""

    def check(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r}: not a whole number") from None
        from pydantic import ValidationError  # a number: the model's to judge

        try:
            model_type(model_name).model_validate({key: number})
        except ValidationError as error:
            raise argparse.ArgumentTypeError(f"{number}: {reason(error)}") from None
        return number

    return check
