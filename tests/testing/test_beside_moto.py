"""Beside moto: moto's ``mock_aws`` for S3 (or IAM...), the local endpoint for EC2's exports.

moto implements none of ``DescribeExportImageTasks``, ``ExportImage`` and
``CancelExportTask``. Inside ``mock_aws``, moto's handler answers at ``before-send`` every
client made there (``boto3.client`` too: ``mock_aws`` starts boto3's default session anew),
ahead of any handler the client is given later, ``answer_with(client, local_ec2)``'s included,
and it refuses these three with ``NotImplementedError``. Told to pass EC2 through, it leaves
EC2's requests to the next ``before-send`` handler: the local endpoint's. moto then answers no
EC2 call at all, so make every EC2 client of the test answered by ``local_ec2``:
``local_ec2.client``, or ``answer_with(client, local_ec2)`` on one your code made (one that
neither answers would go to the network).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import boto3
import pytest
from moto import mock_aws

from ec2_export_image_tasks import start_export
from ec2_export_image_tasks.testing import answer_with

if TYPE_CHECKING:
    from collections.abc import Iterator

    from moto.core.config import DefaultConfig
    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_s3.client import S3Client

    from ec2_export_image_tasks.testing import LocalEC2

EC2_PASSES_THROUGH_MOTO: DefaultConfig = {"core": {"passthrough": {"services": ["ec2"]}}}
IMAGE = "ami-0123456789abcdef0"


def export_to_new_bucket(ec2: EC2Client, s3: S3Client, bucket: str) -> str | None:
    """The code under test: it makes a bucket (moto's), then exports an image to it (ours)."""
    s3.create_bucket(Bucket=bucket)
    export = start_export(
        ec2, ImageId=IMAGE, DiskImageFormat="VMDK", S3ExportLocation={"S3Bucket": bucket}
    )
    return export.export_image_task_id


@pytest.fixture
def moto_but_ec2() -> Iterator[None]:
    """moto answers every AWS service but EC2, which it leaves to the next handler."""
    with mock_aws(config=EC2_PASSES_THROUGH_MOTO):
        yield


@pytest.mark.usefixtures("moto_but_ec2")
def test_moto_answers_s3_and_the_local_endpoint_answers_the_export(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    # pyright strict: boto3-stubs types the clients of services whose stubs are not installed
    # as Unknown, so the overload set is partially unknown however the result is annotated.
    s3: S3Client = boto3.client("s3", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]
    local_ec2.images.add(IMAGE)
    local_ec2.buckets.add("my-exports")  # the local endpoint knows only the buckets you give it

    task_id = export_to_new_bucket(local_ec2.client, s3, "my-exports")

    assert [bucket.get("Name") for bucket in s3.list_buckets()["Buckets"]] == ["my-exports"]
    assert [task["ExportImageTaskId"] for task in local_ec2.tasks] == [task_id]


@pytest.mark.usefixtures("moto_but_ec2")
def test_a_client_your_code_made_is_answered_once_given_to_the_local_endpoint(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    # Made inside mock_aws, as your code's is (pyright: as for S3 above).
    ec2: EC2Client = boto3.client("ec2", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]
    answer_with(ec2, local_ec2)
    local_ec2.add_tasks(2)

    assert len(ec2.describe_export_image_tasks()["ExportImageTasks"]) == 2


def test_without_passing_ec2_through_moto_answers_first_and_refuses(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    with mock_aws():
        ec2: EC2Client = boto3.client("ec2", region_name="us-east-1")  # pyright: ignore[reportUnknownMemberType]
        answer_with(ec2, local_ec2)  # after moto's handler, which the client got first

        with pytest.raises(NotImplementedError, match="describe_export_image_tasks"):
            ec2.describe_export_image_tasks()
