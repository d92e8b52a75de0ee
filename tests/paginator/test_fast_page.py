"""The typed paginator's own page parse: botocore's result exactly, or botocore's own parse.

Each page a typed iterator pulls is compared with what a plain boto3 call on the same client
makes of the same body (``botocore.parsers``, untouched): same dicts, same keys, same
``ResponseMetadata``. The counters say whether the fast path took the page or stepped aside.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast
from xml.etree.ElementTree import Element, tostring

import botocore.parsers
import botocore.session
import pytest
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError
from hypothesis import event, example, given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

from ec2_export_image_tasks import (
    AsyncExportImageTaskPaginator,
    ExportImageTask,
    ExportImageTaskPaginator,
)
from ec2_export_image_tasks.paginator import PaginatorSpec, TypedPaginator
from ec2_export_image_tasks.paginator._fast_page import counts as fast_page_counts
from ec2_export_image_tasks.strategies import boto_dicts
from ec2_export_image_tasks.testing import Reply, answer_with, sample_task
from ec2_export_image_tasks.testing import _xml as xml
from ec2_export_image_tasks.testing._glue import CREDENTIALS, SESSION_VARIABLES

from ..stub_clients import stubs_async_client, stubs_client

if TYPE_CHECKING:
    from botocore.client import BaseClient
    from mypy_boto3_ec2.client import EC2Client
    from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

OPERATION = "DescribeExportImageTasks"
EC2_NAMESPACE = xml.NAMESPACE
LAST_PAGE = xml.describe_export_image_tasks([], None, "last")
"""The answer to a request that carries a NextToken: the paging ends there."""


# --- response bodies, written as the service might write them ----------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class Node:
    """An element: a text or children, and where it is written with its own namespace."""

    name: str
    content: str | list[Node]
    namespace: str | None = None  # None: the document's; "" : no namespace at all


def _task_nodes(value: Mapping[str, Any]) -> list[Node]:
    nodes: list[Node] = []
    for key, member in value.items():
        name = xml.ELEMENTS[key]
        if isinstance(member, Mapping):
            nodes.append(Node(name, _task_nodes(member)))  # pyright: ignore[reportUnknownArgumentType]
        elif isinstance(member, list):
            items = [Node("item", _task_nodes(tag)) for tag in member]  # pyright: ignore[reportUnknownVariableType, reportUnknownArgumentType]
            nodes.append(Node(name, items))
        else:
            nodes.append(Node(name, _NOT_XML.sub("?", str(member))))
    return nodes


# XML 1.0's characters: controls only as the special ones below (C1 controls included).
_XML_CHARACTERS = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
)
_SPECIAL = st.sampled_from("\r\n\t &<>]\"'\x7f\x85\u00e9\U0001f600")
_texts = st.text(_SPECIAL | _XML_CHARACTERS, max_size=8)
"""Any text XML can carry, often with what it treats specially: line ends, markup, non-ASCII."""
_unknown_names = st.sampled_from(["extra", "futureField", "status", "item", "tagSet"])

UNSTRIPPED = "urn:un&#10;stripped"
"""A namespace holding a line break (written as a reference, which attribute normalization keeps):
botocore's ``{.*}`` does not strip it, so to botocore an element in it is no member at all."""


@st.composite
def _unknown(draw: st.DrawFn, depth: int = 0) -> Node:
    """An element the model does not have here; it may hold elements named like members."""
    namespace = draw(st.sampled_from([None, None, "urn:unknown", "", UNSTRIPPED]))
    # In a namespace botocore does not strip, even a member's name is unknown to it.
    names = ["extra", "futureField", "x"] + (
        ["status", "tagSet"] if namespace == UNSTRIPPED else []
    )
    name = draw(st.sampled_from(names))
    if depth < 2 and namespace != "" and draw(st.booleans()):  # children in the document's
        children = [Node(draw(_unknown_names), draw(_texts))] + [
            draw(_unknown(depth + 1)) for _ in range(draw(st.integers(0, 1)))
        ]
        return Node(name, children, namespace)
    return Node(name, draw(_texts), namespace)


def _sprinkle(draw: st.DrawFn, node: Node) -> Node:
    """``node`` with unknown elements at every level (in a list, botocore reads them as items)."""
    if isinstance(node.content, str):
        return node
    children = [_sprinkle(draw, child) for child in node.content]
    for _ in range(draw(st.integers(0, 1))):
        children.insert(draw(st.integers(0, len(children))), draw(_unknown()))
    return Node(node.name, children, node.namespace)


STEP_ASIDE = {
    "repeated member": lambda: Node("item", [Node("status", "active"), Node("status", "deleted")]),
    "namespace": lambda: Node("item", [Node("status", "active", "urn:elsewhere")]),
}
"""Items the fast path must leave to botocore, by the reason it counts."""


@dataclass
class Document:
    body: bytes
    expected: str
    """``"fast"``, or the reason the fast path steps aside."""


@st.composite
def documents(draw: st.DrawFn, max_tasks: int = 6) -> Document:
    """A DescribeExportImageTasks answer: valid tasks, written in any way XML allows."""
    tasks = draw(st.lists(boto_dicts(ExportImageTask), max_size=max_tasks))
    items = [Node("item", _task_nodes(task)) for task in tasks]
    expected = draw(st.sampled_from(["fast"] * 6 + [*STEP_ASIDE, "root", "no result list"]))
    if expected in STEP_ASIDE:
        items.insert(draw(st.integers(0, len(items))), STEP_ASIDE[expected]())
    members = [Node("requestId", draw(_texts))]
    if expected != "no result list":
        members.append(Node("exportImageTaskSet", items))
    next_token = draw(st.none() | _texts)
    if next_token is not None:
        members.append(Node("nextToken", next_token))
    root_name = f"{OPERATION}Result" if expected == "root" else f"{OPERATION}Response"
    root = _sprinkle(draw, Node(root_name, draw(st.permutations(members))))
    writer = _Writer(draw)
    if writer.namespace == "urn:a}b":
        expected = "unparseable"
    elif writer.namespace == UNSTRIPPED and expected != "root":
        expected = "no result list"  # to botocore no member is there: the page has no tasks
    return Document(writer.document(root), expected)


DOCUMENT_NAMESPACES = [
    EC2_NAMESPACE,
    None,
    "urn:another-version",
    "urn:a{b",  # a brace inside: botocore's greedy {.*} still strips it whole
    "urn:a}b",  # expat refuses it: botocore raises, and so must the typed iterator
    "urn:a\nb",  # a raw line break: attribute normalization makes it a space
    UNSTRIPPED,
]
_ENTITIES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;", "\r": "&#13;"}
)


class _Writer:
    """Writes a :class:`Node` tree, choosing at each step among XML's equivalent spellings."""

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw
        self.namespace = draw(st.sampled_from(DOCUMENT_NAMESPACES))
        """The document's namespace: None for none."""
        prefixed = self.namespace is not None and draw(st.booleans())
        self._prefix = "ec2:" if prefixed else ""
        self._indent = draw(st.sampled_from(["", "\n  ", "\r\n\t", " "]))

    def document(self, root: Node) -> bytes:
        declaration = self._draw(
            st.sampled_from(
                ["", '<?xml version="1.0" encoding="UTF-8"?>\n', "<?xml version='1.0'?>"]
            )
        )
        namespace = ""
        if self.namespace is not None:
            namespace = (
                f' xmlns{":" + self._prefix[:-1] if self._prefix else ""}="{self.namespace}"'
            )
        comment = self._draw(st.sampled_from(["", "<!-- a comment -->"]))
        return (declaration + comment + self._element(root, namespace)).encode()

    def _element(self, node: Node, declarations: str = "") -> str:
        tag = self._prefix + node.name
        if node.namespace is not None:
            tag, declarations = f"u:{node.name}", f' xmlns:u="{node.namespace}"'
            if node.namespace == "":
                tag, declarations = node.name, ' xmlns=""'
        if isinstance(node.content, str):
            body = self._text(node.content)
            if body == "" and self._draw(st.booleans()):
                return f"<{tag}{declarations}/>"
        else:
            body = "".join(self._indent + self._element(child) for child in node.content)
            body += self._indent if node.content else ""
        return f"<{tag}{declarations}>{body}</{tag}>"

    def _text(self, text: str) -> str:
        pieces: list[str] = []
        while text:
            size = self._draw(st.integers(1, len(text)))
            piece, text = text[:size], text[size:]
            spelling = self._draw(st.sampled_from(["escaped", "references", "entities", "cdata"]))
            if spelling == "cdata" and "]]>" not in piece:
                pieces.append(f"<![CDATA[{piece}]]>")
            elif spelling == "entities":
                pieces.append(piece.translate(_ENTITIES))
            elif spelling == "references":
                pieces.append(
                    "".join(f"&#{ord(c)};" if ord(c) % 2 else f"&#x{ord(c):x};" for c in piece)
                )
            else:
                pieces.append(piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        return "".join(pieces)


# --- the service, the client and what they saw -------------------------------------------------


@dataclass
class Served:
    """Answers the first request after :meth:`serve` with ``body``, every later one LAST_PAGE.

    Whatever the body's token (botocore sends no token at all for the text ``None``), the run
    ends on the next request: what is compared is the first page's parse, never the paging.
    """

    body: bytes = LAST_PAGE
    status: int = 200
    parsed: list[Mapping[str, Any]] = field(default_factory=list[Mapping[str, Any]])
    """Every response as the client handed it on (``after-call``), in order."""
    fresh: bool = True

    def serve(self, body: bytes) -> None:
        self.body, self.fresh = body, True

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        if not self.fresh:
            return Reply(200, LAST_PAGE)
        self.fresh = False
        return Reply(self.status, self.body)

    def record(self, parsed: Mapping[str, Any], **_: object) -> None:
        self.parsed.append(parsed)

    def watch(self, client: BaseClient) -> None:
        client.meta.events.register(f"after-call.ec2.{OPERATION}", self.record)


def comparable(value: object) -> object:
    """``value`` with botocore's stray XML nodes (a repeated member) written out, to compare."""
    if isinstance(value, Element):
        return ("element", tostring(cast("Element[str]", value)))
    if isinstance(value, Mapping):
        members = cast("Mapping[str, object]", value)
        return {key: comparable(member) for key, member in members.items()}
    if isinstance(value, list):
        return [comparable(member) for member in cast("list[object]", value)]
    return value


@dataclass(frozen=True)
class Taken:
    fast: int
    aside: dict[str, int]


def taken() -> Taken:
    counts = fast_page_counts
    return Taken(counts.fast, dict(counts.stepped_aside))


def since(before: Taken) -> list[str]:
    """What happened to each page since ``before``: "fast" or the reason it stepped aside."""
    now = taken()
    outcomes = ["fast"] * (now.fast - before.fast)
    for reason, count in now.aside.items():
        outcomes += [reason] * (count - before.aside.get(reason, 0))
    return sorted(outcomes)


@pytest.fixture(scope="module")
def served_sync() -> tuple[EC2Client, Served]:
    served = Served()
    client = stubs_client(served)
    served.watch(client)
    return client, served


def raised(call: Callable[[], object]) -> Exception | None:
    try:
        call()
    except Exception as error:  # what botocore raises is the oracle's verdict
        return error
    return None


async def raised_async(call: Awaitable[object]) -> Exception | None:
    try:
        await call
    except Exception as error:  # what botocore raises is the oracle's verdict
        return error
    return None


def check_first_page(
    served: Served,
    document: Document,
    before: Taken,
    typed_error: Exception | None,
    plain_error: Exception | None,
) -> None:
    """The typed run's first page is botocore's own parse; a body botocore refuses, the typed
    run refuses with botocore's own error."""
    event(document.expected)  # see the mix with --hypothesis-show-statistics
    if plain_error is not None:
        assert (type(typed_error), str(typed_error)) == (type(plain_error), str(plain_error))
        assert since(before) == [document.expected]
        return
    assert typed_error is None
    typed_page, *later_pages, plain_page = served.parsed
    assert comparable(typed_page) == comparable(plain_page)
    assert since(before) == sorted([document.expected] + ["fast"] * len(later_pages))


# --- the differential property: both drivers ----------------------------------------------------

TOKEN_NONE = Document(xml.describe_export_image_tasks([], "None", "n"), "fast")
"""A token botocore's paginator takes for no token at all, and refuses when it comes again."""


@given(document=documents())
@example(document=TOKEN_NONE)
def test_a_typed_page_is_exactly_what_botocore_parses_sync(
    served_sync: tuple[EC2Client, Served], document: Document
) -> None:
    client, served = served_sync
    served.serve(document.body)
    served.parsed[:] = []
    before = taken()
    typed = raised(lambda: list(ExportImageTaskPaginator(client, on_invalid="skip").paginate()))
    served.serve(document.body)
    plain = raised(client.describe_export_image_tasks)  # botocore's own parse of the same body
    check_first_page(served, document, before, typed, plain)


@pytest.fixture(scope="module")
def served_async() -> Iterator[tuple[asyncio.AbstractEventLoop, AioEC2Client, Served]]:
    loop = asyncio.new_event_loop()
    served = Served()
    stack = AsyncExitStack()
    client = loop.run_until_complete(stack.enter_async_context(stubs_async_client(served)))
    served.watch(client)  # pyright: ignore[reportArgumentType]
    yield loop, client, served
    loop.run_until_complete(stack.aclose())
    loop.close()


@given(document=documents())
@example(document=TOKEN_NONE)
def test_a_typed_page_is_exactly_what_botocore_parses_async(
    served_async: tuple[asyncio.AbstractEventLoop, AioEC2Client, Served], document: Document
) -> None:
    loop, client, served = served_async
    served.serve(document.body)
    served.parsed[:] = []
    before = taken()

    async def typed_then_plain() -> tuple[Exception | None, Exception | None]:
        paginator = AsyncExportImageTaskPaginator(client, on_invalid="skip")
        typed = await raised_async(_all(paginator.paginate()))
        served.serve(document.body)
        return typed, await raised_async(client.describe_export_image_tasks())

    typed, plain = loop.run_until_complete(typed_then_plain())
    check_first_page(served, document, before, typed, plain)


def test_a_very_large_pretty_printed_page_is_exactly_what_botocore_parses(
    served_sync: tuple[EC2Client, Served],
) -> None:
    client, served = served_sync
    tasks = [sample_task(number).to_boto() for number in range(3000)]
    compact = xml.describe_export_image_tasks(tasks, "more", "large")
    served.serve(compact.replace(b"><", b">\n    <"))
    served.parsed[:] = []
    before = taken()
    assert len(list(ExportImageTaskPaginator(client).paginate())) == 3000
    served.serve(served.body)
    client.describe_export_image_tasks()
    assert served.parsed[0] == served.parsed[-1]
    assert since(before) == ["fast", "fast"]  # the 3000 tasks, and the last page


def test_a_carriage_return_written_as_a_reference_stays_one_in_what_botocore_still_parses(
    served_sync: tuple[EC2Client, Served],
) -> None:
    # botocore reads NextToken and the request id from the body without the list; written out
    # again, a CR (only ever a reference: a raw one is read as LF) must stay a reference.
    client, served = served_sync
    served.serve(
        f'<DescribeExportImageTasksResponse xmlns="{EC2_NAMESPACE}">'
        "<requestId>a&#13;b</requestId><exportImageTaskSet/><nextToken>n&#xD;</nextToken>"
        "</DescribeExportImageTasksResponse>".encode()
    )
    served.parsed[:] = []
    before = taken()
    list(ExportImageTaskPaginator(client).paginate())
    assert served.parsed[0]["NextToken"] == "n\r"
    assert served.parsed[0]["ResponseMetadata"]["RequestId"] == "a\rb"
    assert since(before) == ["fast", "fast"]


def test_a_namespace_botocore_does_not_strip_gives_no_tasks_as_botocore_gives_none(
    served_sync: tuple[EC2Client, Served],
) -> None:
    client, served = served_sync
    task = sample_task(1).to_boto()
    written = xml.describe_export_image_tasks([task], None, "unstripped")
    served.serve(written.replace(EC2_NAMESPACE.encode(), UNSTRIPPED.encode()))
    served.parsed[:] = []
    before = taken()
    assert list(ExportImageTaskPaginator(client).paginate()) == []
    assert since(before) == ["no result list"]
    served.serve(served.body)
    assert "ExportImageTasks" not in client.describe_export_image_tasks()


def test_what_cannot_be_written_out_again_is_left_to_botocore(
    served_sync: tuple[EC2Client, Served],
) -> None:
    # An unknown element nested deeper than Python's recursion limit, beside the list.
    client, served = served_sync
    deep = "<extra>" * 3000 + "</extra>" * 3000
    served.serve(
        xml.describe_export_image_tasks([], None, "deep").replace(
            b"<requestId>", deep.encode() + b"<requestId>"
        )
    )
    served.parsed[:] = []
    before = taken()
    list(ExportImageTaskPaginator(client).paginate())
    served.serve(served.body)
    client.describe_export_image_tasks()
    assert served.parsed[0] == served.parsed[1]
    assert since(before) == ["unserializable"]


# --- only the typed iterator's own pulls ---------------------------------------------------------


def test_a_plain_call_from_another_thread_during_a_typed_pull_is_botocores_alone() -> None:
    body = xml.describe_export_image_tasks([sample_task(1).to_boto()], None, "shared")
    plain_pages: list[Mapping[str, Any]] = []

    def answer(action: str, parameters: Mapping[str, str]) -> Reply:
        if threading.current_thread() is threading.main_thread():  # the typed pull, in scope
            other = threading.Thread(
                target=lambda: plain_pages.append(client.describe_export_image_tasks())
            )
            other.start()
            other.join()
        return Reply(200, body)

    client = stubs_client(answer)
    before = taken()
    assert len(list(ExportImageTaskPaginator(client).paginate())) == 1
    assert since(before) == ["fast"]  # the typed page; the plain one was not touched
    expected = _botocores_parse(client, body)
    assert plain_pages[0]["ExportImageTasks"] == expected["ExportImageTasks"]


def test_code_run_between_typed_items_makes_plain_calls() -> None:
    body = xml.describe_export_image_tasks([sample_task(n).to_boto() for n in range(2)], None, "r")
    client = stubs_client(lambda action, parameters: Reply(200, body))
    before = taken()
    for _task in ExportImageTaskPaginator(client).paginate():
        client.describe_export_image_tasks()
    assert since(before) == ["fast"]


def test_a_plain_call_from_another_task_during_typed_paging_is_botocores_alone() -> None:
    pages = [
        xml.describe_export_image_tasks([sample_task(n).to_boto()], f"t{n}", "r") for n in range(3)
    ]

    def answer(action: str, parameters: Mapping[str, str]) -> Reply:
        number = int(parameters.get("NextToken", "t-1")[1:]) + 1
        return Reply(200, pages[number] if number < len(pages) else LAST_PAGE)

    async def main() -> None:
        async with stubs_async_client(answer) as client:
            typed = [task async for task in AsyncExportImageTaskPaginator(client).paginate()]
            plain = [client.describe_export_image_tasks() for _ in range(5)]
            typed_again = AsyncExportImageTaskPaginator(client).paginate()
            results = await asyncio.gather(*plain, _all(typed_again))
            assert len(typed) == len(results[-1]) == 3

    before = taken()
    asyncio.run(main())
    assert since(before) == ["fast"] * 8  # 2 x (3 pages and the last); 5 plain calls untouched


async def _all(tasks: Any) -> list[ExportImageTask]:
    return [task async for task in tasks]


def test_an_after_call_hook_sees_the_page_botocore_would_have_parsed() -> None:
    body = xml.describe_export_image_tasks([sample_task(n).to_boto() for n in range(3)], None, "h")
    client = stubs_client(lambda action, parameters: Reply(200, body))
    hooked: list[object] = []

    def hook(parsed: Mapping[str, object], **_: object) -> None:
        hooked.append(parsed["ExportImageTasks"])

    client.meta.events.register(f"after-call.ec2.{OPERATION}", hook)
    before = taken()

    assert len(list(ExportImageTaskPaginator(client).paginate())) == 3

    assert since(before) == ["fast"]
    assert hooked == [_botocores_parse(client, body)["ExportImageTasks"]]


def test_botocores_retry_after_a_5xx_is_parsed_as_any_other_page() -> None:
    body = xml.describe_export_image_tasks([sample_task(1).to_boto()], None, "retried")
    answers = iter([Reply(503, xml.error("Unavailable", "try again", "e1")), Reply(200, body)])
    client = stubs_client(lambda action, parameters: next(answers), max_attempts=2)
    before = taken()

    tasks = list(ExportImageTaskPaginator(client).paginate())

    assert tasks == [sample_task(1)]
    assert since(before) == ["fast", "status"]


def _botocores_parse(client: BaseClient, body: bytes) -> Mapping[str, Any]:
    output_shape = client.meta.service_model.operation_model(OPERATION).output_shape
    assert output_shape is not None
    parsed: Mapping[str, Any] = botocore.parsers.create_parser("ec2").parse(
        {"body": body, "headers": {}, "status_code": 200}, output_shape
    )
    return parsed


# --- stepping aside: botocore parses the page, and fails as it always does ----------------------


def test_an_error_answer_is_left_to_botocore() -> None:
    error = xml.error("UnauthorizedOperation", "not you", "e1")
    client = stubs_client(lambda action, parameters: Reply(403, error))
    before = taken()
    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        list(ExportImageTaskPaginator(client).paginate())
    assert since(before) == ["status"]


def test_an_unparseable_body_is_left_to_botocore() -> None:
    client = stubs_client(
        lambda action, parameters: Reply(200, b"<DescribeExportImageTasksResponse>")
    )
    before = taken()
    with pytest.raises(botocore.parsers.ResponseParserError, match="invalid XML"):
        list(ExportImageTaskPaginator(client).paginate())
    assert since(before) == ["unparseable"]


class _Loose(BaseModel):
    model_config = ConfigDict(extra="allow")

    @classmethod
    def from_boto(cls, value: Mapping[str, Any]) -> _Loose:
        return cls.model_validate(value)

    def to_boto(self) -> Mapping[str, Any]:
        return self.model_dump()


IMPORT_TASKS = PaginatorSpec(
    operation_name="describe_import_image_tasks",
    result_key="ImportImageTasks",
    token_key="NextToken",
    item_model=_Loose,
    page_model=_Loose,
    request_model=_Loose,
)
"""An operation whose shape the plan does not cover: import tasks hold numbers."""

BUCKETS = PaginatorSpec(
    operation_name="list_buckets",
    result_key="Buckets",
    token_key="ContinuationToken",
    item_model=_Loose,
    page_model=_Loose,
    request_model=_Loose,
)
"""S3's ListBuckets: another protocol (rest-xml), which the fast parse does not cover."""


def test_an_operation_the_plan_does_not_cover_is_left_to_botocore() -> None:
    # Import tasks hold numbers (DiskImageSize), which this parse does not read.
    body = (
        b'<DescribeImportImageTasksResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        b"<importImageTaskSet><item><importTaskId>import-ami-1</importTaskId>"
        b"<snapshotDetailSet><item><diskImageSize>1.5</diskImageSize></item></snapshotDetailSet>"
        b"</item></importImageTaskSet></DescribeImportImageTasksResponse>"
    )
    client = stubs_client(lambda action, parameters: Reply(200, body))
    before = taken()
    (task,) = TypedPaginator(client, IMPORT_TASKS).paginate()
    assert task.model_dump() == {
        "ImportTaskId": "import-ami-1",
        "SnapshotDetails": [{"DiskImageSize": 1.5}],
    }
    assert since(before) == ["not covered"]


def test_a_root_that_is_no_answer_of_ec2s_raises_where_the_plan_does_not_cover() -> None:
    # A captive portal's page, without the word "Errors": the one rule still reads its root.
    portal = b"<?xml version='1.0'?><html><body>Sign in to the hotel network</body></html>"
    client = stubs_client(lambda action, parameters: Reply(200, portal))
    with pytest.raises(ResponseParserError, match="AWS answered with <html>, not EC2's XML"):
        list(TypedPaginator(client, IMPORT_TASKS).paginate())


def test_another_protocols_page_that_mentions_errors_is_botocores_parse() -> None:
    # EC2's rule is EC2's: S3's <ListAllMyBucketsResult> is no error document, nor foreign.
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        b"<Owner><ID>o1</ID><DisplayName>Errors and Omissions Ltd</DisplayName></Owner>"
        b"<Buckets><Bucket><Name>errors-archive</Name></Bucket></Buckets>"
        b"</ListAllMyBucketsResult>"
    )
    session = botocore.session.Session(session_vars=SESSION_VARIABLES)
    session.set_credentials(*CREDENTIALS)
    s3 = session.create_client("s3")
    answer_with(s3, lambda action, parameters: Reply(200, body))
    before = taken()

    (bucket,) = TypedPaginator(s3, BUCKETS).paginate()

    (plain_page,) = s3.get_paginator("list_buckets").paginate()
    assert bucket.model_dump() == plain_page["Buckets"][0] == {"Name": "errors-archive"}
    assert since(before) == ["not covered"]


def test_an_error_document_with_a_200_is_the_client_error_where_the_plan_does_not_cover() -> None:
    # The fast parse steps aside for the operation; the one error-document rule still applies.
    error = xml.error("RequestLimitExceeded", "Request limit exceeded.", "e1")
    client = stubs_client(lambda action, parameters: Reply(200, error))
    before = taken()
    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        list(TypedPaginator(client, IMPORT_TASKS).paginate())
    assert since(before) == ["not covered"]
