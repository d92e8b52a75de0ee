"""The synchronous driver: botocore's own paginator sends the requests, the cursor does the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .cursor import PageCursor, RawPage, start_paging
from .spec import ItemT, OnInvalid, PageT, PaginatorSpec, RequestT

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from botocore.client import BaseClient
    from botocore.paginate import PageIterator

    from ..errors import InvalidItemError

T = TypeVar("T")


class TypedPageIterator(Generic[ItemT, PageT]):
    """What ``paginate()`` returns: iterate it for items, or call ``pages()`` for pages; once.

    Like botocore's ``PageIterator`` it sends nothing until iterated, and ``resume_token`` says
    where to pick up; unlike it, that token is right after any item, even after a ``break`` or
    an exception.
    """

    def __init__(self, botocore_pages: PageIterator[Any], cursor: PageCursor[ItemT, PageT]) -> None:
        self._botocore_pages = botocore_pages
        self._cursor = cursor

    def __iter__(self) -> Iterator[ItemT]:
        """Validated items, one at a time, streaming: one page in memory at once."""
        return self._drive(self._cursor.items)

    def pages(self) -> Iterator[PageT]:
        """Validated pages, each the page model with its items."""
        return self._drive(self._cursor.pages)

    def build_full_result(self) -> PageT:
        """Every item in one page model; ``next_token`` is the resume token, as in botocore."""
        return self._cursor.full_result(list(self))

    @property
    def resume_token(self) -> str | None:
        """A StartingToken for the items not yet handed out; None once paging has ended."""
        return self._cursor.resume_token

    @property
    def errors(self) -> Sequence[InvalidItemError]:
        """The items skipped under ``on_invalid="skip"``: nothing is dropped silently."""
        return self._cursor.errors

    def _drive(self, hand_out: Callable[[RawPage, str | None], Iterator[T]]) -> Iterator[T]:
        self._cursor.start()  # here, not in the generator, so that reuse fails at once
        return self._run(hand_out)

    def _run(self, hand_out: Callable[[RawPage, str | None], Iterator[T]]) -> Iterator[T]:
        for raw_page in self._botocore_pages:
            yield from hand_out(raw_page, self._truncated_token())

    def _truncated_token(self) -> str | None:
        # botocore sets resume_token before yielding the page that MaxItems cut short.
        resume_token: object = self._botocore_pages.resume_token
        return resume_token if isinstance(resume_token, str) else None


class TypedPaginator(Generic[ItemT, PageT, RequestT]):
    """A paginator over any botocore operation described by a :class:`PaginatorSpec`."""

    def __init__(
        self,
        client: BaseClient,
        spec: PaginatorSpec[ItemT, PageT, RequestT],
        *,
        on_invalid: OnInvalid = "raise",
    ) -> None:
        self._spec = spec
        self._on_invalid: OnInvalid = on_invalid
        self._botocore_paginator = client.get_paginator(spec.operation_name)

    @property
    def spec(self) -> PaginatorSpec[ItemT, PageT, RequestT]:
        """The operation this paginator pages."""
        return self._spec

    def paginate(self, request: RequestT, /) -> TypedPageIterator[ItemT, PageT]:
        """Page through the operation; raises ValueError on a malformed StartingToken, unsent."""
        cursor, kwargs = start_paging(self._spec, request, self._on_invalid)
        return TypedPageIterator(self._botocore_paginator.paginate(**kwargs), cursor)
