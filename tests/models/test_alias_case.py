"""A key that is a field's name in other letters cannot ride along unchecked, in any response."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ec2_export_image_tasks.models import ExportImageTask

from .helpers import RESPONSE_CASES, Case, boto_key, rejected, to_boto


def _respelled(word: str) -> st.SearchStrategy[str]:
    """``word`` with each letter's case chosen at random."""
    flips = st.lists(st.booleans(), min_size=len(word), max_size=len(word))
    return flips.map(
        lambda upper: "".join(
            c.upper() if u else c.lower() for c, u in zip(word, upper, strict=True)
        )
    )


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=str)
@given(data=st.data())
def test_a_field_given_twice_in_other_letters_is_rejected(case: Case, data: st.DataObject) -> None:
    valid = data.draw(case.dicts())
    present = [key for key in case.boto_keys if key in valid]
    assume(present)
    alias = data.draw(st.sampled_from(present))
    name = {boto_key(case.model, name): name for name in case.model.model_fields}[alias]
    # Its alias or its snake_case name (as in {"Key": ..., "key": ...}), in any letter case.
    spelling = data.draw(_respelled(data.draw(st.sampled_from([alias, name]))))
    assume(spelling != alias)

    with rejected(spelling, spelling):
        case.model.model_validate({**valid, spelling: valid[alias]})


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=str)
@given(data=st.data())
def test_unknown_keys_still_ride_along(case: Case, data: st.DataObject) -> None:
    valid = data.draw(case.dicts())
    key = data.draw(case.unknown_keys())

    assert to_boto(case.model.model_validate({**valid, key: "kept"}))[key] == "kept"


def test_a_field_given_by_its_snake_case_name_alone_is_that_field() -> None:
    assert ExportImageTask.model_validate({"status": "active"}).status == "active"


def test_a_key_named_like_pydantic_s_own_settings_rides_along() -> None:
    # model_config is pydantic's, not a field: a key EC2 adds by that name is kept, unrefused.
    task = ExportImageTask.model_validate({"Status": "active", "ModelConfig": "kept"})

    assert task.model_extra == {"ModelConfig": "kept"}
