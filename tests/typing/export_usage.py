"""User code starting, checking and cancelling exports: inferred types, rejected misuse."""

from typing import assert_type

from ec2_export_image_tasks import (
    AsyncEC2ClientProtocol,
    CancelExportTaskRequest,
    DiskImageFormat,
    EC2ClientProtocol,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTaskStatus,
    ExportNotCancellableError,
    ExportTaskS3LocationRequest,
    Tag,
    TagSpecification,
    async_cancel_export,
    async_check_export_permissions,
    async_start_export,
    cancel_export,
    check_export_permissions,
    start_export,
)
from ec2_export_image_tasks.models import (
    CancelExportTaskRequestTypeDef,
    ExportImageAnswerTypeDef,
    ExportImageRequestTypeDef,
)


def build_a_request() -> ExportImageRequest:
    request = ExportImageRequest(
        image_id="ami-0123456789abcdef0",
        disk_image_format=DiskImageFormat.VMDK,
        s3_export_location=ExportTaskS3LocationRequest(s3_bucket="exports", s3_prefix="vms/"),
        tag_specifications=(
            TagSpecification(resource_type="export-image-task", tags=(Tag(key="team"),)),
        ),
    )
    assert_type(request.to_boto(), ExportImageRequestTypeDef)
    assert_type(request.disk_image_format, DiskImageFormat)
    assert_type(request.role_name, str | None)
    assert_type(
        CancelExportTaskRequest(export_task_id="export-ami-0123abcd").to_boto(),
        CancelExportTaskRequestTypeDef,
    )

    TagSpecification(resource_type="image")  # expect-error
    ExportImageRequest(image_id="ami-0123abcd", disk_image_format="vmdk")  # expect-error
    request.role_name = "exporter"  # expect-error
    return request


def start_one(client: EC2ClientProtocol, request: ExportImageRequest) -> None:
    response = start_export(
        client,
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
    )
    assert_type(response, ExportImageResponse)
    assert_type(response.export_image_task_id, str | None)
    assert_type(response.progress, int | None)
    assert_type(response.status, ExportImageTaskStatus | None)
    assert_type(response.to_boto(), ExportImageAnswerTypeDef)
    assert_type(start_export(client, request), ExportImageResponse)
    assert_type(check_export_permissions(client, request), bool)
    assert_type(cancel_export(client, "export-ami-0123abcd"), None)

    start_export(client, ImageId="ami-0123456789abcdef0", DiskImageFormat="VMDK")  # expect-error
    at = ExportTaskS3LocationRequest(s3_bucket="exports").to_boto()
    start_export(client, ImageId="a", DiskImageFormat="OVA", S3ExportLocation=at)  # expect-error
    start_export(client, request, DryRun=True)  # expect-error
    start_export(client, {"ImageId": "ami-0123abcd"})  # expect-error
    cancel_export(client)  # expect-error


async def start_one_async(client: AsyncEC2ClientProtocol, request: ExportImageRequest) -> None:
    assert_type(await async_start_export(client, request), ExportImageResponse)
    assert_type(await async_check_export_permissions(client, request), bool)
    try:
        await async_cancel_export(client, "export-ami-0123abcd")
    except ExportNotCancellableError as error:
        assert_type(error.code, str)
        assert_type(error.task_id, str)

    await async_start_export(client, Bucket="exports")  # expect-error
    async_cancel_export(client, 7)  # expect-error
