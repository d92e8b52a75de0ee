"""A string UTF-8 cannot encode (a lone surrogate) is refused in every string field, named.

Python strings can hold one (``os.fsdecode`` of non-UTF-8 bytes, ``json.loads('"\\udcff"')``);
botocore cannot send one, and EC2 never sends one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ec2_export_image_tasks.models import ExportTaskS3LocationRequest

from .helpers import CASES, Case, rejected, to_boto

if TYPE_CHECKING:
    from collections.abc import Iterator

each_case = pytest.mark.parametrize("case", CASES, ids=str)

lone_surrogates = st.characters(categories=["Cs"])

Path = tuple[str | int, ...]


def _string_leaves(data: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every string in boto3's form of a model, with its path (keys and list indexes)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        fields = cast("dict[str, Any]", data)
        for key, value in fields.items():
            if key != "ResponseMetadata":  # botocore's, kept as an unknown key: not a field
                yield from _string_leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(cast("list[object]", data)):
            yield from _string_leaves(value, (*path, index))


def _replaced(data: Any, path: Path, value: str) -> Any:
    """``data`` with the value at ``path`` replaced, copied on the way down."""
    if not path:
        return value
    head, *rest = path
    if isinstance(head, int):
        items: list[Any] = list(data)
        items[head] = _replaced(items[head], tuple(rest), value)
        return items
    fields = dict(cast("dict[str, Any]", data))
    fields[head] = _replaced(fields[head], tuple(rest), value)
    return fields


@each_case
@settings(max_examples=25)
@given(data=st.data())
def test_a_lone_surrogate_in_any_string_field_is_refused_naming_the_field(
    case: Case, data: st.DataObject
) -> None:
    valid = data.draw(case.dicts())
    leaves = list(_string_leaves(valid))
    assume(leaves)
    path, text = data.draw(st.sampled_from(leaves))
    at = data.draw(st.integers(0, len(text)))
    bad = text[:at] + data.draw(lone_surrogates) + text[at:]
    with rejected(".".join(map(str, path)), bad):
        case.model.model_validate(_replaced(valid, path, bad))


def _holds_a_lone_surrogate(data: object) -> bool:
    """Whether a string in ``data`` cannot be encoded as UTF-8."""
    return any(
        text.encode("utf-8", "replace") != text.encode("utf-8", "surrogatepass")
        for _, text in _string_leaves(data)
    )


@each_case
@settings(max_examples=25)
@given(data=st.data())
def test_the_strategies_never_draw_a_lone_surrogate(case: Case, data: st.DataObject) -> None:
    assert not _holds_a_lone_surrogate(data.draw(case.dicts()))
    assert not _holds_a_lone_surrogate(to_boto(data.draw(case.instances())))


def test_the_refusal_says_why_and_shows_the_surrogate_escaped() -> None:
    with pytest.raises(ValidationError) as raised:
        ExportTaskS3LocationRequest.model_validate(
            {"S3Bucket": "my-bucket", "S3Prefix": "exports/\udcff"}
        )
    message = str(raised.value)
    assert "S3Prefix\n" in message
    assert "lone surrogate" in message
    assert "'exports/\\udcff'" in message
