"""Hypothesis strategies for valid models and valid boto3 dicts (``pip install ...[hypothesis]``).

For users' own property tests: ``*_dicts()`` give what boto3 hands out, typed as boto3-stubs'
TypedDicts, and the model strategies give the validated objects built from them. Text holds
only what EC2's XML can carry, so a generated task can be served by the local endpoint
(``ec2_export_image_tasks.testing``) and comes back through botocore's parser unchanged.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING, Any, TypeVar, cast

if find_spec("hypothesis") is None:
    raise ModuleNotFoundError(
        "ec2_export_image_tasks.strategies needs Hypothesis: "
        "pip install 'ec2-export-image-tasks[hypothesis]'",
        name="hypothesis",
    )

from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

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
from .models.export import (
    CancelExportTaskRequest,
    DiskImageFormat,
    ExportImageRequest,
    ExportImageResponse,
    ExportTaskS3LocationRequest,
    S3BucketName,
    TagSpecification,
)
from .models._facts import RESERVED_TAG_PREFIX as RESERVED_PREFIX

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_ec2.type_defs import (
        CancelExportTaskRequestTypeDef,
        DescribeExportImageTasksRequestPaginateTypeDef,
        ExportImageRequestTypeDef,
        ExportImageResultTypeDef,
        ExportImageTaskTypeDef,
        ExportTaskS3LocationRequestTypeDef,
        ExportTaskS3LocationTypeDef,
        FilterTypeDef,
        PaginatorConfigTypeDef,
        TagSpecificationTypeDef,
        TagTypeDef,
    )
    from pydantic import BaseModel

    from .models import DescribeExportImageTasksPageTypeDef

__all__ = [
    "cancel_export_task_request_dicts",
    "cancel_export_task_requests",
    "client_tokens",
    "describe_export_image_tasks_request_dicts",
    "describe_export_image_tasks_requests",
    "describe_export_image_tasks_response_dicts",
    "describe_export_image_tasks_responses",
    "disk_image_formats",
    "export_image_request_dicts",
    "export_image_requests",
    "export_image_response_dicts",
    "export_image_responses",
    "export_image_task_dicts",
    "export_image_task_ids",
    "export_image_tasks",
    "export_task_ids",
    "export_task_s3_location_request_dicts",
    "export_task_s3_location_requests",
    "filter_dicts",
    "filters",
    "image_ids",
    "pagination_config_dicts",
    "pagination_configs",
    "role_names",
    "s3_bucket_names",
    "s3_export_location_dicts",
    "s3_export_locations",
    "statuses",
    "tag_dicts",
    "tag_keys",
    "tag_specification_dicts",
    "tag_specifications",
    "tag_values",
    "tags",
    "xml_text",
]

M = TypeVar("M", bound="BaseModel")

_HEX = "0123456789abcdef"

_NOT_IN_XML = (
    "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\ufffe\uffff"
)
"""XML 1.0 carries no other C0 control, not even as a reference, and neither U+FFFE nor U+FFFF."""


def xml_text(*, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Text EC2 can send: any code point XML 1.0 carries (no surrogates, no C0 control but tab,
    newline and carriage return, no U+FFFE or U+FFFF)."""
    alphabet = st.characters(codec="utf-8", exclude_characters=_NOT_IN_XML)
    return st.text(alphabet, min_size=min_size, max_size=max_size)


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
    return xml_text(min_size=1, max_size=127).filter(
        lambda key: key[: len(RESERVED_PREFIX)].lower() != RESERVED_PREFIX
    )


def tag_values() -> st.SearchStrategy[str]:
    """0 to 256 code points."""
    return xml_text(max_size=256)


def statuses() -> st.SearchStrategy[ExportImageTaskStatus]:
    """Each of the four statuses."""
    return st.sampled_from(ExportImageTaskStatus)


def _optional_keys(**optional: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=optional)


def tag_dicts() -> st.SearchStrategy[TagTypeDef]:
    """``{"Key": ..., "Value": ...}``; Value may be absent, as boto3 allows."""
    tags = st.fixed_dictionaries({"Key": tag_keys()}, optional={"Value": tag_values()})
    return cast("st.SearchStrategy[TagTypeDef]", tags)


def s3_export_location_dicts() -> st.SearchStrategy[ExportTaskS3LocationTypeDef]:
    """``{"S3Bucket": ..., "S3Prefix": ...}``, each key optional."""
    locations = _optional_keys(S3Bucket=xml_text(), S3Prefix=xml_text())
    return cast("st.SearchStrategy[ExportTaskS3LocationTypeDef]", locations)


def export_image_task_dicts() -> st.SearchStrategy[ExportImageTaskTypeDef]:
    """One item of ``ExportImageTasks`` as boto3 returns it."""
    tasks = _optional_keys(
        Description=xml_text(),
        ExportImageTaskId=export_image_task_ids(),
        ImageId=image_ids(),
        Progress=st.integers(0, 100).map(str),
        S3ExportLocation=s3_export_location_dicts(),
        Status=statuses().map(lambda status: status.value),
        StatusMessage=xml_text(),
        Tags=st.lists(tag_dicts(), max_size=5),
    )
    return cast("st.SearchStrategy[ExportImageTaskTypeDef]", tasks)


def _response_metadata() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "RequestId": st.uuids().map(str),
            "HTTPStatusCode": st.just(200),
            "HTTPHeaders": st.dictionaries(st.text(min_size=1), st.text(), max_size=3),
            "RetryAttempts": st.integers(0, 5),
        }
    )


def describe_export_image_tasks_response_dicts() -> st.SearchStrategy[
    DescribeExportImageTasksPageTypeDef
]:
    """A page as boto3's paginator yields it, ``ResponseMetadata`` included."""
    pages = st.fixed_dictionaries(
        {"ExportImageTasks": st.lists(export_image_task_dicts(), max_size=5)},
        optional={"NextToken": xml_text(min_size=1), "ResponseMetadata": _response_metadata()},
    )
    return cast("st.SearchStrategy[DescribeExportImageTasksPageTypeDef]", pages)


def filter_dicts() -> st.SearchStrategy[FilterTypeDef]:
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
    return cast("st.SearchStrategy[FilterTypeDef]", task_state | other)


def pagination_config_dicts() -> st.SearchStrategy[PaginatorConfigTypeDef]:
    """``PaginationConfig`` within the limits: MaxItems >= 1, PageSize 1..500."""
    configs = _optional_keys(
        MaxItems=st.integers(min_value=1),
        PageSize=st.integers(1, 500),
        StartingToken=st.text(min_size=1),
    )
    return cast("st.SearchStrategy[PaginatorConfigTypeDef]", configs)


def describe_export_image_tasks_request_dicts() -> st.SearchStrategy[
    DescribeExportImageTasksRequestPaginateTypeDef
]:
    """The paginator's keyword arguments, exactly the seed's Request Syntax."""
    requests = _optional_keys(
        DryRun=st.booleans(),
        Filters=st.lists(filter_dicts(), max_size=3),
        ExportImageTaskIds=st.lists(export_image_task_ids(), max_size=3),
        PaginationConfig=pagination_config_dicts(),
    )
    return cast("st.SearchStrategy[DescribeExportImageTasksRequestPaginateTypeDef]", requests)


def _validated(model: type[M], dicts: st.SearchStrategy[Mapping[str, Any]]) -> st.SearchStrategy[M]:
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


def export_task_s3_location_request_dicts() -> st.SearchStrategy[
    ExportTaskS3LocationRequestTypeDef
]:
    """``{"S3Bucket": ..., "S3Prefix": ...}``, the bucket required."""
    found = st.fixed_dictionaries(
        {"S3Bucket": s3_bucket_names()}, optional={"S3Prefix": xml_text()}
    )
    return cast("st.SearchStrategy[ExportTaskS3LocationRequestTypeDef]", found)


def tag_specification_dicts() -> st.SearchStrategy[TagSpecificationTypeDef]:
    """``{"ResourceType": "export-image-task", "Tags": [...]}``, keys unique."""
    found = st.fixed_dictionaries(
        {"ResourceType": st.just("export-image-task")},
        optional={"Tags": st.lists(tag_dicts(), max_size=5, unique_by=lambda tag: tag.get("Key"))},
    )
    return cast("st.SearchStrategy[TagSpecificationTypeDef]", found)


def export_image_request_dicts() -> st.SearchStrategy[ExportImageRequestTypeDef]:
    """Keyword arguments for boto3's ``export_image``."""
    found = st.fixed_dictionaries(
        {
            "DiskImageFormat": disk_image_formats().map(str),
            "ImageId": image_ids(),
            "S3ExportLocation": export_task_s3_location_request_dicts(),
        },
        optional={
            "ClientToken": client_tokens(),
            "Description": xml_text(max_size=255),
            "DryRun": st.booleans(),
            "RoleName": role_names(),
            "TagSpecifications": st.lists(tag_specification_dicts(), max_size=1),
        },
    )
    return cast("st.SearchStrategy[ExportImageRequestTypeDef]", found)


def export_image_response_dicts() -> st.SearchStrategy[ExportImageResultTypeDef]:
    """What boto3's ``export_image`` returns, ``ResponseMetadata`` included or not."""
    found = _optional_keys(
        Description=xml_text(),
        DiskImageFormat=disk_image_formats().map(str),
        ExportImageTaskId=export_image_task_ids(),
        ImageId=image_ids(),
        RoleName=xml_text(),
        Progress=st.integers(0, 100).map(str),
        S3ExportLocation=s3_export_location_dicts(),
        Status=statuses().map(str),
        StatusMessage=xml_text(),
        Tags=st.lists(tag_dicts(), max_size=5),
        ResponseMetadata=_response_metadata(),
    )
    return cast("st.SearchStrategy[ExportImageResultTypeDef]", found)


def cancel_export_task_request_dicts() -> st.SearchStrategy[CancelExportTaskRequestTypeDef]:
    """Keyword arguments for boto3's ``cancel_export_task``."""
    found = st.fixed_dictionaries({"ExportTaskId": export_task_ids()})
    return cast("st.SearchStrategy[CancelExportTaskRequestTypeDef]", found)


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
