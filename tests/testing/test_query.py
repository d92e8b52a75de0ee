"""Form fields back into a query: lists by their numbers, scalars decoded, defaults when absent."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks.testing import Ec2Error, LocalEC2
from ec2_export_image_tasks.testing._paging import DescribeQuery
from ec2_export_image_tasks.testing._query import parse_cancel, parse_describe, parse_export

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from mypy_boto3_ec2.client import EC2Client

EXPORT = {
    "ImageId": "ami-0123456789abcdef0",
    "DiskImageFormat": "VMDK",
    "S3ExportLocation.S3Bucket": "exports",
}
"""The fields an ExportImage request must hold."""


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


@pytest.mark.parametrize(
    ("parse", "fields", "unread"),
    [
        (parse_describe, {"MaxResult": "5"}, "MaxResult"),
        (parse_describe, {"Filter.1.Value.1": "active"}, "Filter.1.Value.1"),
        (
            parse_describe,
            {"ExportImageTaskId": "export-ami-0123456789abcdef0"},
            "ExportImageTaskId",
        ),
        (parse_export, {**EXPORT, "S3ExportLocation.S3Prefx": "p/"}, "S3ExportLocation.S3Prefx"),
        (parse_export, {**EXPORT, "TagSpecification.1.Tag.1.Value": "v"}, "TagSpecification"),
        (
            parse_export,
            {
                **EXPORT,
                "TagSpecification.1.ResourceType": "export-image-task",
                "TagSpecification.1.Tag.1.Key": "k",
                "TagSpecification.1.Tag.2.Value": "v",
            },
            "TagSpecification.1.Tag.2.Value",
        ),
        (parse_cancel, {"ExportTaskId": "export-ami-0123456789abcdef0", "Force": "true"}, "Force"),
    ],
    ids=[
        "typo",
        "filter-values-without-name",
        "list-without-number",
        "export-typo",
        "tags-without-resource-type",
        "tag-value-without-key",
        "cancel-unknown",
    ],
)
def test_a_field_the_action_does_not_read_is_refused_naming_it(
    parse: Callable[[Mapping[str, str]], object], fields: dict[str, str], unread: str
) -> None:
    with pytest.raises(Ec2Error) as raised:
        parse({"Action": "Any", "Version": "2016-11-15", **fields})

    assert (raised.value.code, raised.value.status) == ("UnknownParameter", 400)
    assert f"The parameter {unread}" in raised.value.message


def test_every_field_botocore_sends_is_read() -> None:
    local: LocalEC2[EC2Client] = LocalEC2()
    local.images.add(EXPORT["ImageId"])
    local.buckets.add(EXPORT["S3ExportLocation.S3Bucket"])
    client = local.client

    client.describe_export_image_tasks(
        DryRun=False,
        ExportImageTaskIds=[],
        Filters=[{"Name": "task-state", "Values": ["active"]}],
        MaxResults=5,
    )
    started = client.export_image(
        ImageId=EXPORT["ImageId"],
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": EXPORT["S3ExportLocation.S3Bucket"], "S3Prefix": "p/"},
        RoleName="exporter",
        Description="nightly",
        ClientToken="token",
        DryRun=False,
        TagSpecifications=[
            {
                "ResourceType": "export-image-task",
                "Tags": [{"Key": "k", "Value": "v"}, {"Key": "e"}],
            }
        ],
    )
    client.cancel_export_task(ExportTaskId=started["ExportImageTaskId"])

    assert [request["Action"] for request in local.requests] == [
        "DescribeExportImageTasks",
        "ExportImage",
        "CancelExportTask",
    ]
