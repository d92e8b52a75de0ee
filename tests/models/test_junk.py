"""Arbitrary input gives a model or a ValidationError, never any other exception."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from .test_round_trip import MODELS

junk: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.binary(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)


def _validate_or_reject(model: type[BaseModel], data: object) -> None:
    with contextlib.suppress(ValidationError):
        model.model_validate(data)


@pytest.mark.parametrize("model", [m for m, _ in MODELS])
@given(data=junk)
def test_junk_is_a_validation_error_or_a_model(model: type[BaseModel], data: object) -> None:
    _validate_or_reject(model, data)


@pytest.mark.parametrize(("model", "dicts"), MODELS)
@given(data=st.data())
def test_junk_under_a_known_key_is_a_validation_error_or_a_model(
    model: type[BaseModel], dicts: Any, data: st.DataObject
) -> None:
    valid = data.draw(dicts())
    if valid:
        key = data.draw(st.sampled_from(sorted(valid)))
        _validate_or_reject(model, valid | {key: data.draw(junk)})
