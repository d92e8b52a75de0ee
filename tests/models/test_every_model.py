"""What holds for every model: the exact round trip, snake_case construction, immutability."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from ec2_export_image_tasks.models import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    Filter,
    PaginationConfig,
    Tag,
)

from .helpers import CASES, RESPONSE_CASES, Case, boto_key, in_any_case, rejected, to_boto

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

WITH_LISTS = [
    case
    for case in CASES
    if case.model
    in {ExportImageTask, DescribeExportImageTasksResponse, Filter, DescribeExportImageTasksRequest}
]


def _snake_case_arguments(instance: BaseModel) -> dict[str, object]:
    """What a caller writes to build ``instance`` by hand: snake_case names, unknown keys as is."""
    fields = {name: getattr(instance, name) for name in instance.model_fields_set}
    return fields | (instance.model_extra or {})


def _assert_lists_are_tuples(boto: Mapping[str, object], instance: BaseModel) -> None:
    """Each list in the boto3 dict is a tuple on the model, at every depth."""
    for name in type(instance).model_fields:
        key = boto_key(type(instance), name)
        if key not in boto:
            continue
        raw, held = boto[key], getattr(instance, name)
        pairs = [(raw, held)]
        if isinstance(raw, list):
            assert isinstance(held, tuple), f"{key} is a {type(held).__name__}"
            pairs = list(
                zip(cast("list[object]", raw), cast("tuple[object, ...]", held), strict=True)
            )
        for raw_item, held_item in pairs:
            if isinstance(held_item, BaseModel):
                _assert_lists_are_tuples(cast("Mapping[str, object]", raw_item), held_item)


@pytest.mark.parametrize("case", CASES, ids=str)
@given(data=st.data())
def test_every_valid_boto3_dict_in_the_documented_form_round_trips_exactly(
    case: Case, data: st.DataObject
) -> None:
    boto = data.draw(case.dicts())  # enumerations spelt as the service model documents them

    assert to_boto(case.model.model_validate(boto)) == boto


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=str)
@given(data=st.data())
def test_an_answer_goes_back_with_its_enumerations_in_the_documented_form(
    case: Case, data: st.DataObject
) -> None:
    documented = data.draw(case.dicts())
    sent = data.draw(in_any_case(documented))  # "ACTIVE", "vmdk", "Deleted" ...

    assert to_boto(case.model.model_validate(sent)) == documented


@pytest.mark.parametrize("case", CASES, ids=str)
@given(data=st.data())
def test_the_model_strategies_give_valid_models_of_the_type(
    case: Case, data: st.DataObject
) -> None:
    instance = data.draw(case.instances())

    assert type(instance) is case.model
    assert case.model.model_validate(to_boto(instance)) == instance


@pytest.mark.parametrize("case", CASES, ids=str)
@given(data=st.data())
def test_construction_by_snake_case_names_is_the_same_model(
    case: Case, data: st.DataObject
) -> None:
    validated = case.model.model_validate(data.draw(case.dicts()))

    built = case.model(**_snake_case_arguments(validated))

    assert built == validated
    assert to_boto(built) == to_boto(validated)


@pytest.mark.parametrize("case", CASES, ids=str)
@given(data=st.data())
def test_assigning_any_attribute_raises(case: Case, data: st.DataObject) -> None:
    instance = case.model.model_validate(data.draw(case.dicts()))
    name = data.draw(st.sampled_from([*sorted(case.model.model_fields), "not_a_field"]))
    before = getattr(instance, name, None)

    with rejected(name, "changed"):
        setattr(instance, name, "changed")
    assert getattr(instance, name, None) == before


NESTED = {"Items": [{"Key": "a", "Values": ["x"]}], "Count": 1}
"""An unknown key's value as a JSON value may be: dicts and lists inside each other."""


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=str)
@given(data=st.data())
def test_a_frozen_model_cannot_be_changed_through_its_unknown_keys(
    case: Case, data: st.DataObject
) -> None:
    key = data.draw(case.unknown_keys())
    sent = {**data.draw(case.dicts()), key: NESTED}
    instance = case.model.model_validate(sent)
    extra = instance.model_extra
    assert extra is not None
    changes: list[Callable[[], object]] = [
        lambda: extra.__setitem__("Other", 1),
        lambda: extra.pop(key),
        lambda: extra[key].update(Count=2),
        lambda: extra[key]["Items"].append({}),
        lambda: extra[key]["Items"][0]["Values"].__setitem__(0, "y"),
    ]

    with pytest.raises(TypeError, match="frozen"):
        data.draw(st.sampled_from(changes))()

    assert to_boto(instance) == sent
    assert pickle.loads(pickle.dumps(instance)) == instance


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=str)
@given(data=st.data())
def test_a_copy_cannot_be_changed_through_the_unknown_keys_it_was_given(
    case: Case, data: st.DataObject
) -> None:
    key = data.draw(case.unknown_keys())
    instance = case.model.model_validate(data.draw(case.dicts()))
    copied = instance.model_copy(update={key: {"Items": [{"Values": ["x"]}]}})
    extra = copied.model_extra
    assert extra is not None

    with pytest.raises(TypeError, match="frozen"):
        extra[key]["Items"][0]["Values"].append("y")

    assert to_boto(copied)[key] == {"Items": [{"Values": ["x"]}]}


@pytest.mark.parametrize("case", WITH_LISTS, ids=str)
@given(data=st.data())
def test_lists_in_the_boto3_dict_are_tuples_on_the_model(case: Case, data: st.DataObject) -> None:
    boto = data.draw(case.dicts())

    _assert_lists_are_tuples(boto, case.model.model_validate(boto))


@pytest.mark.parametrize(
    ("build", "field", "value"),
    [
        (lambda: Tag(key="aws:x"), "key", "aws:x"),
        (lambda: Tag(key="k", value="v" * 257), "value", "v" * 257),
        (lambda: ExportImageTask(progress=101), "progress", 101),
        (lambda: ExportImageTask(image_id="ami-0123ABCD"), "image_id", "ami-0123ABCD"),
        (lambda: PaginationConfig(page_size=501), "page_size", 501),
        (lambda: Filter(name="task-state", values=("running",)), "values", "running"),
        (
            lambda: DescribeExportImageTasksRequest(export_image_task_ids=("ami-0123abcd",)),
            "export_image_task_ids.0",
            "ami-0123abcd",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_construction_checks_the_same_constraints_naming_the_argument(
    build: Callable[[], object], field: str, value: object
) -> None:
    with rejected(field, value):
        build()
