"""The response side: a page of tasks, and keys AWS may add later kept through the round trip."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ec2_export_image_tasks.models import DescribeExportImageTasksResponse, ExportImageTask

from .helpers import RESPONSE_CASES, Case, rejected, to_boto

# What boto3 parses a key AWS adds into: strings, numbers, booleans, lists and structures.
boto_values: st.SearchStrategy[Any] = st.recursive(
    st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)

METADATA = {
    "RequestId": "0d5a4c7c-1f0e-4c5e-9d6e-3f2b1a0c9e8d",
    "HTTPStatusCode": 200,
    "HTTPHeaders": {"content-type": "text/xml;charset=UTF-8"},
    "RetryAttempts": 0,
}


def test_a_page_is_built_from_snake_case_names() -> None:
    page = DescribeExportImageTasksResponse(
        export_image_tasks=(ExportImageTask(progress=5),), next_token="page-2"
    )

    assert to_boto(page) == {"ExportImageTasks": [{"Progress": "5"}], "NextToken": "page-2"}


def test_response_metadata_is_kept() -> None:
    page = DescribeExportImageTasksResponse.model_validate(
        {"ExportImageTasks": [], "ResponseMetadata": METADATA}
    )

    assert page.model_extra == {"ResponseMetadata": METADATA}
    assert to_boto(page) == {"ExportImageTasks": [], "ResponseMetadata": METADATA}


def test_a_page_without_the_tasks_key_has_no_tasks_and_stays_without_it() -> None:
    page = DescribeExportImageTasksResponse.model_validate({})

    assert page.export_image_tasks == ()
    assert to_boto(page) == {}


@pytest.mark.parametrize("case", RESPONSE_CASES, ids=str)
@given(data=st.data())
def test_response_models_keep_keys_aws_may_add(case: Case, data: st.DataObject) -> None:
    added = data.draw(st.dictionaries(case.unknown_keys(), boto_values, min_size=1, max_size=3))
    boto = {**data.draw(case.dicts()), **added}

    assert to_boto(case.model.model_validate(boto)) == boto


def test_keys_aws_may_add_are_kept_at_every_depth() -> None:
    task = {
        "Tags": [{"Key": "team", "NewTagKey": 1}],
        "S3ExportLocation": {"S3Bucket": "exports", "NewLocationKey": [True]},
        "NewTaskKey": {"Nested": "x"},
    }
    boto = {"ExportImageTasks": [task], "NewPageKey": "x"}

    assert to_boto(DescribeExportImageTasksResponse.model_validate(boto)) == boto


def test_an_invalid_task_is_named_by_its_position() -> None:
    boto = {"ExportImageTasks": [{"Progress": "5"}, {"Progress": "101"}]}

    with rejected("ExportImageTasks.1.Progress", "101"):
        DescribeExportImageTasksResponse.model_validate(boto)


@pytest.mark.parametrize(
    ("change", "field", "value"),
    [
        ({"ExportImageTasks": "tasks"}, "ExportImageTasks", "tasks"),
        ({"ExportImageTasks": ["task"]}, "ExportImageTasks.0", "task"),
        ({"NextToken": 7}, "NextToken", 7),
    ],
    ids=repr,
)
def test_a_page_has_a_list_of_tasks_and_a_string_token(
    change: dict[str, object], field: str, value: object
) -> None:
    with rejected(field, value):
        DescribeExportImageTasksResponse.model_validate({"ExportImageTasks": []} | change)
