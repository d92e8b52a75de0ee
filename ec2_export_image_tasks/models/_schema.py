"""One JSON Schema (draft 2020-12) document for every model, in boto3's form.

``$defs`` holds each model under its class name: the requests and answers of
``DescribeExportImageTasks``, ``ExportImage`` and ``CancelExportTask``, and their parts.
Validate an instance against ``{"$ref": "<$id>#/$defs/ExportImageRequest"}``, or use the
document's root, which takes the paginator's request or a page (only those: an answer keeps
unknown keys, so a root taking every answer would take almost any object). The schema says what
the models enforce; what JSON Schema cannot say is listed in :data:`NOT_EXPRESSED` (and in the
README).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final, cast

from pydantic.json_schema import models_json_schema

from ._export_image import (
    CancelExportTaskRequest,
    ExportImageRequest,
    ExportImageResponse,
    ExportTaskS3LocationRequest,
    TagSpecification,
)
from ._facts import MAX_TAGS
from ._request import DescribeExportImageTasksRequest, Filter, PaginationConfig
from ._response import DescribeExportImageTasksResponse
from ._tag import Tag
from ._task import ExportImageTask, S3ExportLocation

if TYPE_CHECKING:
    from pydantic import JsonValue

__all__ = ["NOT_EXPRESSED", "SCHEMA_ID", "json_schema"]

SCHEMA_ID: Final = "urn:ec2-export-image-tasks:schema"
"""The document's ``$id``: a name, not a download location (the package prints the schema)."""

_MODELS = (
    DescribeExportImageTasksRequest,
    Filter,
    PaginationConfig,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    S3ExportLocation,
    Tag,
    ExportImageRequest,
    ExportTaskS3LocationRequest,
    TagSpecification,
    ExportImageResponse,
    CancelExportTaskRequest,
)
"""Every model with a ``$defs`` entry; the models they hold are added as they are reached."""

NOT_EXPRESSED: Final = (
    "A whole number written with a fraction, such as 45.0, is an integer to JSON Schema (JSON "
    "has one number type); the models take only 45, so PageSize, MaxItems and Progress refuse "
    "45.0 and the schema does not.",
    "The models also take the snake_case field names (page_size) from Python callers; the "
    "schema describes boto3's form only, with its PascalCase keys.",
    "Lengths are counted in Unicode code points, as JSON Schema defines them; a validator "
    "counting UTF-16 code units (a JavaScript one without a Unicode option) counts a character "
    "outside the Basic Multilingual Plane twice.",
    "A response model refuses an unknown key that spells one of its fields in other letters "
    "(key beside Key), so that it cannot ride along unchecked; the schema keeps every unknown "
    "key a response may carry, that one too.",
    "ExportImage's tags are one task's, across all its TagSpecifications: the models refuse a "
    f"key given twice, or more than {MAX_TAGS} tags, in one task's tags; JSON Schema compares "
    "no keys across objects, so the schema checks each tag alone.",
    "A string holding a lone surrogate (U+D800 to U+DFFF alone, which JSON's \\ud800 escape can "
    "write but no UTF-8 text can) is a string to JSON Schema; the models refuse it in every "
    "string field, since botocore cannot encode it and EC2 never sends one.",
)
"""What the models check that this document cannot say, or deliberately does not."""

# "$" would let a trailing newline through in Python's re (which the jsonschema package
# uses): "45\n" matches "^...$" there. Looking ahead for no character at all ends a match at
# the end of the string in ECMA-262, Python and every engine with look-ahead.
_TRAILING_DOLLAR = re.compile(r"(?<!\\)\$$")
_END_OF_STRING = r"(?![\s\S])"


def _anchored_at_the_end(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: _TRAILING_DOLLAR.sub(lambda _: _END_OF_STRING, value)
            if key == "pattern" and isinstance(value, str)
            else _anchored_at_the_end(value)
            for key, value in node.items()  # pyright: ignore[reportUnknownVariableType]
        }
    if isinstance(node, list):
        return [_anchored_at_the_end(item) for item in node]  # pyright: ignore[reportUnknownVariableType]
    return node


def json_schema() -> dict[str, JsonValue]:
    """The document: ``$schema``, ``$id``, and ``$defs`` for every model and enum.

    A fresh dict each call, typed as what it is, JSON all the way down (pydantic's
    ``JsonValue``), not a ``TypedDict``: its keys below the top are pydantic's output, not a
    shape this package promises key by key. So it passes as it is to a validator
    (``jsonschema.validate(instance, json_schema())``) or ``json.dumps``, and a type checker
    asks you to narrow a value before you index into it (``isinstance(defs, dict)``).
    """
    _, defs = models_json_schema(
        [(model, "validation") for model in _MODELS], ref_template="#/$defs/{model}"
    )
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "DescribeExportImageTasks",
        "description": "The paginator's request and a page of its answer, in boto3's form.",
        "anyOf": [
            {"$ref": "#/$defs/DescribeExportImageTasksRequest"},
            {"$ref": "#/$defs/DescribeExportImageTasksResponse"},
        ],
        **defs,
    }
    return cast("dict[str, JsonValue]", _anchored_at_the_end(document))
