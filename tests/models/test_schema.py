"""The JSON Schema document says what the models enforce: a standard validator agrees with them.

The validator is the ``jsonschema`` package (Python's ``re`` for patterns, where ``$`` also
matches before a trailing newline); the models use pydantic-core's Rust regex. Both sides are
checked on the same inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

from ec2_export_image_tasks.models import (
    CancelExportTaskRequest,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    ExportTaskS3LocationRequest,
    PaginationConfig,
    Tag,
    TagSpecification,
    json_schema,
)
from ec2_export_image_tasks.models._schema import NOT_EXPRESSED, SCHEMA_ID

from .helpers import AWS_PREFIXES, CASES, Case, any_casing

if TYPE_CHECKING:
    from collections.abc import Callable

DOCUMENT: dict[str, Any] = json_schema()  # indexed freely: the tests know its shape

each_case = pytest.mark.parametrize("case", CASES, ids=str)


def schema_accepts(model: type[BaseModel] | None, data: Any) -> bool:
    """The document's verdict on ``data`` as ``model``'s ``$defs`` entry (``None``: the root)."""
    schema = DOCUMENT
    if model is not None:
        schema = {**DOCUMENT, "$ref": f"#/$defs/{model.__name__}"}
        del schema["anyOf"]
    return Draft202012Validator(schema).is_valid(data)  # pyright: ignore[reportUnknownMemberType]


def model_accepts(model: type[BaseModel], data: object) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def test_the_document_is_a_valid_draft_2020_12_schema_with_an_id() -> None:
    Draft202012Validator.check_schema(DOCUMENT)

    assert DOCUMENT["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert DOCUMENT["$id"] == SCHEMA_ID


def test_the_document_defines_every_model_and_both_enums() -> None:
    expected = {case.model.__name__ for case in CASES} | {
        "ExportImageTaskStatus",
        "DiskImageFormat",
    }

    assert set(DOCUMENT["$defs"]) == expected


def test_titles_read_as_words() -> None:
    task = DOCUMENT["$defs"]["ExportImageTask"]["properties"]["ExportImageTaskId"]

    assert task["title"] == "Export image task id"


@each_case
@given(data=st.data())
def test_every_valid_boto3_dict_is_valid_to_the_schema(case: Case, data: st.DataObject) -> None:
    boto = data.draw(case.dicts())

    assert schema_accepts(case.model, boto)


HOSTILE: list[object] = [
    *AWS_PREFIXES,
    "aws:x",
    "AwS:team",
    "failed",
    "Active",
    "active",
    "45",
    "45\n",
    "045",
    "101",
    "export-ami-0123456789abcdef0",
    "export-ami-0123456789abcdef0\n",
    "export-ami-0123abcd",
    "ami-0123abcd\n",
    "ami-0123456789abcdef0",
    "",
    "x" * 127,
    "x" * 128,
    "x" * 257,
    0,
    -1,
    1,
    45,
    100,
    101,
    500,
    501,
    1.5,
    True,
    None,
    [],
    ["active"],
    ["failed"],
    [""],
    {},
    {"Key": "aws:x"},
]
"""Values that break one constraint or another somewhere, and some that fit."""

hostile = st.sampled_from(HOSTILE) | st.text(max_size=3) | st.integers(-2, 600)


def _containers(node: object) -> list[dict[str, Any] | list[Any]]:
    """Every dict and list inside ``node``, ``node`` included, outermost first."""
    if isinstance(node, dict):
        members: list[Any] = list(node.values())  # pyright: ignore[reportUnknownArgumentType]
        found: list[dict[str, Any] | list[Any]] = [node]  # pyright: ignore[reportUnknownArgumentType]
    elif isinstance(node, list):
        members = list(node)  # pyright: ignore[reportUnknownArgumentType]
        found = [node]  # pyright: ignore[reportUnknownArgumentType]
    else:
        return []
    for member in members:
        found += _containers(member)
    return found


@st.composite
def mutations(draw: st.DrawFn, case: Case) -> dict[str, Any]:
    """A valid dict of ``case`` with one value replaced, one key deleted, or one key added."""
    mutated: dict[str, Any] = _deep_copy(dict(draw(case.dicts())))
    place = draw(st.sampled_from(_containers(mutated)))
    if isinstance(place, list):
        if place:
            place[draw(st.integers(0, len(place) - 1))] = draw(hostile)
        else:
            place.append(draw(hostile))
        return mutated
    keys = sorted(place)
    action = draw(st.sampled_from(["replace", "delete", "add"] if keys else ["add"]))
    if action == "add":
        place[draw(case.unknown_keys())] = draw(hostile)
    elif action == "delete":
        del place[draw(st.sampled_from(keys))]
    else:
        place[draw(st.sampled_from(keys))] = draw(hostile)
    return mutated


def _deep_copy(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _deep_copy(value) for key, value in node.items()}  # pyright: ignore[reportUnknownVariableType]
    if isinstance(node, list):
        return [_deep_copy(value) for value in node]  # pyright: ignore[reportUnknownVariableType]
    return node


@each_case
@given(data=st.data())
def test_the_schema_and_the_model_give_the_same_verdict_on_a_mutated_dict(
    case: Case, data: st.DataObject
) -> None:
    mutated = data.draw(mutations(case))

    assert schema_accepts(case.model, mutated) == model_accepts(case.model, mutated), mutated


BAD_BUCKET_NAMES = [
    "exports..2026",
    "192.168.5.4",
    "xn--exports",
    "sthree-exports",
    "amzn-s3-demo-exports",
    "exports-s3alias",
    "exports--ol-s3",
    "exports.mrap",
    "exports--x-s3",
    "exports--table-s3",
    "Exports",
    "ex",
    "-exports",
]
"""One of S3's naming rules broken in each."""

EXPORT: dict[str, Any] = {
    "ImageId": "ami-0123456789abcdef0",
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": "exports"},
}
"""A valid ``ExportImage`` request."""

REFUSED_BY_BOTH: list[tuple[type[BaseModel], dict[str, Any]]] = [
    *((Tag, {"Key": prefix + "team"}) for prefix in AWS_PREFIXES),
    (Tag, {"Key": "x" * 128}),
    (ExportImageTask, {"Progress": "45\n"}),
    (ExportImageTask, {"Progress": "045"}),
    (ExportImageTask, {"ExportImageTaskId": "export-ami-0123456789abcdef0\n"}),
    (ExportImageTask, {"ImageId": "ami-0123abcd\n"}),
    (ExportImageTask, {"Status": "failed"}),
    (PaginationConfig, {"PageSize": 501}),
    (PaginationConfig, {"page_size": 25, "PageSize": 25, "Oops": 1}),
    *((ExportTaskS3LocationRequest, {"S3Bucket": name}) for name in BAD_BUCKET_NAMES),
    (CancelExportTaskRequest, {"ExportTaskId": "export-ami-0123abcd\n"}),
    (CancelExportTaskRequest, {"ExportTaskId": "ami-0123abcd"}),
    (TagSpecification, {"ResourceType": "export-image-task", "Tags": [{"Key": "a", "Oops": 1}]}),
    (TagSpecification, {"ResourceType": "image"}),
    (ExportImageRequest, {**EXPORT, "DiskImageFormat": "vmdk"}),
    (ExportImageRequest, {**EXPORT, "RoleName": "no spaces"}),
    (ExportImageRequest, {**EXPORT, "ClientToken": ""}),
    (ExportImageRequest, {**EXPORT, "Description": "x" * 256}),
    (ExportImageRequest, {**EXPORT, "Oops": 1}),
    (ExportImageResponse, {"ExportImageTaskId": "export-i-0123abcd"}),
    (ExportImageResponse, {"DiskImageFormat": "ova"}),
]


@pytest.mark.parametrize(
    ("model", "data"), REFUSED_BY_BOTH, ids=[repr(data) for _, data in REFUSED_BY_BOTH]
)
def test_what_the_issue_found_passing_is_refused_by_both(
    model: type[BaseModel], data: dict[str, Any]
) -> None:
    assert not model_accepts(model, data)
    assert not schema_accepts(model, data)


def test_a_task_state_filter_takes_only_statuses_in_both() -> None:
    from ec2_export_image_tasks.models import Filter

    for values, valid in ((["active", "deleted"], True), (["failed"], False), (["Active"], False)):
        data = {"Name": "task-state", "Values": values}
        assert model_accepts(Filter, data) is valid
        assert schema_accepts(Filter, data) is valid
    assert schema_accepts(Filter, {"Name": "tag:team", "Values": ["failed"]})


@given(data=st.data())
def test_a_status_in_an_answer_is_valid_in_any_letter_case_to_both(data: st.DataObject) -> None:
    status = data.draw(st.sampled_from([status.value for status in ExportImageTaskStatus]))
    task = {"Status": data.draw(any_casing(status))}

    assert model_accepts(ExportImageTask, task)
    assert schema_accepts(ExportImageTask, task)


@pytest.mark.parametrize("status", ["ACT\u0130VE", "activ", "Active\n", "ACTIVE "], ids=repr)
def test_a_status_out_of_the_enum_in_any_case_is_refused_by_both(status: str) -> None:
    assert not model_accepts(ExportImageTask, {"Status": status})
    assert not schema_accepts(ExportImageTask, {"Status": status})


def test_the_export_operations_have_their_requests_and_answer_defined() -> None:
    assert schema_accepts(ExportImageRequest, EXPORT)
    assert schema_accepts(ExportImageResponse, {"ExportImageTaskId": "export-ami-0123abcd"})
    assert schema_accepts(CancelExportTaskRequest, {"ExportTaskId": "export-i-0123abcd"})
    assert not schema_accepts(ExportImageRequest, {"ImageId": "ami-0123abcd"})
    assert not schema_accepts(CancelExportTaskRequest, {})


def test_the_root_takes_a_request_or_a_page() -> None:
    assert schema_accepts(None, {"PaginationConfig": {"PageSize": 25}})
    assert schema_accepts(None, {"ExportImageTasks": [], "ResponseMetadata": {"RequestId": "r"}})
    assert not schema_accepts(None, {"PaginationConfig": {"PageSize": 0}, "ExportImageTasks": 1})


TWICE_TAGGED = {
    **EXPORT,
    "TagSpecifications": [
        {"ResourceType": "export-image-task", "Tags": [{"Key": "team"}]},
        {"ResourceType": "export-image-task", "Tags": [{"Key": "team"}]},
    ],
}
"""One tag key in two specifications: two tags with one key on one task."""

SURROGATE_PREFIX = {"S3Bucket": "exports", "S3Prefix": "vms/\udc00"}
"""A lone surrogate in a plain text field, which no pattern or length checks."""

LIMITS: list[tuple[str, Callable[[], bool], Callable[[], bool]]] = [
    (
        "45.0",
        lambda: model_accepts(PaginationConfig, {"PageSize": 45.0}),
        lambda: schema_accepts(PaginationConfig, {"PageSize": 45.0}),
    ),
    (
        "other letters",
        lambda: model_accepts(Tag, {"Key": "team", "key": "aws:x"}),
        lambda: schema_accepts(Tag, {"Key": "team", "key": "aws:x"}),
    ),
    (
        "lone surrogate",
        lambda: model_accepts(ExportTaskS3LocationRequest, SURROGATE_PREFIX),
        lambda: schema_accepts(ExportTaskS3LocationRequest, SURROGATE_PREFIX),
    ),
    (
        "one task's tags",
        lambda: model_accepts(ExportImageRequest, TWICE_TAGGED),
        lambda: schema_accepts(ExportImageRequest, TWICE_TAGGED),
    ),
    (
        "snake_case",
        lambda: model_accepts(PaginationConfig, {"page_size": 45}),
        lambda: schema_accepts(PaginationConfig, {"page_size": 45}),
    ),
]


@pytest.mark.parametrize(
    ("words", "model_says", "schema_says"), LIMITS, ids=[w for w, *_ in LIMITS]
)
def test_each_documented_disagreement_is_real_and_documented(
    words: str, model_says: Callable[[], bool], schema_says: Callable[[], bool]
) -> None:
    assert model_says() != schema_says()
    assert any(words in limit for limit in NOT_EXPRESSED)
