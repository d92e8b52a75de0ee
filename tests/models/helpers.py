"""What the model tests share: every model with its strategy, and the one rejection assertion."""

from __future__ import annotations

import itertools
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

import pytest
from hypothesis import strategies as st
from pydantic import AliasGenerator, BaseModel, ValidationError

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import (
    CancelExportTaskRequest,
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    DiskImageFormat,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    ExportTaskS3LocationRequest,
    Filter,
    PaginationConfig,
    S3ExportLocation,
    Tag,
    TagSpecification,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Mapping

ASTRAL = "\U0001f600"
"""One code point, but two UTF-16 code units and four UTF-8 bytes."""

AWS_PREFIXES = ["".join(letters) + ":" for letters in itertools.product("aA", "wW", "sS")]
"""The reserved tag key prefix in each of its 8 letter casings."""


def boto_key(model: type[BaseModel], name: str) -> str:
    """Field ``name``'s key in boto3's dicts: its alias. pydantic before 2.12 keeps an alias
    made by the model's ``alias_generator`` off the field (``FieldInfo.alias`` is ``None``)."""
    alias = model.model_fields[name].alias
    generate = model.model_config.get("alias_generator")
    if alias is not None or generate is None or isinstance(generate, AliasGenerator):
        return alias or name
    return generate(name)


@dataclass(frozen=True)
class Case:
    """A model, with the strategies for the boto3 dicts it must take and for its instances."""

    model: type[BaseModel]

    def __str__(self) -> str:
        return self.model.__name__

    def dicts(self) -> st.SearchStrategy[Mapping[str, Any]]:
        """Valid boto3 dicts for the model: ``strategies.boto_dicts``."""
        model = cast("type[_Boto]", self.model)
        return strategies.boto_dicts(model)

    def instances(self) -> st.SearchStrategy[BaseModel]:
        """Valid instances of the model: ``strategies.model_instances``."""
        return strategies.model_instances(self.model)

    @property
    def boto_keys(self) -> list[str]:
        """The model's keys in boto3's dicts: the PascalCase names."""
        return sorted(boto_key(self.model, name) for name in self.model.model_fields)

    @property
    def known_keys(self) -> frozenset[str]:
        """Every key the model reads: the boto3 names and the snake_case names."""
        return frozenset(self.boto_keys) | frozenset(self.model.model_fields)

    def unknown_keys(self) -> st.SearchStrategy[str]:
        """Key names the model does not know, such as a key AWS adds later, or a typo; not a
        known key in other letters (a response model refuses those)."""
        known = {key.casefold() for key in self.known_keys}
        return _KEY_NAMES.filter(lambda key: key.casefold() not in known)


_KEY_NAMES = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{0,19}", fullmatch=True)


RESPONSE_CASES = [
    Case(model)
    for model in (
        Tag,
        S3ExportLocation,
        ExportImageTask,
        DescribeExportImageTasksResponse,
        ExportImageResponse,
    )
]
REQUEST_CASES = [
    Case(model)
    for model in (
        Filter,
        PaginationConfig,
        DescribeExportImageTasksRequest,
        ExportTaskS3LocationRequest,
        TagSpecification,
        ExportImageRequest,
        CancelExportTaskRequest,
    )
]
CASES = RESPONSE_CASES + REQUEST_CASES


@runtime_checkable
class _Boto(Protocol):
    def to_boto(self) -> Mapping[str, object]: ...


def to_boto(instance: BaseModel) -> Mapping[str, object]:
    """``instance.to_boto()``, for tests that go over every model."""
    assert isinstance(instance, _Boto), f"{type(instance).__name__} has no to_boto()"
    return instance.to_boto()


@dataclass(frozen=True)
class TagPlace:
    """Where a tag dict can sit in a model's input, and the path pydantic reports for it."""

    model: type[BaseModel]
    path: str
    wrap: Callable[[dict[str, Any]], dict[str, Any]]

    def __str__(self) -> str:
        return self.model.__name__


TAG_PLACES = [
    TagPlace(Tag, "", lambda tag: tag),
    TagPlace(ExportImageTask, "Tags.0.", lambda tag: {"Tags": [tag]}),
    TagPlace(
        DescribeExportImageTasksResponse,
        "ExportImageTasks.0.Tags.0.",
        lambda tag: {"ExportImageTasks": [{"Tags": [tag]}]},
    ),
]

_INPUT_VALUE = re.compile(r"input_value=(?P<shown>.*), input_type=\w+\]$")


def _names_value(line: str, value: object) -> bool:
    """Whether pydantic's message line shows ``value``.

    A string shows quoted anywhere in the line (in the message, or in a list given as input);
    anything else must be the whole input value. pydantic shortens a long input value to its
    start and end around ``...``: both must be the value's own.
    """
    expected = repr(value)
    if isinstance(value, str | bytes) and expected in line:
        return True
    found = _INPUT_VALUE.search(line)
    if found is None:
        return False
    shown = found["shown"]
    # The value may hold dots itself: any "..." can be where pydantic cut it.
    cuts = [at for at in range(len(shown)) if shown.startswith("...", at)]
    return shown == expected or any(
        len(head) > 1 and len(tail) > 1 and expected.startswith(head) and expected.endswith(tail)
        for head, tail in ((shown[:at], shown[at + 3 :]) for at in cuts)
    )


@contextmanager
def rejected(field: str, value: object) -> Generator[None, None, None]:
    """The block raises pydantic's ``ValidationError``, a ``ValueError``, naming field and value.

    ``field`` is the dotted path as pydantic prints it (``"Tags.0.Key"``).
    """
    with pytest.raises(ValidationError) as raised:
        yield
    error = raised.value
    assert isinstance(error, ValueError)
    message = str(error)
    lines = message.splitlines()
    details = [lines[i + 1] for i, line in enumerate(lines[:-1]) if line == field]
    assert details, f"no error for {field!r} in:\n{message}"
    assert any(_names_value(detail, value) for detail in details), (
        f"the error for {field!r} does not show {value!r}:\n{message}"
    )


ANSWER_ENUMS = {"Status": ExportImageTaskStatus, "DiskImageFormat": DiskImageFormat}
"""The enumerations response models read, by boto3 key; EC2 may write them in any case."""


def any_casing(text: str) -> st.SearchStrategy[str]:
    """``text`` with each ASCII letter in a letter case drawn at random."""
    flips = st.lists(st.booleans(), min_size=len(text), max_size=len(text))
    return flips.map(
        lambda upper: "".join(
            c.upper() if up else c.lower() for c, up in zip(text, upper, strict=True)
        )
    )


@st.composite
def in_any_case(draw: st.DrawFn, answer: object) -> Any:
    """``answer`` (a boto3 dict) with every enumeration value in a letter case drawn at random."""
    if isinstance(answer, dict):
        members = cast("dict[str, object]", answer)
        return {
            key: draw(any_casing(value))
            if key in ANSWER_ENUMS and isinstance(value, str)
            else draw(in_any_case(value))
            for key, value in members.items()
        }
    if isinstance(answer, list):
        return [draw(in_any_case(item)) for item in cast("list[object]", answer)]
    return answer
