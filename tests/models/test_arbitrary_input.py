"""Arbitrary input gives a model or a ValidationError, and never any other exception."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from .helpers import CASES, Case, to_boto

KNOWN_KEYS = sorted({key for case in CASES for key in case.known_keys})

# Any text, lone surrogates included: they are valid Python strings but not valid Unicode.
any_text = st.text(st.characters(exclude_categories=()), max_size=20)

junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text | st.binary(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(any_text | st.sampled_from(KNOWN_KEYS), children, max_size=4)
    ),
    max_leaves=12,
)


def _validate(model: type[BaseModel], data: object) -> BaseModel | ValidationError:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        return error


def _model_or_validation_error(model: type[BaseModel], data: object) -> None:
    """Validate ``data``: a model must go back to boto3's form, an error must print."""
    outcome = _validate(model, data)
    if isinstance(outcome, ValidationError):
        assert f"for {model.__name__}\n" in str(outcome)
    else:
        to_boto(outcome)


@pytest.mark.parametrize("case", CASES, ids=str)
@given(data=junk)
def test_junk_gives_a_model_or_a_validation_error(case: Case, data: object) -> None:
    _model_or_validation_error(case.model, data)


@pytest.mark.parametrize(
    ("case", "key"),
    [(case, key) for case in CASES for key in case.boto_keys],
    ids=str,
)
@given(data=st.data())
def test_junk_under_a_known_key_gives_a_model_or_a_validation_error(
    case: Case, key: str, data: st.DataObject
) -> None:
    valid = data.draw(case.dicts())

    _model_or_validation_error(case.model, {**valid, key: data.draw(junk)})
