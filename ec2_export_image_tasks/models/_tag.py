"""EC2's ``Tag`` with the key and value limits the API documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

from pydantic import StringConstraints
from pydantic_core import core_schema

from ._base import CoreCheck, ResponseModel

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import TagTypeDef

__all__ = ["RESERVED_PREFIX", "Tag", "TagKey", "TagValue"]

RESERVED_PREFIX = "aws:"

# Any string not beginning with "aws:" in any letter case ("AWS:", "Aws:" too). Spelt without
# look-ahead so that pydantic-core's Rust regex runs it: no Python call per tag on the hot path.
_NOT_RESERVED = r"^(?:[^aA]|[aA](?:$|[^wW]|[wW](?:$|[^sS]|[sS](?:$|[^:]))))"

_not_reserved = CoreCheck(
    core_schema.custom_error_schema(
        core_schema.str_schema(pattern=_NOT_RESERVED),
        custom_error_type="tag_key_reserved",
        custom_error_message="Tag keys may not begin with 'aws:' in any letter case",
    ),
    json_schema={"pattern": _NOT_RESERVED},
)

TagKey = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=127), _not_reserved]
"""1 to 127 Unicode code points, not beginning with ``aws:``."""

TagValue = Annotated[str, StringConstraints(strict=True, max_length=256)]
"""0 to 256 Unicode code points."""


class Tag(ResponseModel, frozen=True):
    """A tag: the limits hold wherever a tag is validated, in a response or a request."""

    key: TagKey
    value: TagValue = ""

    def to_boto(self) -> TagTypeDef:
        """The boto3 form, ``{"Key": ..., "Value": ...}``."""
        return cast("TagTypeDef", self._boto_dict())
