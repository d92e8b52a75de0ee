"""EC2 Query-protocol XML, as the service writes it, so that botocore's own parser reads it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape

NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"

# boto3 key -> XML element, from the service model's locationName of each member.
_ELEMENTS = {
    "Description": "description",
    "ExportImageTaskId": "exportImageTaskId",
    "ImageId": "imageId",
    "Progress": "progress",
    "S3ExportLocation": "s3ExportLocation",
    "S3Bucket": "s3Bucket",
    "S3Prefix": "s3Prefix",
    "Status": "status",
    "StatusMessage": "statusMessage",
    "Tags": "tagSet",
    "Key": "key",
    "Value": "value",
}


def _text(value: str) -> str:
    # A bare CR would reach the parser as LF (XML end-of-line handling): keep it as a reference.
    return escape(value).replace("\r", "&#13;")


def _element(key: str, value: object) -> str:
    name = _ELEMENTS.get(key, key[:1].lower() + key[1:])
    if isinstance(value, Mapping):
        return f"<{name}>{_members(value)}</{name}>"  # pyright: ignore[reportUnknownArgumentType]
    if isinstance(value, list | tuple):
        items = "".join(f"<item>{_members(item)}</item>" for item in value)  # pyright: ignore
        return f"<{name}>{items}</{name}>"
    return f"<{name}>{_text(str(value))}</{name}>"


def _members(structure: Mapping[str, object]) -> str:
    return "".join(_element(key, value) for key, value in structure.items())


def describe_export_image_tasks(
    tasks: Iterable[Mapping[str, object]], next_token: str | None, request_id: str
) -> bytes:
    """A ``DescribeExportImageTasksResponse`` holding ``tasks`` (boto3-form dicts, as given)."""
    items = "".join(f"<item>{_members(task)}</item>" for task in tasks)
    token = f"<nextToken>{_text(next_token)}</nextToken>" if next_token is not None else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<DescribeExportImageTasksResponse xmlns="{NAMESPACE}">'
        f"<requestId>{request_id}</requestId>"
        f"<exportImageTaskSet>{items}</exportImageTaskSet>{token}"
        f"</DescribeExportImageTasksResponse>"
    ).encode()


def error(code: str, message: str, request_id: str) -> bytes:
    """EC2's error document; botocore raises ``ClientError`` with this code and message."""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Response><Errors><Error><Code>{escape(code)}</Code>"
        f"<Message>{escape(message)}</Message></Error></Errors>"
        f"<RequestID>{request_id}</RequestID></Response>"
    ).encode()
