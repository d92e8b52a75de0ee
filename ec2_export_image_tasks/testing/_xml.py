"""EC2's Query protocol, response side: the XML the service writes, for botocore's parser to read.

Pure: boto3-form dicts in, bytes out. A key present in the dict is an element in the XML and a
key absent stays absent, so what boto3 parses back is the dict given, key for key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import cast

NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/"

ELEMENTS = {
    "ExportImageTasks": "exportImageTaskSet",
    "NextToken": "nextToken",
    "Description": "description",
    "DiskImageFormat": "diskImageFormat",
    "ExportImageTaskId": "exportImageTaskId",
    "ImageId": "imageId",
    "Progress": "progress",
    "RoleName": "roleName",
    "S3ExportLocation": "s3ExportLocation",
    "S3Bucket": "s3Bucket",
    "S3Prefix": "s3Prefix",
    "Status": "status",
    "StatusMessage": "statusMessage",
    "Tags": "tagSet",
    "Key": "key",
    "Value": "value",
}
"""boto3 key -> XML element: each member's ``locationName`` in botocore's EC2 service model,
in the outputs of ``DescribeExportImageTasks`` and ``ExportImage``.

A key not listed (one a test seeds) is written in EC2's lowerCamel style; botocore drops
elements its model does not know, just as it would drop one AWS added later.
"""

# A raw CR would reach the parser as LF (XML end-of-line handling): it goes as a reference.
# (Not xml.sax.saxutils.escape: it imports urllib.request, for three replacements.)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})

# What XML 1.0 can carry at all, even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def unwritable(text: str) -> str | None:
    """The first character of ``text`` that XML 1.0 cannot carry (``"U+001B"``), or None."""
    bad = _NOT_XML.search(text)
    return None if bad is None else f"U+{ord(bad[0]):04X}"


def _text(value: object) -> str:
    text = str(value)
    if bad := unwritable(text):
        raise ValueError(f"XML 1.0 cannot carry {bad}, in {text!r}")
    return text.translate(_ESCAPES)


def _content(value: object) -> str:
    """A structure's members, a list's ``<item>`` elements, or a scalar's text."""
    # Raw test data is untyped: narrow it by what it is, not by what it claims.
    if isinstance(value, Mapping):
        members = cast("Mapping[str, object]", value)
        return "".join(_element(key, member) for key, member in members.items())
    if isinstance(value, list | tuple):
        items = cast("Iterable[object]", value)
        return "".join(f"<item>{_content(item)}</item>" for item in items)
    return _text(value)


def _element(key: str, value: object) -> str:
    if value is None:  # boto3 never hands out None: a None member is taken as absent.
        return ""
    name = ELEMENTS.get(key, key[:1].lower() + key[1:])
    return f"<{name}>{_content(value)}</{name}>"


def _document(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}'.encode()


def response(action: str, members: Mapping[str, object], request_id: str) -> bytes:
    """``<{action}Response>`` holding ``members`` (boto3 keys), as EC2 answers any action."""
    return _document(
        f'<{action}Response xmlns="{NAMESPACE}">'
        f"<requestId>{_text(request_id)}</requestId>{_content(members)}</{action}Response>"
    )


def describe_export_image_tasks(
    tasks: Iterable[Mapping[str, object]], next_token: str | None, request_id: str
) -> bytes:
    """A ``DescribeExportImageTasksResponse`` holding ``tasks``, each written as given."""
    members = {"ExportImageTasks": list(tasks), "NextToken": next_token}
    return response("DescribeExportImageTasks", members, request_id)


def error(code: str, message: str, request_id: str) -> bytes:
    """EC2's error document; botocore raises ``ClientError`` with this code and message."""
    return _document(
        f"<Response><Errors><Error><Code>{_text(code)}</Code>"
        f"<Message>{_text(message)}</Message></Error></Errors>"
        f"<RequestID>{_text(request_id)}</RequestID></Response>"
    )
