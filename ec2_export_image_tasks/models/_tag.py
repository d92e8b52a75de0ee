"""EC2's ``Tag`` with the key and value limits the API documents."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, cast

from pydantic import StringConstraints
from pydantic_core import core_schema

from ._base import CoreCheck, ResponseModel
from ._facts import MAX_TAG_KEY, MAX_TAG_VALUE, RESERVED_TAG_PREFIX

if TYPE_CHECKING:
    from ._boto_types import TagTypeDef

__all__ = ["Tag", "TagKey", "TagValue"]


def _not_beginning_with(prefix: str) -> str:
    """A regex for any string that does not begin with ``prefix`` in any ASCII letter case.

    Spelt without look-ahead so that pydantic-core's Rust regex runs it: no Python call per tag
    on the hot path. For ``aws:``: ``^(?:[^aA]|[aA](?:$|[^wW]|[wW](?:$|[^sS]|[sS](?:$|[^:]))))``.
    """

    def letters(char: str) -> str:
        return f"{char.lower()}{char.upper()}" if char.isalpha() else re.escape(char)

    def after(rest: str) -> str:
        if not rest:
            return ""
        first = letters(rest[0])
        deeper = f"|[{first}]{after(rest[1:])}" if rest[1:] else ""
        return f"(?:$|[^{first}]{deeper})"

    first = letters(prefix[0])
    return f"^(?:[^{first}]|[{first}]{after(prefix[1:])})"


_NOT_RESERVED = _not_beginning_with(RESERVED_TAG_PREFIX)

_not_reserved = CoreCheck(
    core_schema.custom_error_schema(
        core_schema.str_schema(pattern=_NOT_RESERVED),
        custom_error_type="tag_key_reserved",
        custom_error_message=(
            f"Tag keys may not begin with {RESERVED_TAG_PREFIX!r} in any letter case"
        ),
    ),
    json_schema={"pattern": _NOT_RESERVED},
)

TagKey = Annotated[
    str, StringConstraints(strict=True, min_length=1, max_length=MAX_TAG_KEY), _not_reserved
]
"""1 to 127 Unicode code points, not beginning with ``aws:``."""

TagValue = Annotated[str, StringConstraints(strict=True, max_length=MAX_TAG_VALUE)]
"""0 to 256 Unicode code points."""


class Tag(ResponseModel, frozen=True):
    """A tag: the limits hold wherever a tag is validated, in a response or a request."""

    key: TagKey
    value: TagValue = ""

    def to_boto(self) -> TagTypeDef:
        """The boto3 form, ``{"Key": ..., "Value": ...}``."""
        return cast("TagTypeDef", self._boto_dict())
