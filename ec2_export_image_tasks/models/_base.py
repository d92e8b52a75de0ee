"""What every model shares: PascalCase aliases, immutability, and the dump back to boto3's form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    SerializerFunctionWrapHandler,
    Strict,
    WrapSerializer,
)
from pydantic.alias_generators import to_pascal
from pydantic_core import CoreSchema, core_schema

T = TypeVar("T")


def _tuple_as_list(value: tuple[object, ...], handler: SerializerFunctionWrapHandler) -> Any:
    """boto3 hands out and accepts lists; the models hold tuples so that they stay immutable."""
    return list(handler(value))


FrozenList = Annotated[tuple[T, ...], WrapSerializer(_tuple_as_list)]
"""A list on the wire, a tuple on the model, so that a frozen model cannot be mutated."""

WireStr = Annotated[str, Strict()]
"""A string that must already be a ``str``: bytes or numbers are wrong input, not coerced."""


@dataclass(frozen=True, slots=True)
class CoreCheck:
    """``Annotated`` metadata: after the type's own checks, run ``check`` (a pydantic-core schema).

    Checks written as core schemas run in Rust, which keeps per-item validation cheap on the
    paginator's hot path, and ``custom_error_schema`` still lets them say what was wrong.
    """

    check: CoreSchema

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.chain_schema([handler(source), self.check])


class _Model(BaseModel, frozen=True):
    """Base of all models: snake_case attributes, the AWS PascalCase names as aliases.

    Every model says ``frozen=True`` in its class line, not in ``model_config``: type checkers
    read the keyword, so ``task.progress = 1`` is an error before it is ever run.
    """

    model_config = ConfigDict(
        alias_generator=to_pascal,
        validate_by_alias=True,
        validate_by_name=True,
        # Schemas are built on first use, not at import: importing stays cheap for callers
        # that only need the types.
        defer_build=True,
    )

    def _boto_dict(self) -> Any:
        # exclude_unset keeps absent keys absent; exclude_none drops optional fields built as None.
        return self.model_dump(by_alias=True, exclude_unset=True, exclude_none=True)


class ResponseModel(_Model, frozen=True):
    """A structure AWS sends: keys AWS adds in future are kept, so a round trip loses nothing."""

    model_config = ConfigDict(extra="allow")


class RequestModel(_Model, frozen=True):
    """A structure the caller writes: an unknown key is a typo, so it is rejected."""

    model_config = ConfigDict(extra="forbid")
