"""The rejection assertion every constraint test uses must itself be able to fail."""

from __future__ import annotations

import pytest

from ec2_export_image_tasks.models import ExportImageTask, PaginationConfig, Tag

from .helpers import rejected


def test_it_passes_on_an_error_naming_the_field_and_the_value() -> None:
    with rejected("Tags.0.Key", "aws:x"):
        ExportImageTask.model_validate({"Tags": [{"Key": "aws:x"}]})


def test_it_fails_when_nothing_is_raised() -> None:
    with pytest.raises(pytest.fail.Exception), rejected("Key", "k"):
        Tag.model_validate({"Key": "k"})


def test_it_lets_other_exceptions_through() -> None:
    with pytest.raises(KeyError), rejected("Key", "k"):
        raise KeyError("k")


@pytest.mark.parametrize(
    ("field", "value"),
    [("Value", "aws:x"), ("Tags.0.Key", "aws:x"), ("Key", "aws:y"), ("Key", "aws")],
    ids=["another field", "a path that is not there", "another value", "part of the value"],
)
def test_it_fails_unless_both_field_and_value_are_named(field: str, value: str) -> None:
    with pytest.raises(AssertionError), rejected(field, value):
        Tag.model_validate({"Key": "aws:x"})


def test_a_number_must_be_the_input_value_not_any_digit_in_the_message() -> None:
    with pytest.raises(AssertionError), rejected("PageSize", 50):
        PaginationConfig.model_validate({"PageSize": 501})


def test_a_shortened_value_must_match_at_both_ends() -> None:
    with pytest.raises(AssertionError), rejected("Key", "k" * 127 + "x"):
        Tag.model_validate({"Key": "k" * 128})
