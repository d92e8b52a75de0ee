"""Hypothesis strategies derived from the models (``pip install ...[hypothesis]``).

For users' own property tests. ``boto_dicts(Model)`` gives what boto3 hands out or takes for any
model, typed as the TypedDict its ``to_boto()`` returns; ``model_instances(Model)`` gives the
validated models built from them. Both are read from the model's own validation schema
(pydantic-core's), field by field: a field added to a model is generated with no change here,
and the model is the oracle (a candidate it refuses is never drawn). The field-level strategies
are derived from the models' types the same way. Text holds only what EC2's XML can carry, so
a generated task can be served by the local endpoint (``ec2_export_image_tasks.testing``) and
comes back through botocore's parser unchanged.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

if find_spec("hypothesis") is None:
    raise ModuleNotFoundError(
        "ec2_export_image_tasks.strategies needs Hypothesis: "
        "pip install 'ec2-export-image-tasks[hypothesis]'",
        name="hypothesis",
    )

import re
from functools import cache

from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import SchemaValidator, core_schema

from .models import (
    ClientToken,
    DescribeExportImageTasksResponse,
    DiskImageFormat,
    ExportImageResponse,
    ExportImageTaskId,
    ExportImageTaskStatus,
    ExportTaskId,
    Filter,
    ImageId,
    RoleName,
    S3BucketName,
    TagKey,
    TagValue,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pydantic_core import CoreSchema

    _Schema = Mapping[str, Any]
    """A pydantic-core schema, read as the plain dict it is."""

__all__ = [
    "boto_dicts",
    "client_tokens",
    "disk_image_formats",
    "export_image_task_ids",
    "export_task_ids",
    "image_ids",
    "model_instances",
    "role_names",
    "s3_bucket_names",
    "statuses",
    "tag_keys",
    "tag_values",
    "xml_text",
]

_M = TypeVar("_M", bound=BaseModel)
_D_co = TypeVar("_D_co", covariant=True)


class _HasBotoForm(Protocol[_D_co]):
    """A model whose ``to_boto()`` gives ``_D_co``: every model in :mod:`.models`."""

    def to_boto(self) -> _D_co: ...


_NOT_IN_XML = (
    "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\ufffe\uffff"
)
"""XML 1.0 carries no other C0 control, not even as a reference, and neither U+FFFE nor U+FFFF."""

_MOST_ITEMS = 4
"""The longest list drawn: enough for every rule about lists, and cheap to run."""

_ANSWERS: tuple[type[BaseModel], ...] = (DescribeExportImageTasksResponse, ExportImageResponse)
"""What a client call returns: boto3 adds ``ResponseMetadata``, which no model field holds."""


def xml_text(*, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Text EC2 can send: any code point XML 1.0 carries (no surrogates, no C0 control but tab,
    newline and carriage return, no U+FFFE or U+FFFF)."""
    alphabet = st.characters(codec="utf-8", exclude_characters=_NOT_IN_XML)
    return st.text(alphabet, min_size=min_size, max_size=max_size)


def boto_dicts(model: type[_HasBotoForm[_D_co]]) -> st.SearchStrategy[_D_co]:
    """Valid boto3-form dicts for ``model`` (any model of :mod:`ec2_export_image_tasks.models`),
    typed as its ``to_boto()`` is: ``boto_dicts(ExportImageTask)`` draws
    ``ExportImageTaskTypeDef``. Each optional key may be absent; an answer may carry
    ``ResponseMetadata``."""
    if not issubclass(model, BaseModel):
        raise TypeError(f"boto_dicts() takes a model class, not {model!r}")
    return cast("st.SearchStrategy[_D_co]", _model_dicts(model))


def model_instances(model: type[_M]) -> st.SearchStrategy[_M]:
    """Valid instances of ``model``, each validated from one of :func:`boto_dicts`."""
    return _model_dicts(model).map(model.model_validate)


def export_image_task_ids() -> st.SearchStrategy[str]:
    """``export-ami-`` and 8 or 17 lowercase hex digits."""
    return _values(ExportImageTaskId)


def export_task_ids() -> st.SearchStrategy[str]:
    """What ``CancelExportTask`` takes: an image export's id, or an instance export's."""
    return _values(ExportTaskId)


def image_ids() -> st.SearchStrategy[str]:
    """``ami-`` and 8 or 17 lowercase hex digits."""
    return _values(ImageId)


def tag_keys() -> st.SearchStrategy[str]:
    """1 to 127 code points (astral ones included), never beginning with ``aws:`` in any case."""
    return _values(TagKey)


def tag_values() -> st.SearchStrategy[str]:
    """0 to 256 code points."""
    return _values(TagValue)


def statuses() -> st.SearchStrategy[ExportImageTaskStatus]:
    """Each of the four statuses."""
    return st.sampled_from(ExportImageTaskStatus)


def disk_image_formats() -> st.SearchStrategy[DiskImageFormat]:
    """VMDK, RAW or VHD."""
    return st.sampled_from(DiskImageFormat)


def client_tokens() -> st.SearchStrategy[str]:
    """EC2 idempotency tokens: 1 to 64 ASCII characters."""
    return _values(ClientToken)


def s3_bucket_names() -> st.SearchStrategy[str]:
    """Names S3's general purpose bucket naming rules allow, 3 to 63 characters."""
    return _values(S3BucketName)


def role_names() -> st.SearchStrategy[str]:
    """IAM role names: 1 to 64 of letters, digits and ``_+=,.@-``."""
    return _values(RoleName)


# How a model's schema becomes a strategy.


def _values(annotation: Any) -> st.SearchStrategy[Any]:
    """The values the type ``annotation`` takes, in boto3's form."""
    return _Schemas(str(annotation)).strategy(TypeAdapter(annotation).core_schema)


@cache
def _model_dicts(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    """``model``'s boto3-form dicts: one key per field, each drawn from the field's schema."""
    model.model_rebuild()  # the models build their schemas on first use
    schemas = _Schemas(model.__name__)
    fields = schemas.model_fields(model.__pydantic_core_schema__)
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for name, field in fields.items():
        key = field.get("serialization_alias") or name
        schema = field["schema"]
        chosen = optional if schema["type"] == "default" else required
        chosen[key] = schemas.strategy(schema, f"{model.__name__}.{name}")
    if model in _ANSWERS:
        optional["ResponseMetadata"] = _response_metadata()
    dicts = st.fixed_dictionaries(required, optional=optional)
    if (rare := _RARE.get(model)) is not None:
        dicts = dicts | rare()
    return dicts.filter(_accepted_by(model))


def _accepted_by(model: type[BaseModel]) -> Callable[[Mapping[str, Any]], bool]:
    """Whether ``model`` takes a dict: the rules between fields are the model's alone."""

    def accepted(candidate: Mapping[str, Any]) -> bool:
        try:
            model.model_validate(candidate)
        except ValidationError:
            return False
        return True

    return accepted


def _task_state_filters() -> st.SearchStrategy[Any]:
    statuses_sent = st.lists(statuses(), min_size=1, max_size=_MOST_ITEMS)
    return statuses_sent.map(lambda chosen: Filter.task_state(*chosen).to_boto())


_RARE: dict[type[BaseModel], Callable[[], st.SearchStrategy[Any]]] = {
    Filter: _task_state_filters,
}
"""Valid dicts a model's rules make too rare to draw at random, drawn besides: a random filter
name is almost never ``task-state``, whose values must be statuses."""


def _response_metadata() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "RequestId": st.uuids().map(str),
            "HTTPStatusCode": st.just(200),
            "HTTPHeaders": st.dictionaries(st.text(min_size=1), st.text(), max_size=3),
            "RetryAttempts": st.integers(0, 5),
        }
    )


_WRAPPERS = {
    "nullable": "schema",  # None is an absent key, never drawn
    "default": "schema",
    "custom-error": "schema",
    "function-before": "schema",
    "function-wrap": "schema",
    "json-or-python": "python_schema",
    "lax-or-strict": "strict_schema",
}
"""Schemas that take what their inner schema takes (as far as a strategy needs to know)."""


class _Schemas:
    """Strategies for the pydantic-core schemas of one model or type, and the definitions they
    refer to. A schema this does not know is an error naming it, never a value left out."""

    def __init__(self, owner: str) -> None:
        self._owner = owner
        self._definitions: dict[str, _Schema] = {}

    def model_fields(self, schema: _Schema) -> dict[str, Any]:
        """The fields of the model that ``schema`` (perhaps with definitions) describes."""
        found = self._resolved(schema)
        if found["type"] != "model" or found["schema"]["type"] != "model-fields":
            raise TypeError(f"{self._owner}: not a model with fields ({found['type']!r} schema)")
        return dict(found["schema"]["fields"])

    def strategy(self, schema: _Schema, where: str = "") -> st.SearchStrategy[Any]:
        """What ``schema`` takes, in boto3's form (an enum's value, a nested model's dict)."""
        schema = self._resolved(schema)
        kind = schema["type"]
        if kind in _WRAPPERS:
            return self.strategy(schema[_WRAPPERS[kind]], where)
        if kind == "str":
            return _text(schema)
        if kind == "int":
            return _integers(schema)
        if kind == "bool":
            return st.booleans()
        if kind == "enum":
            return st.sampled_from([member.value for member in schema["members"]])
        if kind == "literal":
            return st.sampled_from(schema["expected"])
        if kind in ("tuple", "list"):
            return self._list(schema, where)
        if kind == "model":
            return _model_dicts(schema["cls"])
        if kind == "union":  # left to right: the first choice is the documented form
            first: Any = schema["choices"][0]  # a schema, or a (schema, label) pair
            chosen = cast("_Schema", first[0] if isinstance(first, tuple) else first)
            return self.strategy(chosen, where)
        if kind == "chain":
            return self._chain(schema, where)
        if kind == "function-after":
            inner = self.strategy(schema["schema"], where)
            if schema["function"]["type"] == "with-info":  # needs the other fields: the model's
                return inner
            return inner.filter(self._validator(schema).isinstance_python)
        raise TypeError(
            f"no strategy for {where or self._owner}: its pydantic-core schema is {kind!r}"
        )

    def _resolved(self, schema: _Schema) -> _Schema:
        while schema["type"] in ("definitions", "definition-ref"):
            if schema["type"] == "definitions":
                self._definitions |= {found["ref"]: found for found in schema["definitions"]}
                schema = schema["schema"]
            else:
                schema = self._definitions[schema["schema_ref"]]
        return schema

    def _list(self, schema: _Schema, where: str) -> st.SearchStrategy[list[Any]]:
        items = schema["items_schema"]
        if schema["type"] == "tuple":
            if schema.get("variadic_item_index") != 0 or len(items) != 1:
                raise TypeError(f"no strategy for {where}: a tuple of fixed positions")
            items = items[0]
        least = schema.get("min_length") or 0
        most = max(least, min(schema.get("max_length") or _MOST_ITEMS, _MOST_ITEMS))
        return st.lists(self.strategy(items, where), min_size=least, max_size=most)

    def _chain(self, schema: _Schema, where: str) -> st.SearchStrategy[Any]:
        """A chain takes what its first step takes and every later step lets through: drawn
        from an enumeration among its steps, else from its string steps' constraints taken
        together (a length and a pattern), then checked by the whole chain."""
        steps = [self._resolved(self._unwrapped(step)) for step in schema["steps"]]
        enumerations = [step for step in steps if step["type"] in ("enum", "literal")]
        if enumerations:
            candidates = self.strategy(enumerations[0], where)
        elif steps[0]["type"] == "str":
            merged: dict[str, Any] = {}
            for step in steps:
                if step["type"] == "str":
                    merged |= {key: value for key, value in step.items() if value is not None}
            candidates = _text(merged)
        else:
            candidates = self.strategy(steps[0], where)
        return candidates.filter(self._validator(schema).isinstance_python)

    @staticmethod
    def _unwrapped(schema: _Schema) -> _Schema:
        """A step's own type, under the checks and messages wrapped round it."""
        while schema["type"] in ("custom-error", "function-after", "function-before"):
            schema = schema["schema"]
        return schema

    def _validator(self, schema: Any) -> SchemaValidator:
        """pydantic-core's own check of ``schema``: what a drawn value must pass."""
        definitions = cast("list[CoreSchema]", list(self._definitions.values()))
        return SchemaValidator(core_schema.definitions_schema(schema, definitions))


def _integers(schema: _Schema) -> st.SearchStrategy[int]:
    """Integers of an ``int`` schema, within its bounds."""
    least = schema.get("ge", None if (above := schema.get("gt")) is None else above + 1)
    most = schema.get("le", None if (below := schema.get("lt")) is None else below - 1)
    return st.integers(least, most)


def _text(schema: _Schema) -> st.SearchStrategy[str]:
    """Strings of a ``str`` schema: matching its pattern, of its length, all XML can carry."""
    least: int = schema.get("min_length") or 0
    most: int | None = schema.get("max_length")
    pattern: str | None = schema.get("pattern")
    if pattern is None:
        return xml_text(min_size=least, max_size=most)
    if pattern.startswith("^") and pattern.endswith("$"):  # the whole string: drawn from it
        drawn: st.SearchStrategy[str] = st.from_regex(pattern, fullmatch=True)
        return drawn.filter(
            lambda text: least <= len(text) <= (len(text) if most is None else most)
        )
    match = re.compile(pattern).match  # a prefix rule: any text, as far as it allows
    return xml_text(min_size=least, max_size=most).filter(lambda text: match(text) is not None)
