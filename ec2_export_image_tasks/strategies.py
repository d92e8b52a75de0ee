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
