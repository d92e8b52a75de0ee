"""EC2's error document sent with a 200, raised as the error it is, for this package's calls.

botocore's EC2 parser never looks at a 2xx answer's root element: ``<Response><Errors>`` sent
with a 200 parses as an empty success (a last page with no tasks, an export with no id, a
cancellation or a permission check that went through). As botocore does for S3's errors sent
with a 200 (``botocore.handlers._handle_200_error``), such an answer is made an error status:
botocore parses it as the error it is and raises its ``ClientError``. The status is a 500 for
the service's own trouble, which is retried, and a 400 for a refusal: as a 500, an
``UnauthorizedOperation`` was retried by every wait and made ``export`` say it may have started.

One rule, :func:`read_as_error`, for every call of the package: the export calls apply it to
the body (whatever prolog comes before the root), the typed paginator's fast parse to the root
element it has already parsed with :func:`parsed`, the same parse. It is EC2's rule: an answer
in another protocol (S3's ``<ListAllMyBucketsResult>`` through the generic engine) is botocore's.

Only this package's own calls are read so (a context variable is set around them): a plain
boto3 call on the same client is botocore's alone.

EC2's answer to a DryRun, an error either way, is read here too (:func:`dry_run_permitted`), for
the paginators' and the export calls' permission checks alike.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder, XMLParser

from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

from ._clients import botocore_client
from ._retry import is_transient

if TYPE_CHECKING:
    from collections.abc import Generator, Mapping

    from botocore.client import BaseClient
    from botocore.model import OperationModel

    from ._clients import AsyncBotocoreClientProtocol, BotocoreClientProtocol

_READING: ContextVar[bool] = ContextVar("ec2_export_image_tasks_error_documents", default=False)


_BOTOCORE_NAMESPACE = re.compile("{.*}")
"""botocore's ``BaseXMLResponseParser._namespace_re``: what it strips from a tag. ``.`` stops at
a newline, so a namespace holding one (written ``&#10;``) is not stripped."""


def botocore_tag(tag: str) -> str:
    """An element's name as botocore's XML parsers read it (``_node_tag``)."""
    return _BOTOCORE_NAMESPACE.sub("", tag)


def _is_error_root(root: Element) -> bool:
    """Whether ``root`` is EC2's error document: ``<Response>`` holding ``<Errors>``."""
    return botocore_tag(root.tag) == "Response" and any(
        botocore_tag(child.tag) == "Errors" for child in root
    )


def _local_name(element: Element) -> str:
    return element.tag.rpartition("}")[2]


def _is_foreign(root: Element) -> bool:
    """Whether ``root`` is no answer of EC2's: neither an ``<...Response>`` nor holding a
    ``<requestId>``. botocore reads it (a proxy's or a captive portal's ``<html>``) as an
    empty success: a cancel done, a page without tasks. Namespaces aside, as any one may be."""
    return not _local_name(root).endswith("Response") and not any(
        _local_name(child) == "requestId" for child in root
    )


_ENCODING = "utf-8"
"""botocore's ``BaseXMLResponseParser.DEFAULT_ENCODING``: it overrides the XML declaration's."""


def parsed(body: object) -> Element | None:
    """The body's root element as botocore's ``_parse_xml_string_to_dom`` reads it, the whole
    body, whatever prolog comes first; None where botocore would raise (its to report)."""
    if not isinstance(body, bytes):
        return None
    parser = XMLParser(target=TreeBuilder(), encoding=_ENCODING)
    try:
        parser.feed(body)
        return parser.close()
    except ParseError:
        return None


def read_as_error(
    operation_model: OperationModel, response_dict: dict[str, Any], root: Element | None = None
) -> bool:
    """The one rule: a 2xx answer in EC2's protocol whose body is EC2's error document is made
    the error status (:func:`_status_for`) botocore parses and raises as an error. True if it
    was. A root that is no answer of EC2's at all raises ``ResponseParserError``.

    ``root`` is the body's :func:`parsed` root when the caller has it already (the typed
    paginator's fast parse), so that a page is never parsed twice.
    """
    if operation_model.service_model.resolved_protocol != "ec2":
        return False
    if not 200 <= response_dict["status_code"] < 300:
        return False
    if root is None:
        root = parsed(response_dict["body"])
    if root is None:
        return False
    if _is_foreign(root):
        raise ResponseParserError(f"AWS answered with <{_local_name(root)}>, not EC2's XML")
    if not _is_error_root(root):
        return False
    response_dict["status_code"] = _status_for(root)
    return True


def _status_for(root: Element) -> int:
    """500 for the service's own trouble (throttling, an internal error), which botocore and the
    waiter try again; 400 for a refusal (unauthorized, not found), which no retry changes."""
    code = next(
        (element.text or "" for element in root.iter() if botocore_tag(element.tag) == "Code"), ""
    )
    return 500 if is_transient(ClientError({"Error": {"Code": code}}, "")) else 400


def dry_run_permitted(error: ClientError) -> bool:
    """EC2's DryRun answer: DryRunOperation means allowed, UnauthorizedOperation means not; any
    other error is raised again, as the refusal or trouble it is."""
    code = error.response.get("Error", {}).get("Code")
    if code == "DryRunOperation":
        return True
    if code == "UnauthorizedOperation":
        return False
    raise error


def _before_parse(
    operation_model: OperationModel, response_dict: dict[str, Any], **_: object
) -> None:
    if _READING.get():
        read_as_error(operation_model, response_dict)


def status_as_parsed(response: tuple[Any, Mapping[str, Any]] | None, **_: object) -> None:
    """botocore's ``_update_status_code``: the HTTP status the parse was given, so that an
    error document sent with a 200 is raised (and retried) as the error it is."""
    if response is None:
        return
    http_response, parsed = response
    metadata = parsed.get("ResponseMetadata", {})
    http_response.status_code = metadata.get("HTTPStatusCode", http_response.status_code)


def install_status_update(client: BaseClient, event: str) -> None:
    """:func:`status_as_parsed` on ``client``'s ``needs-retry`` ``event``, before its retries."""
    client.meta.events.register_first(event, status_as_parsed, unique_id=f"{__name__}:{event}")


@contextmanager
def reading_error_documents(
    client: BotocoreClientProtocol | AsyncBotocoreClientProtocol,
) -> Generator[None]:
    """Within: an EC2 error document ``client`` receives with a 200 is raised as an error."""
    botocore = botocore_client(client)
    events = botocore.meta.events
    service = botocore.meta.service_model.service_id.hyphenize()
    events.register(f"before-parse.{service}", _before_parse, unique_id=f"{__name__}:parse")
    install_status_update(botocore, f"needs-retry.{service}")
    reset = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(reset)
