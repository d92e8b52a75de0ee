"""Answers as botocore parsed them, beside the typed ones: what aws-cli prints (``list``'s
pages here; ``export``'s answer through :func:`answers_parsed` too).

The typed paginator still reads every task (an invalid one ends the listing, named), but its
models are its own view: a status EC2 sends as ``ACTIVE`` is ``active`` there. aws-cli prints
botocore's parse, in EC2's case, without the elements botocore does not know, without the keys
EC2 left out. botocore's ``after-call`` event hands over each page's parsed dict before its
paginator yields it: the very dict that botocore's paginator then cuts to ``MaxItems`` (or past
a token's offset) and the typed paginator reads. So the typed iterator's n-th task of a page is
the n-th of that dict's list (``on_invalid="raise"``: none is skipped), and only the page being
handed out is held.

The package's fast parse builds botocore's dicts with their keys in the XML's order; botocore
builds them in its shape's order, which aws-cli's JSON keeps: they are put back in that order.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from botocore.model import ListShape, StructureShape

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterable, Iterator

    from botocore.model import Shape
    from mypy_boto3_ec2.client import EC2Client

_OPERATION = "DescribeExportImageTasks"
_TASKS = "ExportImageTasks"


def _in_shape_order(value: Any, shape: Shape) -> Any:
    """``value``, botocore's parse of ``shape``, with each structure's keys in the shape's
    order, as botocore's own parse has them. A structure's parse holds only its members, and
    at the top ``ResponseMetadata``, which aws-cli leaves out: so is it here."""
    if isinstance(shape, StructureShape):
        members = shape.members
        return {k: _in_shape_order(value[k], members[k]) for k in members if k in value}
    if isinstance(shape, ListShape):
        return [_in_shape_order(item, shape.member) for item in value]
    return value


class ParsedPages:
    """The page the typed listing is handing out, as botocore parsed it."""

    def __init__(self, output_shape: StructureShape) -> None:
        self._shape = output_shape
        self._task_shape = cast("ListShape", output_shape.members[_TASKS]).member
        self._page: dict[str, Any] = {}
        self._taken = 0
        self.listed = False
        """Whether a page so far held the task list: botocore's full result, which aws-cli
        prints, has the key only then."""

    def keep(self, parsed: dict[str, Any]) -> None:
        """The page now arriving, as botocore parsed it: it replaces the last."""
        self._page = parsed
        self._taken = 0
        self.listed = self.listed or parsed.get(_TASKS) is not None

    def tasks(self, typed: Iterable[object]) -> Iterator[dict[str, Any]]:
        """Each task as botocore parsed it, as ``typed`` (the typed tasks) validates it."""
        for _ in typed:
            task = self._page[_TASKS][self._taken]
            self._taken += 1
            yield _in_shape_order(task, self._task_shape)

    def pages(self, typed: Iterable[object]) -> Iterator[dict[str, Any]]:
        """Each page as botocore parsed it, without ``ResponseMetadata`` (as aws-cli prints
        it), as ``typed`` (the typed pages) validates it."""
        for _ in typed:
            yield _in_shape_order(self._page, self._shape)


@contextmanager
def answers_parsed(
    client: EC2Client, operation: str, keep: Callable[[dict[str, Any]], object]
) -> Generator[None]:
    """While within, ``keep`` gets botocore's parse of each answer ``client`` has to
    ``operation`` (its ``after-call`` event): the document aws-cli prints, as EC2 sent it."""

    def after_call(parsed: dict[str, Any], **_: object) -> None:
        keep(parsed)

    event = f"after-call.ec2.{operation}"
    client.meta.events.register(event, after_call)
    try:
        yield
    finally:
        client.meta.events.unregister(event, after_call)


@contextmanager
def parsed_pages(client: EC2Client) -> Generator[ParsedPages]:
    """The pages of ``client``'s listings while within, as botocore parsed them."""
    output_shape = client.meta.service_model.operation_model(_OPERATION).output_shape
    pages = ParsedPages(cast("StructureShape", output_shape))
    with answers_parsed(client, _OPERATION, pages.keep):
        yield pages
