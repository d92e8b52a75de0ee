"""Hypothesis strategies for valid models and valid boto3 dicts (``pip install ...[hypothesis]``).

For users' own property tests: ``*_dicts()`` give what boto3 hands out, the model strategies
give the validated objects built from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from hypothesis import strategies as st

from .models import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    ExportImageTaskStatus,
    Filter,
    PaginationConfig,
    S3ExportLocation,
    Tag,
)
from .models.tag import RESERVED_PREFIX

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

_HEX = "0123456789abcdef"


def _resource_ids(prefix: str) -> st.SearchStrategy[str]:
    digits = st.sampled_from([8, 17]).flatmap(lambda n: st.text(_HEX, min_size=n, max_size=n))
    return digits.map(lambda hex_digits: prefix + hex_digits)


def export_image_task_ids() -> st.SearchStrategy[str]:
    """``export-ami-`` and 8 or 17 lowercase hex digits."""
    return _resource_ids("export-ami-")


def image_ids() -> st.SearchStrategy[str]:
    """``ami-`` and 8 or 17 lowercase hex digits."""
    return _resource_ids("ami-")


def tag_keys() -> st.SearchStrategy[str]:
    """1 to 127 code points (astral ones included), never beginning with ``aws:`` in any case."""
    return st.text(min_size=1, max_size=127).filter(
        lambda key: key[: len(RESERVED_PREFIX)].lower() != RESERVED_PREFIX
    )


def tag_values() -> st.SearchStrategy[str]:
    """0 to 256 code points."""
    return st.text(max_size=256)


def statuses() -> st.SearchStrategy[ExportImageTaskStatus]:
    """Each of the four statuses."""
    return st.sampled_from(ExportImageTaskStatus)


def _optional_keys(**optional: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=optional)


def tag_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """``{"Key": ..., "Value": ...}``; Value may be absent, as boto3 allows."""
    return st.fixed_dictionaries({"Key": tag_keys()}, optional={"Value": tag_values()})


def s3_export_location_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """``{"S3Bucket": ..., "S3Prefix": ...}``, each key optional."""
    return _optional_keys(S3Bucket=st.text(), S3Prefix=st.text())


def export_image_task_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """One item of ``ExportImageTasks`` as boto3 returns it."""
    return _optional_keys(
        Description=st.text(),
        ExportImageTaskId=export_image_task_ids(),
        ImageId=image_ids(),
        Progress=st.integers(0, 100).map(str),
        S3ExportLocation=s3_export_location_dicts(),
        Status=statuses().map(lambda status: status.value),
        StatusMessage=st.text(),
        Tags=st.lists(tag_dicts(), max_size=5),
    )


def _response_metadata() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "RequestId": st.uuids().map(str),
            "HTTPStatusCode": st.just(200),
            "HTTPHeaders": st.dictionaries(st.text(min_size=1), st.text(), max_size=3),
            "RetryAttempts": st.integers(0, 5),
        }
    )


def describe_export_image_tasks_response_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """A page as boto3's paginator yields it, ``ResponseMetadata`` included."""
    return st.fixed_dictionaries(
        {"ExportImageTasks": st.lists(export_image_task_dicts(), max_size=5)},
        optional={"NextToken": st.text(min_size=1), "ResponseMetadata": _response_metadata()},
    )


def filter_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """A ``task-state`` filter, or any other filter name with any values."""
    task_state = st.fixed_dictionaries(
        {
            "Name": st.just("task-state"),
            "Values": st.lists(statuses().map(lambda status: status.value), min_size=1),
        }
    )
    other = st.fixed_dictionaries(
        {
            "Name": st.text(min_size=1).filter(lambda name: name != "task-state"),
            "Values": st.lists(st.text(), min_size=1, max_size=3),
        }
    )
    return task_state | other


def pagination_config_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """``PaginationConfig`` within the limits: MaxItems >= 1, PageSize 1..500."""
    return _optional_keys(
        MaxItems=st.integers(min_value=1),
        PageSize=st.integers(1, 500),
        StartingToken=st.text(min_size=1),
    )


def describe_export_image_tasks_request_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """The paginator's keyword arguments, exactly the seed's Request Syntax."""
    return _optional_keys(
        DryRun=st.booleans(),
        Filters=st.lists(filter_dicts(), max_size=3),
        ExportImageTaskIds=st.lists(export_image_task_ids(), max_size=3),
        PaginationConfig=pagination_config_dicts(),
    )


def _validated(model: type[M], dicts: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[M]:
    return dicts.map(model.model_validate)


def tags() -> st.SearchStrategy[Tag]:
    """Valid :class:`Tag` instances."""
    return _validated(Tag, tag_dicts())


def s3_export_locations() -> st.SearchStrategy[S3ExportLocation]:
    """Valid :class:`S3ExportLocation` instances."""
    return _validated(S3ExportLocation, s3_export_location_dicts())


def export_image_tasks() -> st.SearchStrategy[ExportImageTask]:
    """Valid :class:`ExportImageTask` instances."""
    return _validated(ExportImageTask, export_image_task_dicts())


def filters() -> st.SearchStrategy[Filter]:
    """Valid :class:`Filter` instances."""
    return _validated(Filter, filter_dicts())


def pagination_configs() -> st.SearchStrategy[PaginationConfig]:
    """Valid :class:`PaginationConfig` instances."""
    return _validated(PaginationConfig, pagination_config_dicts())


def describe_export_image_tasks_requests() -> st.SearchStrategy[DescribeExportImageTasksRequest]:
    """Valid :class:`DescribeExportImageTasksRequest` instances."""
    return _validated(DescribeExportImageTasksRequest, describe_export_image_tasks_request_dicts())


def describe_export_image_tasks_responses() -> st.SearchStrategy[DescribeExportImageTasksResponse]:
    """Valid :class:`DescribeExportImageTasksResponse` pages."""
    return _validated(
        DescribeExportImageTasksResponse, describe_export_image_tasks_response_dicts()
    )


# ExportImage and CancelExportTask: starting and stopping an export.

from pydantic import TypeAdapter, ValidationError  # noqa: E402  # this block's own imports

from .models.export import (  # noqa: E402
    CancelExportTaskRequest,
    DiskImageFormat,
    ExportImageRequest,
    ExportImageResponse,
    ExportTaskS3LocationRequest,
    S3BucketName,
    TagSpecification,
)

_XML_TEXT = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
) | st.sampled_from("\t\n\r")
"""Text EC2's XML can carry back (an export's description comes back in the answer)."""


def disk_image_formats() -> st.SearchStrategy[DiskImageFormat]:
    """VMDK, RAW or VHD."""
    return st.sampled_from(DiskImageFormat)


def s3_bucket_names() -> st.SearchStrategy[str]:
    """Names S3's general purpose bucket naming rules allow, 3 to 63 characters."""
    names = TypeAdapter(S3BucketName)

    def allowed(name: str) -> bool:  # no "..", no IP address form, no reserved affix
        try:
            names.validate_python(name)
        except ValidationError:
            return False
        return True

    return st.from_regex(r"\A[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\Z").filter(allowed)


def role_names() -> st.SearchStrategy[str]:
    """IAM role names: 1 to 64 of letters, digits and ``_+=,.@-``."""
    return st.from_regex(r"\A[A-Za-z0-9_+=,.@-]{1,64}\Z")


def client_tokens() -> st.SearchStrategy[str]:
    """EC2 idempotency tokens: 1 to 64 ASCII characters."""
    return st.text(st.characters(max_codepoint=0x7F), min_size=1, max_size=64)


def export_task_ids() -> st.SearchStrategy[str]:
    """What ``CancelExportTask`` takes: an image export's id, or an instance export's."""
    return export_image_task_ids() | _resource_ids("export-i-")


def export_task_s3_location_request_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """``{"S3Bucket": ..., "S3Prefix": ...}``, the bucket required."""
    return st.fixed_dictionaries(
        {"S3Bucket": s3_bucket_names()}, optional={"S3Prefix": st.text(_XML_TEXT)}
    )


def tag_specification_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """``{"ResourceType": "export-image-task", "Tags": [...]}``, keys unique."""
    return st.fixed_dictionaries(
        {"ResourceType": st.just("export-image-task")},
        optional={"Tags": st.lists(tag_dicts(), max_size=5, unique_by=lambda tag: tag["Key"])},
    )


def export_image_request_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for boto3's ``export_image``."""
    return st.fixed_dictionaries(
        {
            "DiskImageFormat": disk_image_formats().map(str),
            "ImageId": image_ids(),
            "S3ExportLocation": export_task_s3_location_request_dicts(),
        },
        optional={
            "ClientToken": client_tokens(),
            "Description": st.text(_XML_TEXT, max_size=255),
            "DryRun": st.booleans(),
            "RoleName": role_names(),
            "TagSpecifications": st.lists(tag_specification_dicts(), max_size=1),
        },
    )


def export_image_response_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """What boto3's ``export_image`` returns, ``ResponseMetadata`` included or not."""
    return _optional_keys(
        Description=st.text(),
        DiskImageFormat=disk_image_formats().map(str),
        ExportImageTaskId=export_image_task_ids(),
        ImageId=image_ids(),
        RoleName=st.text(),
        Progress=st.integers(0, 100).map(str),
        S3ExportLocation=s3_export_location_dicts(),
        Status=statuses().map(str),
        StatusMessage=st.text(),
        Tags=st.lists(tag_dicts(), max_size=5),
        ResponseMetadata=_response_metadata(),
    )


def cancel_export_task_request_dicts() -> st.SearchStrategy[dict[str, Any]]:
    """Keyword arguments for boto3's ``cancel_export_task``."""
    return st.fixed_dictionaries({"ExportTaskId": export_task_ids()})


def export_task_s3_location_requests() -> st.SearchStrategy[ExportTaskS3LocationRequest]:
    """Valid :class:`ExportTaskS3LocationRequest` instances."""
    return _validated(ExportTaskS3LocationRequest, export_task_s3_location_request_dicts())


def tag_specifications() -> st.SearchStrategy[TagSpecification]:
    """Valid :class:`TagSpecification` instances."""
    return _validated(TagSpecification, tag_specification_dicts())


def export_image_requests() -> st.SearchStrategy[ExportImageRequest]:
    """Valid :class:`ExportImageRequest` instances."""
    return _validated(ExportImageRequest, export_image_request_dicts())


def export_image_responses() -> st.SearchStrategy[ExportImageResponse]:
    """Valid :class:`ExportImageResponse` instances."""
    return _validated(ExportImageResponse, export_image_response_dicts())


def cancel_export_task_requests() -> st.SearchStrategy[CancelExportTaskRequest]:
    """Valid :class:`CancelExportTaskRequest` instances."""
    return _validated(CancelExportTaskRequest, cancel_export_task_request_dicts())
