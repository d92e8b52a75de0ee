"""EC2's Query protocol, request side: the form fields botocore sends, read back as parameters.

botocore flattens lists into numbered fields (``ExportImageTaskId.1``, ``Filter.2.Value.1``),
numbered from 1; the numbers, not the order of the fields, give a list's order. A field the
parse does not read (a name the action does not take, a tag's value without its key, a filter's
values without its name) is EC2's ``UnknownParameter``, never passed over in silence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._errors import Ec2Error
from ._export_rules import ExportRequest
from ._paging import DescribeQuery

if TYPE_CHECKING:
    from collections.abc import Mapping


class _Fields:
    """A request's form fields, remembering which the parse has read (``Action`` and
    ``Version``, which every request carries, are read before it starts)."""

    def __init__(self, parameters: Mapping[str, str]) -> None:
        self._parameters = parameters
        self._read = {"Action", "Version"}

    def get(self, name: str) -> str | None:
        """The field ``name``, if sent."""
        self._read.add(name)
        return self._parameters.get(name)

    def numbered(self, name: str, suffix: str = "") -> list[tuple[int, str]]:
        """The fields ``{name}.N{suffix}`` as (N, value) pairs, in N's order."""
        field = re.compile(rf"{re.escape(name)}\.([1-9][0-9]*){re.escape(suffix)}")
        found = [(field.fullmatch(key), value) for key, value in self._parameters.items()]
        self._read.update(match[0] for match, _ in found if match)
        return sorted((int(match[1]), value) for match, value in found if match)

    def values(self, name: str) -> tuple[str, ...]:
        """The list sent as ``{name}.1``, ``{name}.2``, ..., in order."""
        return tuple(value for _, value in self.numbered(name))

    def all_read(self) -> None:
        """Refuse the request if it holds a field the parse did not read, naming the field."""
        for name in self._parameters:
            if name not in self._read:
                raise Ec2Error(
                    "UnknownParameter",
                    f"The parameter {name} is not recognized (or is sent without the "
                    "parameter it belongs to)",
                )


def _required(fields: _Fields, name: str) -> str:
    """A field botocore always sends; a raw request may not, and EC2 names what is missing."""
    value = fields.get(name)
    if value is None:
        raise Ec2Error("MissingParameter", f"The request must contain the parameter {name}")
    return value


def _integer(fields: _Fields, name: str) -> int | None:
    text = fields.get(name)
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
    fields = _Fields(parameters)
    filters = tuple(
        (name, fields.values(f"Filter.{number}.Value"))
        for number, name in fields.numbered("Filter", ".Name")
    )
    query = DescribeQuery(
        task_ids=fields.values("ExportImageTaskId"),
        filters=filters,
        max_results=_integer(fields, "MaxResults"),
        next_token=fields.get("NextToken"),
        dry_run=fields.get("DryRun") == "true",
    )
    fields.all_read()
    return query


def parse_export(parameters: Mapping[str, str]) -> ExportRequest:
    """An ``ExportImage`` request's form fields as an :class:`.ExportRequest`."""
    fields = _Fields(parameters)
    tag_specifications = tuple(
        (resource_type, _tags(fields, f"TagSpecification.{number}.Tag"))
        for number, resource_type in fields.numbered("TagSpecification", ".ResourceType")
    )
    request = ExportRequest(
        image_id=_required(fields, "ImageId"),
        disk_image_format=_required(fields, "DiskImageFormat"),
        s3_bucket=_required(fields, "S3ExportLocation.S3Bucket"),
        s3_prefix=fields.get("S3ExportLocation.S3Prefix"),
        role_name=fields.get("RoleName"),
        description=fields.get("Description"),
        tag_specifications=tag_specifications,
        client_token=fields.get("ClientToken"),
        dry_run=fields.get("DryRun") == "true",
    )
    fields.all_read()
    return request


def _tags(fields: _Fields, name: str) -> tuple[tuple[str, str], ...]:
    """The ``{name}.N.Key``/``.Value`` pairs; a tag sent without a value has the empty one.

    A value whose key was not sent is left unread: the request is then refused for it.
    """
    return tuple(
        (key, fields.get(f"{name}.{number}.Value") or "")
        for number, key in fields.numbered(name, ".Key")
    )


def parse_cancel(parameters: Mapping[str, str]) -> str:
    """The task id a ``CancelExportTask`` request names."""
    fields = _Fields(parameters)
    task_id = _required(fields, "ExportTaskId")
    fields.all_read()
    return task_id
