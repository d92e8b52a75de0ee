"""User code with types-boto3: its EC2 client is accepted by every function that takes one, another
service's client or a paginator is refused, and its TypedDicts and the package's pass both ways.

Checked where types-boto3 is installed (tests/test_type_checks.py); the other family's twin of this
file differs only in the module names.
"""

from typing import assert_type

from types_boto3_ec2.client import EC2Client
from types_boto3_ec2.type_defs import (
    CancelExportTaskRequestTypeDef,
    DescribeExportImageTasksRequestPaginateTypeDef,
    DescribeExportImageTasksResultTypeDef,
    ExportImageRequestTypeDef,
    ExportImageResultTypeDef,
    ExportImageTaskTypeDef,
    ExportTaskS3LocationRequestTypeDef,
    ExportTaskS3LocationTypeDef,
    FilterTypeDef,
    PaginatorConfigTypeDef,
    ResponseMetadataTypeDef,
    TagSpecificationTypeDef,
    TagTypeDef,
)
from types_boto3_s3.client import S3Client

from ec2_export_image_tasks import (
    CancelExportTaskRequest,
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    DiskImageFormat,
    EC2ClientProtocol,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTask,
    ExportImageTaskPaginator,
    ExportTaskS3LocationRequest,
    Filter,
    PaginationConfig,
    S3ExportLocation,
    Tag,
    TagSpecification,
    cancel_export,
    check_export_permissions,
    start_export,
    wait_for_export,
)
from ec2_export_image_tasks.paginator import BotocoreClientProtocol
from ec2_export_image_tasks.testing import answer_with, LocalEC2, make_client


def every_function_takes_the_stubs_client(client: EC2Client, request: ExportImageRequest) -> None:
    _as_protocol: EC2ClientProtocol = client
    _as_engine_client: BotocoreClientProtocol = client
    ExportImageTaskPaginator(client)
    assert_type(start_export(client, request), ExportImageResponse)
    assert_type(check_export_permissions(client, request), bool)
    assert_type(cancel_export(client, "export-ami-0123abcd"), None)
    assert_type(wait_for_export(client, "export-ami-0123abcd"), ExportImageTask)
    answer_with(client, LocalEC2())


def another_services_client_or_a_paginator_is_refused(
    s3: S3Client, client: EC2Client, request: ExportImageRequest
) -> None:
    _as_engine_client: BotocoreClientProtocol = s3  # the generic engine pages any service
    answer_with(s3, LocalEC2())
    ExportImageTaskPaginator(s3)  # expect-error
    start_export(s3, request)  # expect-error
    check_export_permissions(s3, request)  # expect-error
    cancel_export(s3, "export-ami-0123abcd")  # expect-error
    wait_for_export(s3, "export-ami-0123abcd")  # expect-error
    paginator = client.get_paginator("describe_export_image_tasks")
    ExportImageTaskPaginator(paginator)  # expect-error
    start_export(paginator, request)  # expect-error
    answer_with(paginator, LocalEC2())  # expect-error


def what_to_boto_returns_goes_where_the_stubs_types_are_taken(
    client: EC2Client, task: ExportImageTask, answer: ExportImageResponse
) -> None:
    tag = Tag(key="team", value="imaging")
    _tag: TagTypeDef = tag.to_boto()
    _filter: FilterTypeDef = Filter.task_state().to_boto()
    _config: PaginatorConfigTypeDef = PaginationConfig(page_size=25).to_boto()
    request = DescribeExportImageTasksRequest(filters=[Filter.task_state()])
    _paginate: DescribeExportImageTasksRequestPaginateTypeDef = request.to_boto()
    _task: ExportImageTaskTypeDef = task.to_boto()
    _location: ExportTaskS3LocationTypeDef = S3ExportLocation(s3_bucket="exports").to_boto()
    at = ExportTaskS3LocationRequest(s3_bucket="exports")
    _at: ExportTaskS3LocationRequestTypeDef = at.to_boto()
    tags = TagSpecification(resource_type="export-image-task", tags=[tag])
    _tags: TagSpecificationTypeDef = tags.to_boto()
    export = ExportImageRequest(
        image_id="ami-0123abcd", disk_image_format=DiskImageFormat.VMDK, s3_export_location=at
    )
    _export: ExportImageRequestTypeDef = export.to_boto()
    cancel = CancelExportTaskRequest(export_task_id="export-ami-0123abcd")
    _cancel: CancelExportTaskRequestTypeDef = cancel.to_boto()
    _answer_location: ExportTaskS3LocationTypeDef | None = answer.to_boto().get("S3ExportLocation")
    _answer_metadata: ResponseMetadataTypeDef | None = answer.to_boto().get("ResponseMetadata")

    client.get_paginator("describe_export_image_tasks").paginate(**request.to_boto())
    client.export_image(**export.to_boto())
    client.cancel_export_task(**cancel.to_boto())
    client.create_tags(Resources=["ami-0123456789abcdef0"], Tags=[tag.to_boto()])
    client.create_tags(Resources=["ami-0123abcd"], Tags=answer.to_boto().get("Tags", []))

    # An answer may lack any key: never the stubs' result types, which require them all.
    _result: ExportImageResultTypeDef = answer.to_boto()  # expect-error
    page = DescribeExportImageTasksResponse().to_boto()
    _page: DescribeExportImageTasksResultTypeDef = page  # expect-error
    _wrong_shape: FilterTypeDef = tag.to_boto()  # expect-error


def the_stubs_dicts_unpack_into_the_package_functions(
    client: EC2Client,
    export: ExportImageRequestTypeDef,
    paginate: DescribeExportImageTasksRequestPaginateTypeDef,
    filters: list[FilterTypeDef],
    tags: list[TagTypeDef],
) -> None:
    assert_type(start_export(client, **export), ExportImageResponse)
    assert_type(check_export_permissions(client, **export), bool)
    ExportImageTaskPaginator(client).paginate(**paginate)
    ExportImageTaskPaginator(client).paginate(Filters=filters)
    ExportImageTask(tags=[Tag.model_validate(tag) for tag in tags])
    Filter.model_validate(filters[0])

    start_export(client, **paginate)  # expect-error


def my_code(client: EC2Client) -> None:
    """The user's own code, typed with the stubs' client."""


def a_local_endpoint_that_names_the_stubs_client_gives_it(named: LocalEC2[EC2Client]) -> None:
    assert_type(named.client, EC2Client)
    assert_type(make_client(named), EC2Client)
    my_code(named.client)
    my_code(make_client(named, max_attempts=3))
    _plain: LocalEC2 = named  # a named endpoint is still a plain one
    made: LocalEC2[EC2Client] = LocalEC2()
    assert_type(made.client, EC2Client)

    my_code(LocalEC2().client)  # expect-error
    my_code(make_client())  # expect-error
    LocalEC2[S3Client]()  # expect-error
