"""Each documented constraint at its edge; a violation names the field and the value."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks.models import (
    DescribeExportImageTasksRequest,
    ExportImageTask,
    ExportImageTaskStatus,
    Filter,
    PaginationConfig,
    Tag,
)

from .helpers import assert_rejected

ASTRAL = "\U0001f600"  # one code point, two UTF-16 units, four UTF-8 bytes
AWS_CASINGS = ["".join(c) + ":" for c in itertools.product(*("aA", "wW", "sS"))]


@pytest.mark.parametrize("unit", ["k", ASTRAL])
def test_a_tag_key_of_127_code_points_is_accepted(unit: str) -> None:
    assert Tag(key=unit * 127).key == unit * 127


@pytest.mark.parametrize("unit", ["k", ASTRAL])
def test_a_tag_key_of_128_code_points_is_rejected(unit: str) -> None:
    assert_rejected(Tag, {"Key": unit * 128}, "Key", unit * 128)


def test_an_empty_tag_key_is_rejected() -> None:
    assert_rejected(Tag, {"Key": ""}, "Key", "")


@pytest.mark.parametrize("unit", ["v", ASTRAL])
def test_tag_values_hold_256_code_points_and_not_257(unit: str) -> None:
    assert Tag(key="k", value=unit * 256).value == unit * 256
    assert_rejected(Tag, {"Key": "k", "Value": unit * 257}, "Value", unit * 257)


@given(st.sampled_from(AWS_CASINGS), st.text(max_size=20))
def test_the_aws_prefix_is_reserved_in_any_letter_case(prefix: str, rest: str) -> None:
    assert_rejected(Tag, {"Key": prefix + rest}, "Key", prefix + rest)


@pytest.mark.parametrize("key", ["aws", "AWS", "aws-x", "xaws:", "my aws:key", "aw:s", "\naws:"])
def test_keys_that_only_resemble_the_prefix_are_accepted(key: str) -> None:
    assert Tag(key=key).key == key


@pytest.mark.parametrize("status", list(ExportImageTaskStatus))
def test_each_status_is_accepted_from_its_wire_string(status: ExportImageTaskStatus) -> None:
    assert ExportImageTask.model_validate({"Status": status.value}).status is status


@pytest.mark.parametrize("status", ["Active", "ACTIVE", "running", "", "cancelled"])
def test_any_other_status_is_rejected(status: str) -> None:
    assert_rejected(ExportImageTask, {"Status": status}, "Status", status)


@pytest.mark.parametrize(("wire", "percent"), [("0", 0), ("7", 7), ("45", 45), ("100", 100)])
def test_progress_is_the_wire_percent_as_an_int(wire: str, percent: int) -> None:
    assert ExportImageTask.model_validate({"Progress": wire}).progress == percent


@pytest.mark.parametrize(
    "progress", ["101", "-1", "abc", "50%", "045", " 45", "45.0", "", True, 101]
)
def test_anything_but_a_whole_percent_is_rejected(progress: object) -> None:
    assert_rejected(ExportImageTask, {"Progress": progress}, "Progress", progress)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ExportImageTaskId", "export-ami-0123456789abcdef0"),
        ("ExportImageTaskId", "export-ami-0123abcd"),
        ("ImageId", "ami-0123456789abcdef0"),
        ("ImageId", "ami-0123abcd"),
    ],
)
def test_ids_with_8_or_17_lowercase_hex_digits_are_accepted(field: str, value: str) -> None:
    assert ExportImageTask.model_validate({field: value}).to_boto() == {field: value}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ExportImageTaskId", "export-ami-0123456789ABCDEF0"),
        ("ExportImageTaskId", "export-ami-0123abc"),
        ("ExportImageTaskId", "ami-0123456789abcdef0"),
        ("ImageId", "ami-0123456789abcdef"),
        ("ImageId", "export-ami-0123abcd"),
        ("ImageId", "ami-0123abcg"),
    ],
)
def test_malformed_ids_are_rejected(field: str, value: str) -> None:
    assert_rejected(ExportImageTask, {field: value}, field, value)


@pytest.mark.parametrize("page_size", [1, 500])
def test_page_size_holds_the_services_range(page_size: int) -> None:
    assert PaginationConfig(page_size=page_size).page_size == page_size


@pytest.mark.parametrize("page_size", [0, 501])
def test_page_size_outside_1_to_500_is_rejected(page_size: int) -> None:
    assert_rejected(PaginationConfig, {"PageSize": page_size}, "PageSize", page_size)


def test_max_items_must_be_at_least_one() -> None:
    assert PaginationConfig(max_items=1).max_items == 1
    assert_rejected(PaginationConfig, {"MaxItems": 0}, "MaxItems", 0)


def test_a_task_state_filter_accepts_only_statuses() -> None:
    data = {"Filters": [{"Name": "task-state", "Values": ["active", "running"]}]}

    assert_rejected(DescribeExportImageTasksRequest, data, "Filters.0.Values", "running")


def test_other_filter_names_accept_any_values() -> None:
    assert Filter(name="tag:team", values=("anything",)).values == ("anything",)


def test_the_typed_task_state_filter_is_the_boto3_filter() -> None:
    built = Filter.task_state(ExportImageTaskStatus.ACTIVE, ExportImageTaskStatus.DELETING)

    assert built.to_boto() == {"Name": "task-state", "Values": ["active", "deleting"]}
