"""Tag: key 1..127 code points and never ``aws:`` in any case, value 0..256 code points.

The limits hold wherever a tag sits: alone, in a task, in a page.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ec2_export_image_tasks.models import Tag

from .helpers import ASTRAL, AWS_PREFIXES, TAG_PLACES, TagPlace, rejected, to_boto

UNITS = ["k", "\u00e9", ASTRAL]
"""One code point each: 1, 2 and 4 UTF-8 bytes; the last is 2 UTF-16 code units."""

places = pytest.mark.parametrize("place", TAG_PLACES, ids=str)
units = pytest.mark.parametrize("unit", UNITS, ids=ascii)


def _is_reserved(key: str) -> bool:
    return key[:4].lower() == "aws:"


def test_a_tag_is_built_from_snake_case_names() -> None:
    assert Tag(key="team", value="imaging").to_boto() == {"Key": "team", "Value": "imaging"}


def test_an_absent_value_reads_as_empty_and_stays_absent() -> None:
    tag = Tag.model_validate({"Key": "team"})

    assert tag.value == ""
    assert tag.to_boto() == {"Key": "team"}


@places
@units
def test_a_key_of_127_code_points_is_accepted(place: TagPlace, unit: str) -> None:
    data = place.wrap({"Key": unit * 127})

    assert to_boto(place.model.model_validate(data)) == data


@places
@units
def test_a_key_of_128_code_points_is_rejected(place: TagPlace, unit: str) -> None:
    with rejected(place.path + "Key", unit * 128):
        place.model.model_validate(place.wrap({"Key": unit * 128}))


@given(st.text(min_size=128, max_size=300))
def test_any_key_over_127_code_points_is_rejected(key: str) -> None:
    with rejected("Key", key):
        Tag.model_validate({"Key": key})


@places
def test_an_empty_key_is_rejected(place: TagPlace) -> None:
    with rejected(place.path + "Key", ""):
        place.model.model_validate(place.wrap({"Key": ""}))


def test_a_tag_without_a_key_is_rejected() -> None:
    with rejected("Key", {"Value": "imaging"}):
        Tag.model_validate({"Value": "imaging"})


@places
@units
def test_a_value_of_256_code_points_is_accepted(place: TagPlace, unit: str) -> None:
    data = place.wrap({"Key": "k", "Value": unit * 256})

    assert to_boto(place.model.model_validate(data)) == data


@places
@units
def test_a_value_of_257_code_points_is_rejected(place: TagPlace, unit: str) -> None:
    with rejected(place.path + "Value", unit * 257):
        place.model.model_validate(place.wrap({"Key": "k", "Value": unit * 257}))


@given(st.text(min_size=257, max_size=500))
def test_any_value_over_256_code_points_is_rejected(value: str) -> None:
    with rejected("Value", value):
        Tag.model_validate({"Key": "k", "Value": value})


def test_an_empty_value_is_accepted() -> None:
    assert Tag.model_validate({"Key": "k", "Value": ""}).to_boto() == {"Key": "k", "Value": ""}


@places
@given(prefix=st.sampled_from(AWS_PREFIXES), rest=st.text(max_size=20))
def test_the_aws_prefix_is_rejected_in_any_letter_case(
    place: TagPlace, prefix: str, rest: str
) -> None:
    with rejected(place.path + "Key", prefix + rest):
        place.model.model_validate(place.wrap({"Key": prefix + rest}))


@given(letters=st.sampled_from([prefix[:3] for prefix in AWS_PREFIXES]), rest=st.text(max_size=20))
def test_aws_without_the_colon_is_an_ordinary_key(letters: str, rest: str) -> None:
    assume(not rest.startswith(":"))

    assert Tag(key=letters + rest).key == letters + rest


@given(
    head=st.text(min_size=1, max_size=10),
    prefix=st.sampled_from(AWS_PREFIXES),
    rest=st.text(max_size=10),
)
def test_aws_colon_later_in_the_key_is_accepted(head: str, prefix: str, rest: str) -> None:
    key = head + prefix + rest
    assume(not _is_reserved(key))

    assert Tag(key=key).key == key


@pytest.mark.parametrize(
    "key", ["aws", "AWS", "xaws:", "my-aws:key", " aws:", "\naws:", "aws;x", "aw:s", "awsx:"]
)
def test_keys_that_only_resemble_the_prefix_are_accepted(key: str) -> None:
    assert Tag.model_validate({"Key": key}).to_boto() == {"Key": key}


@pytest.mark.parametrize(
    ("field", "value"),
    [("Key", 7), ("Key", b"team"), ("Key", None), ("Value", 7), ("Value", b"imaging")],
)
def test_keys_and_values_must_be_strings(field: str, value: object) -> None:
    with rejected(field, value):
        Tag.model_validate({"Key": "team"} | {field: value})


@pytest.mark.parametrize("spelling", ["key", "KEY", "kEy"])
def test_a_second_key_in_other_letters_cannot_escape_the_key_checks(spelling: str) -> None:
    with rejected(spelling, spelling):
        Tag.model_validate({"Key": "a", spelling: "aws:x"})
