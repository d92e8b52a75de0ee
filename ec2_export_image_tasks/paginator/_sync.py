"""The synchronous driver: botocore's own paginator sends the requests, the cursor does the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from .._clients import botocore_client
from .._either_form import OnInvalid, request_from
from ._cursor import PaginatorCore, RunProgress, start_paging, truncated_token
from ._fast_page import install, pulled
from ._spec import ItemT, PageT, PaginatorSpec, RequestT, check_keys

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocore.paginate import PageIterator

    from .._clients import BotocoreClientProtocol
    from ._cursor import PageCursor, RawPage
    from ._fast_page import Pull

T = TypeVar("T")


class TypedIterator(RunProgress[ItemT, PageT]):
    """What ``paginate()`` returns: iterate it for items, or call ``pages()`` for pages; once.

    Like botocore's ``PageIterator`` it sends nothing until iterated. ``paginate()`` makes it
    from botocore's ``PageIterator``, which only botocore-stubs types: without them a type
    checker reads the constructor's first parameter as ``Any`` (you never call it yourself).
    """

    def __init__(
        self, botocore_pages: PageIterator[Any], cursor: PageCursor[ItemT, PageT], pull: Pull
    ) -> None:
        super().__init__(cursor)
        self._botocore_pages = botocore_pages
        self._pull = pull

    def __iter__(self) -> Iterator[ItemT]:
        """Validated items, one at a time, streaming: one page in memory at once."""
        return self._drive(self._cursor.items)

    def pages(self) -> Iterator[PageT]:
        """Validated pages, each the page model with its items."""
        return self._drive(self._cursor.pages)

    def build_full_result(self) -> PageT:
        """Every item in one page model; ``next_token`` is the resume token, as in botocore.

        All or nothing: after a failure, ``resume_token`` is where the run began.
        """
        with self._cursor.all_or_nothing():
            items = list(self)
        return self._cursor.full_result(items)

    def _drive(self, hand_out: Callable[[RawPage, str | None], Iterator[T]]) -> Iterator[T]:
        self._cursor.start()  # here, not in the generator, so that reuse fails at once
        return self._run(hand_out)

    def _run(self, hand_out: Callable[[RawPage, str | None], Iterator[T]]) -> Iterator[T]:
        for raw_page in pulled(self._botocore_pages, self._pull):
            yield from hand_out(raw_page, truncated_token(self._botocore_pages))


class TypedPaginator(PaginatorCore[ItemT, PageT, RequestT]):
    """A paginator over any botocore operation described by a :class:`PaginatorSpec`."""

    def __init__(
        self,
        client: BotocoreClientProtocol,
        spec: PaginatorSpec[ItemT, PageT, RequestT],
        *,
        on_invalid: OnInvalid = "raise",
    ) -> None:
        super().__init__(spec, on_invalid)
        botocore = botocore_client(client)
        check_keys(spec, botocore)
        self._botocore_paginator = botocore.get_paginator(spec.operation_name)
        self._pull = install(botocore, spec.operation_name, spec.result_key)

    def paginate(
        self, request: RequestT | None = None, /, **kwargs: object
    ) -> TypedIterator[ItemT, PageT]:
        """Page through the operation, given a request model or boto3's keyword arguments.

        Either is validated by the spec's request model, and a malformed StartingToken
        refused, with a ValueError before anything is sent.

        The keywords are typed ``object``: their true type is the request model's boto3 form,
        which this generic engine cannot name (PEP 692 forbids ``Unpack`` of a type variable),
        so they are checked at run time only. For a type checker's help, pass the request
        model, which is checked against ``RequestT``; or subclass and narrow ``paginate`` to
        ``**kwargs: Unpack[YourRequestTypeDef]``, as ``ExportImageTaskPaginator`` does.
        """
        validated = request_from(self._spec.request_model, request, kwargs)
        cursor, boto_kwargs = start_paging(self._spec, validated, self._on_invalid)
        return TypedIterator(self._botocore_paginator.paginate(**boto_kwargs), cursor, self._pull)
