"""EC2's ``Tag`` with the key and value limits the API documents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, cast

from pydantic import AfterValidator, StringConstraints

from ._base import ResponseModel

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import TagTypeDef

RESERVED_PREFIX = "aws:"


def _reject_reserved_prefix(key: str) -> str:
    # AWS compares the prefix without regard to letter case: "AWS:" and "Aws:" are reserved too.
    if key[: len(RESERVED_PREFIX)].lower() == RESERVED_PREFIX:
        raise ValueError(f"tag keys may not begin with 'aws:' in any letter case, got {key!r}")
    return key


TagKey = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=127),
    AfterValidator(_reject_reserved_prefix),
]
"""1 to 127 Unicode code points, not beginning with ``aws:``."""

TagValue = Annotated[str, StringConstraints(strict=True, max_length=256)]
"""0 to 256 Unicode code points."""


class Tag(ResponseModel):
    """A tag: the limits hold wherever a tag is validated, in a response or a request."""

    key: TagKey
    value: TagValue = ""

    def to_boto(self) -> TagTypeDef:
        """The boto3 form, ``{"Key": ..., "Value": ...}``."""
        return cast("TagTypeDef", self._boto_dict())
