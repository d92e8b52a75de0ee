"""The request side: Filter, PaginationConfig, DescribeExportImageTasksRequest.

Checked before anything is sent; an unknown key is a typo and is rejected.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import (
    DescribeExportImageTasksRequest,
    ExportImageTaskStatus,
    Filter,
    PaginationConfig,
)

from .helpers import REQUEST_CASES, Case, rejected

STATES = [status.value for status in ExportImageTaskStatus]


def test_a_request_is_built_from_snake_case_names() -> None:
    request = DescribeExportImageTasksRequest(
        dry_run=False,
        filters=(Filter(name="task-state", values=("active",)),),
        export_image_task_ids=("export-ami-0123abcd",),
        pagination_config=PaginationConfig(max_items=50, page_size=25, starting_token="t"),
    )

    assert request.to_boto() == {
        "DryRun": False,
        "Filters": [{"Name": "task-state", "Values": ["active"]}],
        "ExportImageTaskIds": ["export-ami-0123abcd"],
        "PaginationConfig": {"MaxItems": 50, "PageSize": 25, "StartingToken": "t"},
    }


def test_an_empty_request_is_no_keywords() -> None:
    assert DescribeExportImageTasksRequest().to_boto() == {}


@pytest.mark.parametrize("case", REQUEST_CASES, ids=str)
@given(data=st.data())
def test_request_models_reject_unknown_keys(case: Case, data: st.DataObject) -> None:
    valid = data.draw(case.dicts())
    key = data.draw(case.unknown_keys())

    with rejected(key, "typo"):
        case.model.model_validate({**valid, key: "typo"})


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"Filters": [{"Name": "a", "Values": ["b"], "Vlaues": "typo"}]}, "Filters.0.Vlaues"),
        ({"PaginationConfig": {"MaxItem": "typo"}}, "PaginationConfig.MaxItem"),
    ],
)
def test_an_unknown_key_is_rejected_at_any_depth(data: dict[str, object], field: str) -> None:
    with rejected(field, "typo"):
        DescribeExportImageTasksRequest.model_validate(data)


@pytest.mark.parametrize("page_size", [1, 500])
def test_page_size_takes_both_ends_of_the_services_range(page_size: int) -> None:
    assert PaginationConfig.model_validate({"PageSize": page_size}).page_size == page_size


@pytest.mark.parametrize("page_size", [0, 501, -1])
def test_page_size_outside_1_to_500_is_rejected(page_size: int) -> None:
    with rejected("PaginationConfig.PageSize", page_size):
        DescribeExportImageTasksRequest.model_validate(
            {"PaginationConfig": {"PageSize": page_size}}
        )


def test_max_items_of_one_is_accepted() -> None:
    assert PaginationConfig.model_validate({"MaxItems": 1}).max_items == 1


@pytest.mark.parametrize("max_items", [0, -1])
def test_max_items_below_one_is_rejected(max_items: int) -> None:
    with rejected("MaxItems", max_items):
        PaginationConfig.model_validate({"MaxItems": max_items})


@pytest.mark.parametrize("field", ["MaxItems", "PageSize"])
@pytest.mark.parametrize("value", [True, "25", 25.0], ids=repr)
def test_counts_must_be_ints(field: str, value: object) -> None:
    with rejected(field, value):
        PaginationConfig.model_validate({field: value})


@pytest.mark.parametrize("token", ["", 7, b"token"], ids=repr)
def test_a_starting_token_must_be_a_non_empty_string(token: object) -> None:
    with rejected("StartingToken", token):
        PaginationConfig.model_validate({"StartingToken": token})


@pytest.mark.parametrize("dry_run", ["true", 1], ids=repr)
def test_dry_run_must_be_a_bool(dry_run: object) -> None:
    with rejected("DryRun", dry_run):
        DescribeExportImageTasksRequest.model_validate({"DryRun": dry_run})


@pytest.mark.parametrize("task_id", ["ami-0123abcd", "export-ami-0123ABCD", "export-ami-0123"])
def test_malformed_task_ids_are_rejected_by_position(task_id: str) -> None:
    data = {"ExportImageTaskIds": ["export-ami-0123abcd", task_id]}

    with rejected("ExportImageTaskIds.1", task_id):
        DescribeExportImageTasksRequest.model_validate(data)


@given(st.text().filter(lambda value: value not in STATES))
def test_a_task_state_filter_rejects_any_value_that_is_not_a_status(value: str) -> None:
    data = {"Filters": [{"Name": "task-state", "Values": ["active", value]}]}

    with rejected("Filters.0.Values", value):
        DescribeExportImageTasksRequest.model_validate(data)


@pytest.mark.parametrize("value", ["Active", "running", "ACTIVE", ""], ids=repr)
def test_a_task_state_filter_is_case_sensitive(value: str) -> None:
    with rejected("Values", value):
        Filter.model_validate({"Name": "task-state", "Values": [value]})


@given(
    name=st.text(min_size=1).filter(lambda name: name != "task-state"),
    values=st.lists(st.text(), min_size=1, max_size=5),
)
def test_other_filter_names_accept_any_values(name: str, values: list[str]) -> None:
    assert Filter.model_validate({"Name": name, "Values": values}).values == tuple(values)


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        ({"Name": ""}, "Name", ""),
        ({"Name": 7}, "Name", 7),
        ({"Values": []}, "Values", []),
        ({"Values": "imaging"}, "Values", "imaging"),
        ({"Values": [7]}, "Values.0", 7),
    ],
    ids=repr,
)
def test_a_filter_needs_a_name_and_string_values(
    change: dict[str, object], field: str, value: object
) -> None:
    with rejected(field, value):
        Filter.model_validate({"Name": "tag:team", "Values": ["imaging"]} | change)


@given(st.lists(strategies.statuses(), min_size=1))
def test_the_task_state_filter_is_built_from_statuses(
    statuses: list[ExportImageTaskStatus],
) -> None:
    assert Filter.task_state(*statuses).to_boto() == {
        "Name": "task-state",
        "Values": [status.value for status in statuses],
    }


def test_the_task_state_filter_of_active_is_the_boto3_filter() -> None:
    assert Filter.task_state(ExportImageTaskStatus.ACTIVE).to_boto() == {
        "Name": "task-state",
        "Values": ["active"],
    }


def test_the_task_state_filter_needs_a_status() -> None:
    with rejected("values", ()):
        Filter.task_state()
