"""What every model shares: PascalCase aliases, immutability, and the dump back to boto3's form.

How a model is written here (follow it for a new one):

- Subclass :class:`ResponseModel` (what AWS sends: unknown keys kept) or :class:`RequestModel`
  (what the caller writes: unknown keys rejected), with ``frozen=True`` in the class line.
- Fields are snake_case; the PascalCase alias comes from the base. Strings are ``WireStr`` (or a
  strict ``StringConstraints`` with a length or a pattern: both refuse a lone surrogate), lists
  are ``FrozenList[T]``, optional fields default to ``None`` (absent). A check pydantic cannot
  spell is a :class:`CoreCheck` that also says what it adds to the JSON Schema.
- ``to_boto()`` returns ``self._boto_dict()`` cast to a TypedDict of ``_boto_types.py`` that is
  true of *every* value it can return: the stubs' shape where it is (``TagTypeDef``), else an
  honest one (a page without ``ResponseMetadata``).
- The model gets a ``$defs`` entry in the JSON Schema by being listed in ``schema.py``, and
  strategies in ``strategies.py``; the tests in ``tests/models`` go over every listed model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self, TypeVar, cast, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
    Strict,
    WrapSerializer,
)
from pydantic.alias_generators import to_pascal
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from ._frozen import FrozenDict, frozen

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core.core_schema import ModelFieldsSchema

T = TypeVar("T")


def _tuple_as_list(value: tuple[object, ...], handler: SerializerFunctionWrapHandler) -> Any:
    """boto3 hands out and accepts lists; the models hold tuples so that they stay immutable."""
    return list(handler(value))


@dataclass(frozen=True, slots=True)
class _AsTuple:
    """``Annotated`` metadata: validate a ``Sequence[T]`` field as ``tuple[T, ...]``.

    So the constructor takes any sequence (a list, as boto3 gives) in type checkers and at run
    time, and the model always holds a tuple, which cannot be mutated. The check is
    pydantic-core's tuple schema: no Python call per item.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        (item,) = get_args(source)
        return core_schema.tuple_schema([handler.generate_schema(item)], variadic_item_index=0)


FrozenList = Annotated[Sequence[T], _AsTuple(), WrapSerializer(_tuple_as_list)]
"""Any sequence in, a tuple on the model (typed ``Sequence``: no ``append``), a list on the wire."""


@dataclass(frozen=True, slots=True)
class CoreCheck:
    """``Annotated`` metadata: after the type's own checks, run ``check`` (a pydantic-core schema).

    Checks written as core schemas run in Rust, which keeps per-item validation cheap on the
    paginator's hot path, and ``custom_error_schema`` still lets them say what was wrong.
    ``json_schema`` is what the check adds to the type's JSON Schema (pydantic shows only the
    first step of a chain there), so that the schema says what the model enforces.
    """

    check: CoreSchema
    json_schema: JsonSchemaValue

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.chain_schema([handler(source), self.check])

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(schema) | self.json_schema


_UTF8_TEXT = core_schema.custom_error_schema(
    # pydantic-core reads a constrained string as Rust text, which cannot hold a lone surrogate;
    # an empty minimum asks for that read alone. It runs in Rust: nothing per field in Python.
    core_schema.str_schema(min_length=0),
    custom_error_type="string_not_utf8",
    custom_error_message=(
        "A string to or from EC2 is UTF-8 text; this one holds a lone surrogate "
        "(U+D800 to U+DFFF alone), which UTF-8 cannot encode"
    ),
)


@dataclass(frozen=True, slots=True)
class _Sendable:
    """``Annotated`` metadata: the string is UTF-8 text, so it holds no lone surrogate.

    A Python ``str`` can hold one (``"\\udcff"``); botocore cannot encode it, and would fail
    once the request was on its way (for ``ExportImage``, with its ClientToken already noted as
    sent). Refused here, it never leaves the caller. Every other text field of the models has a
    pattern or a length, which pydantic-core reads the same way and refuses too (as
    ``string_unicode``), so the rule holds for every string a model takes (a property test goes
    over every field of every model).

    Responses read it alike, which refuses nothing EC2 sends: botocore parses EC2's XML answer
    as UTF-8 and cannot make a lone surrogate of its bytes. Only a hand-made dict holds one, and
    a model holding one could be neither sent back nor written as JSON.

    The JSON Schema says nothing of it: JSON Schema's strings are sequences of code points and
    no keyword refuses a lone surrogate (its ``\\ud800`` escape is a valid JSON string); the
    schema module lists this among what the document does not express. Holds no schema itself
    (unlike :class:`CoreCheck`), so that it hashes and the type can be made optional.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        # pydantic shows the first step of a chain in the JSON Schema: the string, as it was.
        return core_schema.chain_schema([handler(source), _UTF8_TEXT])


WireStr = Annotated[str, Strict(), _Sendable()]
"""A string sent to (or read from) EC2: already a ``str`` (bytes or numbers are wrong input,
not coerced), and UTF-8 text (no lone surrogate)."""


class _Model(BaseModel, frozen=True):
    """Base of all models: snake_case attributes, the AWS PascalCase names as aliases.

    Every model says ``frozen=True`` in its class line, not in ``model_config``: type checkers
    read the keyword, so ``task.progress = 1`` is an error before it is ever run.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        alias_generator=to_pascal,
        # "Export image task id", not pydantic's "Exportimagetaskid" made from the alias.
        field_title_generator=lambda name, _: name.replace("_", " ").capitalize(),
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


def _fields_schema(model: type[BaseModel], schema: CoreSchema) -> ModelFieldsSchema:
    """The fields of ``model``'s schema as pydantic makes it (``model`` over ``model-fields``).

    Anything else is refused at once: the check on unknown keys must not be lost quietly.
    """
    inner = schema["schema"] if schema["type"] == "model" else schema
    if inner["type"] != "model-fields":
        raise TypeError(f"{model.__name__}: pydantic made a {inner['type']!r} schema")
    return cast("ModelFieldsSchema", inner)


class ResponseModel(_Model, frozen=True):
    """A structure AWS sends: keys AWS adds in future are kept, so a round trip loses nothing.

    An unknown key is checked against the fields' spellings, and its value frozen: both run in
    Python, but only for unknown keys (a page's ``ResponseMetadata``), so a task as AWS sends it
    pays nothing.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(extra="allow")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler, /
    ) -> CoreSchema:
        """The schema pydantic makes for the model, with this class's check on unknown keys.

        The check knows the class's fields, so it cannot be one ``__pydantic_extra__``
        annotation on this base (pydantic reads that alike for every subclass). Set where
        pydantic checks unknown keys (``extras_keys_schema``), it runs for them alone, and its
        error is located at the key, as a field's error is at the field.
        """
        schema = handler(source)
        fields = _fields_schema(cls, handler.resolve_ref_schema(schema))
        fields["extras_keys_schema"] = core_schema.no_info_after_validator_function(
            _not_a_field_in_another_case(cls.model_fields), core_schema.str_schema()
        )
        # An unknown key's value: its dicts and lists frozen.
        fields["extras_schema"] = core_schema.no_info_after_validator_function(
            frozen, core_schema.any_schema()
        )
        return schema

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """pydantic's copy; unknown keys in ``update`` (not validated, as in pydantic) are frozen
        like the rest, so that the copy cannot be changed through them either."""
        copied = super().model_copy(update=update, deep=deep)
        extra = copied.__pydantic_extra__
        if update and extra:
            frozen_extra = {key: frozen(value) for key, value in extra.items()}
            object.__setattr__(copied, "__pydantic_extra__", frozen_extra)
        return copied

    @property
    def model_extra(self) -> dict[str, Any] | None:
        """The unknown keys the model keeps; frozen, as the model is (``TypeError`` on a change)."""
        extra = self.__pydantic_extra__
        return None if extra is None else FrozenDict(extra)


class RequestModel(_Model, frozen=True):
    """A structure the caller writes: an unknown key is a typo, so it is rejected."""

    model_config: ClassVar[ConfigDict] = ConfigDict(extra="forbid")
