"""What every model shares: PascalCase aliases, immutability, and the dump back to boto3's form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    SerializerFunctionWrapHandler,
    Strict,
    WrapSerializer,
)
from pydantic.alias_generators import to_pascal
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

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


def _not_a_field_in_another_case(fields: Iterable[str]) -> Callable[[str], str]:
    """The check for an unknown key: it must not be a field's alias or name in other letters.

    ``{"Key": "a", "key": "aws:x"}`` would otherwise keep ``key`` as an unknown key, unchecked.
    """
    spellings = {
        spelling.casefold(): to_pascal(field)
        for field in fields
        for spelling in (field, to_pascal(field))
    }

    def check(key: str) -> str:
        alias = spellings.get(key.casefold())
        if alias is not None:
            raise PydanticCustomError(
                "alias_case",
                "an unknown key that is the field {alias} in other letters; "
                "it would escape that field's checks",
                {"alias": alias},
            )
        return key

    return check


class ResponseModel(_Model, frozen=True):
    """A structure AWS sends: keys AWS adds in future are kept, so a round trip loses nothing.

    An unknown key is checked against the fields' spellings: the check runs in Python, but only
    for unknown keys (a page's ``ResponseMetadata``), so a task as AWS sends it pays nothing.
    """

    model_config = ConfigDict(extra="allow")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Runs before pydantic reads the class's annotations: it finds the key check there.
        super().__init_subclass__(**kwargs)
        fields = [
            name
            for model in cls.__mro__
            if issubclass(model, ResponseModel)
            for name in vars(model).get("__annotations__", {})
            if not name.startswith("_")
        ]
        key = Annotated[str, AfterValidator(_not_a_field_in_another_case(fields))]
        cls.__annotations__["__pydantic_extra__"] = dict[key, Any]


class RequestModel(_Model, frozen=True):
    """A structure the caller writes: an unknown key is a typo, so it is rejected."""

    model_config = ConfigDict(extra="forbid")
