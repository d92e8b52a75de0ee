"""User code with the local endpoint, in every stub environment: without a client class named,
its clients are the package's protocols (never ``Any``), taken by every function.

A stub family's own class is named on the endpoint (``LocalEC2[EC2Client]``): see each family's
folder.
"""

from collections.abc import Mapping
from typing import assert_type

from ec2_export_image_tasks import (
    EC2ClientProtocol,
    ExportImageTaskPaginator,
    cancel_export,
    start_export,
)
from ec2_export_image_tasks.testing import LocalEC2, Reply, make_client, page_reply


def scripted(action: str, parameters: Mapping[str, str]) -> Reply:
    return page_reply([])


def an_endpoint_without_a_named_class_gives_the_protocol(local: LocalEC2) -> None:
    assert_type(local.client, EC2ClientProtocol)
    assert_type(make_client(local), EC2ClientProtocol)
    assert_type(make_client(), EC2ClientProtocol)
    assert_type(make_client(scripted, max_attempts=2), EC2ClientProtocol)
    assert_type(LocalEC2().client, EC2ClientProtocol)
    ExportImageTaskPaginator(local.client)
    start_export(
        local.client,
        ImageId="ami-0123abcd",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
    )
    cancel_export(make_client(local), "export-ami-0123abcd")
    local.client.cancel_export_task(ExportTaskId="export-ami-0123abcd")

    local.client.describe_images()  # expect-error
    local.client = make_client()  # expect-error
    LocalEC2[int]()  # expect-error
    make_client("ec2")  # expect-error
