"""Form fields back into a query: lists by their numbers, scalars decoded, defaults when absent."""

from __future__ import annotations

import pytest

from ec2_export_image_tasks.testing import Ec2Error
from ec2_export_image_tasks.testing._paging import DescribeQuery
from ec2_export_image_tasks.testing._query import parse_describe


def test_absent_fields_give_the_default_query() -> None:
    fields = {"Action": "DescribeExportImageTasks", "Version": "2016-11-15"}

    assert parse_describe(fields) == DescribeQuery()


def test_a_list_follows_its_numbers_not_the_order_of_the_fields() -> None:
    fields = {"ExportImageTaskId.10": "j", "ExportImageTaskId.2": "b", "ExportImageTaskId.1": "a"}

    assert parse_describe(fields).task_ids == ("a", "b", "j")


def test_each_filter_is_read_with_its_own_values() -> None:
    fields = {
        "Filter.2.Name": "other",
        "Filter.2.Value.1": "x",
        "Filter.1.Name": "task-state",
        "Filter.1.Value.2": "completed",
        "Filter.1.Value.1": "active",
    }

    assert parse_describe(fields).filters == (
        ("task-state", ("active", "completed")),
        ("other", ("x",)),
    )


def test_scalars_are_decoded() -> None:
    fields = {"MaxResults": "7", "NextToken": "t+/=", "DryRun": "true"}

    assert parse_describe(fields) == DescribeQuery(max_results=7, next_token="t+/=", dry_run=True)


def test_a_max_results_that_is_no_integer_is_an_invalid_parameter_value() -> None:
    with pytest.raises(Ec2Error) as raised:
        parse_describe({"MaxResults": "seven"})

    assert (raised.value.code, raised.value.status) == ("InvalidParameterValue", 400)
    assert "seven" in raised.value.message
