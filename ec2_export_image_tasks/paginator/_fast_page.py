"""The typed paginator's own pages, parsed faster than botocore would, into the same dicts.

Per item, plain boto3 spends about three quarters of its time in botocore's pure-Python walk of
the output shape (``botocore.parsers``). For the pages a typed iterator pulls, and only those,
a ``before-parse`` handler parses the body itself: the result list is walked with a plan
compiled once from botocore's own output shape, into dicts equal to those botocore would build
(their keys in the XML's order, not the shape's); botocore is handed the body without the
list, so ``NextToken``, ``ResponseMetadata`` and every other member are still its own;
the list goes back through ``customized_response_dict``.

Anything this does not expect steps aside, and botocore parses the whole body as always: a
non-2xx status, a protocol or shape the plan does not cover, unparseable XML, an unexpected
root element, a known member repeated or in a namespace other than the root's. Errors, retries,
``ClientError`` and after-call hooks are never touched, except that EC2's error document sent
with a 200 is made the error status it stands for (botocore does the same for S3).
:data:`counts` says how often each happened.

Scope: a context variable is set only while a typed iterator pulls its next page, so a plain
boto3 call on the same client, from another thread or another asyncio task, is botocore's alone.
"""

from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar
from weakref import WeakKeyDictionary
from xml.etree.ElementTree import Element, tostring

from botocore.model import ListShape, StructureShape

from .._error_document import botocore_tag, install_status_update, parsed, read_as_error

if TYPE_CHECKING:
    from collections.abc import (
        AsyncIterable,
        AsyncIterator,
        Callable,
        Generator,
        Iterable,
        Iterator,
    )

    from botocore.client import BaseClient
    from botocore.model import OperationModel, Shape

T = TypeVar("T")

# Plain classes here, not dataclasses: each dataclass costs about a millisecond at import.


class FastPageCounts:
    """Pages the fast path parsed, and pages it left to botocore, by reason (process-wide)."""

    def __init__(self) -> None:
        self.fast: int = 0
        self.stepped_aside: Counter[str] = Counter()


counts: FastPageCounts = FastPageCounts()
"""Read by the tests and the benchmark: ``counts.fast``, ``counts.stepped_aside["status"]``."""


class _StepAside(Exception):  # noqa: N818  # control flow, never seen outside this module
    """This page is botocore's to parse; ``args[0]`` is the reason counted."""


# --- the plan: botocore's output shape, compiled once, namespace-free ---------------------------


class _Structure:
    __slots__ = ("members",)

    def __init__(self, members: dict[str, tuple[str, _Value]]) -> None:
        self.members = members
        """XML element name -> (the dict key, how its value is read)."""


class _List:
    __slots__ = ("item",)

    def __init__(self, item: _Value) -> None:
        self.item = item


_Value = _Structure | _List | None
"""How an element's value is read; None: a string, the element's text before any child, or
``""`` if none (botocore's rule)."""


class _NotCovered(Exception):  # noqa: N818  # compile-time only: the plan is None
    pass


def _value_plan(shape: Shape, enclosing: frozenset[str]) -> _Value:
    if shape.type_name in ("string", "character"):
        return None
    if shape.name in enclosing:  # a recursive shape: not worth a plan
        raise _NotCovered(shape.name)
    inner = enclosing | {shape.name}
    if isinstance(shape, ListShape) and not shape.serialization.get("flattened"):
        return _List(_value_plan(shape.member, inner))
    if isinstance(shape, StructureShape) and not (
        shape.metadata.get("exception") or shape.is_tagged_union
    ):
        members: dict[str, tuple[str, _Value]] = {}
        for name, member in shape.members.items():
            serialization = member.serialization
            if {"location", "xmlAttribute", "eventheader"} & serialization.keys():
                raise _NotCovered(name)
            element = serialization.get("name", name)
            if element in members:
                raise _NotCovered(element)
            members[element] = (name, _value_plan(member, inner))
        return _Structure(members)
    raise _NotCovered(shape.type_name)


class _PagePlan:
    __slots__ = ("item", "list_element", "parsers", "root")

    def __init__(self, root: str, list_element: str, item: _Value) -> None:
        self.root = root
        """The root element's name: ``{Operation}Response``, as EC2 answers."""
        self.list_element = list_element
        self.item = item
        self.parsers: dict[str, Callable[[Element], list[Any]]] = {}
        """The list's parser per namespace prefix, built on first use (one, in practice)."""


def _page_plan(operation_model: OperationModel, result_key: str) -> _PagePlan | None:
    """The plan for ``result_key`` of the operation's output, or None if it is not covered."""
    output = operation_model.output_shape
    if operation_model.service_model.resolved_protocol != "ec2" or output is None:
        return None
    result = output.members.get(result_key)
    if not isinstance(result, ListShape) or result.serialization.get("flattened"):
        return None
    try:
        item = _value_plan(result.member, frozenset({output.name}))
    except _NotCovered:
        return None
    list_element = result.serialization.get("name", result_key)
    return _PagePlan(f"{operation_model.name}Response", list_element, item)


_PLANS: WeakKeyDictionary[OperationModel, dict[str, _PagePlan | None]] = WeakKeyDictionary()


def _plan_for(operation_model: OperationModel, result_key: str) -> _PagePlan | None:
    by_key = _PLANS.setdefault(operation_model, {})
    if result_key not in by_key:
        by_key[result_key] = _page_plan(operation_model, result_key)
    return by_key[result_key]


# --- the plan bound to a namespace: the hot loop ------------------------------------------------


def _bind(value: _Structure | _List, prefix: str) -> Callable[[Element], Any]:
    """A parser for ``value`` whose elements are in the namespace written as ``prefix``."""
    if isinstance(value, _Structure):
        return _bind_structure(value, prefix)
    return _bind_list(value, prefix)


def _bind_list(plan: _List, prefix: str) -> Callable[[Element], list[Any]]:
    # Every child is an item, whatever its name: botocore iterates the list element.
    if plan.item is None:

        def parse_text_list(node: Element) -> list[Any]:
            return [child.text or "" for child in node]

        return parse_text_list
    item = _bind(plan.item, prefix)

    def parse_list(node: Element) -> list[Any]:
        return [item(child) for child in node]

    return parse_list


def _bind_structure(plan: _Structure, prefix: str) -> Callable[[Element], dict[str, Any]]:
    members = plan.members.items()
    texts = {prefix + element: key for element, (key, value) in members if value is None}
    nested = {
        prefix + element: (key, _bind(value, prefix))
        for element, (key, value) in members
        if value is not None
    }
    known = plan.members.keys()

    def parse_structure(node: Element) -> dict[str, Any]:
        parsed: dict[str, Any] = {}
        for child in node:
            tag = child.tag
            key = texts.get(tag)
            if key is not None:
                parsed[key] = child.text or ""
                continue
            member = nested.get(tag)
            if member is not None:
                parsed[member[0]] = member[1](child)
            elif botocore_tag(tag) in known:
                raise _StepAside("namespace")  # botocore ignores namespaces: its value, not ours
        if len(parsed) != len(node):  # unknown elements, or a member repeated
            listed = sum(1 for child in node if child.tag in texts or child.tag in nested)
            if listed != len(parsed):
                raise _StepAside("repeated member")  # botocore would hand out a list of nodes
        return parsed

    return parse_structure


def _list_parser(plan: _PagePlan, prefix: str) -> Callable[[Element], list[Any]]:
    parser = plan.parsers.get(prefix)
    if parser is None:
        parser = _bind_list(_List(plan.item), prefix)
        if len(plan.parsers) < 8:  # a few namespaces at most; never grow without bound
            plan.parsers[prefix] = parser
    return parser


# --- one page -----------------------------------------------------------------------------------


def _split_page(plan: _PagePlan, root: Element) -> tuple[list[Any], bytes]:
    """The result list as botocore would parse it, and the body without it."""
    prefix = root.tag.rpartition("}")[0] + "}" if root.tag.startswith("{") else ""
    if root.tag != prefix + plan.root:
        raise _StepAside("root")
    # botocore finds members by their names with the namespace stripped as it strips them (not
    # at all when the namespace holds a newline): the list is found, or not, as botocore would.
    found = [child for child in root if botocore_tag(child.tag) == plan.list_element]
    if not found:
        raise _StepAside("no result list")
    if len(found) > 1:
        raise _StepAside("repeated member")
    (list_node,) = found
    if list_node.tag != prefix + plan.list_element:
        raise _StepAside("namespace")
    items = _list_parser(plan, prefix)(list_node)
    root.remove(list_node)
    try:
        rest = tostring(root)
    except RecursionError as error:  # unknown elements nested thousands deep
        raise _StepAside("unserializable") from error
    # A CR in a text came from a reference (a raw one is read as LF): it goes back as one.
    return items, rest.replace(b"\r", b"&#13;")


def _take_page(
    pull: Pull, operation_model: OperationModel, response_dict: dict[str, Any]
) -> list[Any]:
    if not 200 <= response_dict["status_code"] < 300:
        raise _StepAside("status")
    body = response_dict["body"]
    plan = _plan_for(operation_model, pull.result_key)
    if plan is None or not isinstance(body, bytes):
        # botocore parses the page: the one rule applies all the same, to the same parse.
        read_as_error(operation_model, response_dict)
        raise _StepAside("not covered")
    root = parsed(body)
    if root is None:
        raise _StepAside("unparseable")
    if read_as_error(operation_model, response_dict, root):
        # botocore would read it as an empty last page: the listing would end, silently.
        raise _StepAside("error document")
    items, rest = _split_page(plan, root)
    response_dict["body"] = rest
    return items


def _before_parse(
    operation_model: OperationModel,
    response_dict: dict[str, Any],
    customized_response_dict: dict[str, Any],
    **_: object,
) -> None:
    """botocore's ``before-parse`` event: take the result list if a typed iterator asked."""
    pull = _PULLING.get()
    if pull is None or pull.operation != operation_model.name:
        return  # a plain boto3 call: botocore's alone
    try:
        items = _take_page(pull, operation_model, response_dict)
    except _StepAside as aside:
        counts.stepped_aside[aside.args[0]] += 1
        return
    customized_response_dict[pull.result_key] = items
    counts.fast += 1


# --- the scope: only while a typed iterator pulls a page ----------------------------------------


class Pull:
    """What a typed iterator's pull asks of the handler: which operation, which result list."""

    __slots__ = ("operation", "result_key")

    def __init__(self, operation: str, result_key: str) -> None:
        self.operation: str = operation
        """botocore's operation name (``DescribeExportImageTasks``), as ``before-parse`` has it."""
        self.result_key: str = result_key


_PULLING: ContextVar[Pull | None] = ContextVar("ec2_export_image_tasks_pulling", default=None)


def install(client: BaseClient, operation_name: str, result_key: str) -> Pull:
    """Put the ``before-parse`` handler on ``client`` (once), and say what a pull takes.

    ``client`` is botocore's or aiobotocore's: aiobotocore awaits a handler's result only if it
    is awaitable, so one plain function serves both.
    """
    meta = client.meta
    operation = meta.method_to_api_mapping[operation_name]
    event = f"before-parse.{meta.service_model.service_id.hyphenize()}.{operation}"
    meta.events.register(event, _before_parse, unique_id=f"{__name__}:{event}")
    install_status_update(
        client, f"needs-retry.{meta.service_model.service_id.hyphenize()}.{operation}"
    )
    return Pull(operation, result_key)


@contextmanager
def _pulling(pull: Pull) -> Generator[None]:
    # Reset before the page is handed on: the caller's code never runs inside the scope.
    reset = _PULLING.set(pull)
    try:
        yield
    finally:
        _PULLING.reset(reset)


_END: Any = object()


def pulled(pages: Iterable[T], pull: Pull) -> Iterator[T]:
    """botocore's pages, each fetched inside the scope, handed on outside it."""
    iterator = iter(pages)
    while True:
        with _pulling(pull):
            page = next(iterator, _END)
        if page is _END:
            return
        yield page


async def pulled_async(pages: AsyncIterable[T], pull: Pull) -> AsyncIterator[T]:
    """aiobotocore's pages, each fetched inside the scope, handed on outside it."""
    iterator = aiter(pages)
    while True:
        with _pulling(pull):
            page = await anext(iterator, _END)
        if page is _END:
            return
        yield page
