"""What every model shares: PascalCase aliases, immutability, and the dump back to boto3's form."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, SerializerFunctionWrapHandler, Strict, WrapSerializer
from pydantic.alias_generators import to_pascal

T = TypeVar("T")


def _tuple_as_list(value: tuple[object, ...], handler: SerializerFunctionWrapHandler) -> Any:
    """boto3 hands out and accepts lists; the models hold tuples so that they stay immutable."""
    return list(handler(value))


FrozenList = Annotated[tuple[T, ...], WrapSerializer(_tuple_as_list)]
"""A list on the wire, a tuple on the model, so that a frozen model cannot be mutated."""

WireStr = Annotated[str, Strict()]
"""A string that must already be a ``str``: bytes or numbers are wrong input, not coerced."""


class _Model(BaseModel):
    """Base of all models: snake_case attributes, the AWS PascalCase names as aliases."""

    model_config = ConfigDict(
        alias_generator=to_pascal,
        validate_by_alias=True,
        validate_by_name=True,
        frozen=True,
    )

    def _boto_dict(self) -> Any:
        # exclude_unset keeps absent keys absent; exclude_none drops optional fields built as None.
        return self.model_dump(by_alias=True, exclude_unset=True, exclude_none=True)


class ResponseModel(_Model):
    """A structure AWS sends: keys AWS adds in future are kept, so a round trip loses nothing."""

    model_config = ConfigDict(extra="allow")


class RequestModel(_Model):
    """A structure the caller writes: an unknown key is a typo, so it is rejected."""

    model_config = ConfigDict(extra="forbid")
