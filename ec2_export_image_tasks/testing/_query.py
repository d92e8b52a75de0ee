"""EC2's Query protocol, request side: the form fields botocore sends, read back as parameters.

botocore flattens lists into numbered fields (``ExportImageTaskId.1``, ``Filter.2.Value.1``),
numbered from 1; the numbers, not the order of the fields, give a list's order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._errors import Ec2Error
from ._exports import ExportRequest
from ._paging import DescribeQuery

if TYPE_CHECKING:
    from collections.abc import Mapping


def numbered(parameters: Mapping[str, str], name: str, suffix: str = "") -> list[tuple[int, str]]:
    """The fields ``{name}.N{suffix}`` as (N, value) pairs, in N's order."""
    field = re.compile(rf"{re.escape(name)}\.([1-9][0-9]*){re.escape(suffix)}")
    found = ((field.fullmatch(key), value) for key, value in parameters.items())
    return sorted((int(match[1]), value) for match, value in found if match)


def values(parameters: Mapping[str, str], name: str) -> tuple[str, ...]:
    """The list sent as ``{name}.1``, ``{name}.2``, ..., in order."""
    return tuple(value for _, value in numbered(parameters, name))


def _required(parameters: Mapping[str, str], name: str) -> str:
    """A field botocore always sends; a raw request may not, and EC2 names what is missing."""
    value = parameters.get(name)
    if value is None:
        raise Ec2Error("MissingParameter", f"The request must contain the parameter {name}")
    return value


def _integer(parameters: Mapping[str, str], name: str) -> int | None:
    text = parameters.get(name)
    if text is None:
        return None
    try:
        return int(text)
    except ValueError:
        raise Ec2Error(
            "InvalidParameterValue", f"Value ({text}) for parameter {name} is invalid."
        ) from None


def parse_describe(parameters: Mapping[str, str]) -> DescribeQuery:
    """A ``DescribeExportImageTasks`` request's form fields as a :class:`.DescribeQuery`."""
    filters = tuple(
        (name, values(parameters, f"Filter.{number}.Value"))
        for number, name in numbered(parameters, "Filter", ".Name")
    )
    return DescribeQuery(
        task_ids=values(parameters, "ExportImageTaskId"),
        filters=filters,
        max_results=_integer(parameters, "MaxResults"),
        next_token=parameters.get("NextToken"),
        dry_run=parameters.get("DryRun") == "true",
    )


def parse_export(parameters: Mapping[str, str]) -> ExportRequest:
    """An ``ExportImage`` request's form fields as an :class:`.ExportRequest`."""
    tag_specifications = tuple(
        (resource_type, _tags(parameters, f"TagSpecification.{number}.Tag"))
        for number, resource_type in numbered(parameters, "TagSpecification", ".ResourceType")
    )
    return ExportRequest(
        image_id=_required(parameters, "ImageId"),
        disk_image_format=_required(parameters, "DiskImageFormat"),
        s3_bucket=_required(parameters, "S3ExportLocation.S3Bucket"),
        s3_prefix=parameters.get("S3ExportLocation.S3Prefix"),
        role_name=parameters.get("RoleName"),
        description=parameters.get("Description"),
        tag_specifications=tag_specifications,
        client_token=parameters.get("ClientToken"),
        dry_run=parameters.get("DryRun") == "true",
    )


def _tags(parameters: Mapping[str, str], name: str) -> tuple[tuple[str, str], ...]:
    """The ``{name}.N.Key``/``.Value`` pairs; a tag sent without a value has the empty one."""
    tag_values = dict(numbered(parameters, name, ".Value"))
    return tuple(
        (key, tag_values.get(number, "")) for number, key in numbered(parameters, name, ".Key")
    )


def parse_cancel(parameters: Mapping[str, str]) -> str:
    """The task id a ``CancelExportTask`` request names."""
    return _required(parameters, "ExportTaskId")
