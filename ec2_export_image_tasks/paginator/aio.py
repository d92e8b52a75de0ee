"""The asyncio driver: aiobotocore's paginator sends the requests, the same cursor does the rest.

Only the loop differs from :mod:`.sync`: ``async for`` over aiobotocore's pages. Tokens,
validation, cycle detection and single use are the cursor's, shared with the sync driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from .cursor import PageCursor, RawPage, start_paging
from .spec import ItemT, OnInvalid, PageT, PaginatorSpec, RequestT

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator, Sequence

    from aiobotocore.client import AioBaseClient
    from aiobotocore.paginate import AioPageIterator

    from ..errors import InvalidItemError

T = TypeVar("T")


class AsyncTypedPageIterator(Generic[ItemT, PageT]):
    """What the async ``paginate()`` returns: ``async for`` items, or ``pages()``; once."""

    def __init__(
        self, aiobotocore_pages: AioPageIterator[Any], cursor: PageCursor[ItemT, PageT]
    ) -> None:
        self._aiobotocore_pages = aiobotocore_pages
        self._cursor = cursor

    def __aiter__(self) -> AsyncIterator[ItemT]:
        """Validated items, one at a time, streaming."""
        return self._drive(self._cursor.items)

    def pages(self) -> AsyncIterator[PageT]:
        """Validated pages, each the page model with its items."""
        return self._drive(self._cursor.pages)

    async def build_full_result(self) -> PageT:
        """Every item in one page model; ``next_token`` is the resume token, as in botocore."""
        return self._cursor.full_result([item async for item in self])

    @property
    def resume_token(self) -> str | None:
        """A StartingToken for the items not yet handed out; None once paging has ended."""
        return self._cursor.resume_token

    @property
    def errors(self) -> Sequence[InvalidItemError]:
        """The items skipped under ``on_invalid="skip"``."""
        return self._cursor.errors

    def _drive(self, hand_out: Callable[[RawPage, str | None], Iterator[T]]) -> AsyncIterator[T]:
        self._cursor.start()
        return self._run(hand_out)

    async def _run(
        self, hand_out: Callable[[RawPage, str | None], Iterator[T]]
    ) -> AsyncIterator[T]:
        async for raw_page in self._aiobotocore_pages:
            for handed_out in hand_out(raw_page, self._truncated_token()):
                yield handed_out

    def _truncated_token(self) -> str | None:
        resume_token: object = self._aiobotocore_pages.resume_token
        return resume_token if isinstance(resume_token, str) else None


class AsyncTypedPaginator(Generic[ItemT, PageT, RequestT]):
    """The async twin of :class:`~.sync.TypedPaginator`, over an aiobotocore client."""

    def __init__(
        self,
        client: AioBaseClient,
        spec: PaginatorSpec[ItemT, PageT, RequestT],
        *,
        on_invalid: OnInvalid = "raise",
    ) -> None:
        self._spec = spec
        self._on_invalid: OnInvalid = on_invalid
        self._aiobotocore_paginator = client.get_paginator(spec.operation_name)

    @property
    def spec(self) -> PaginatorSpec[ItemT, PageT, RequestT]:
        """The operation this paginator pages."""
        return self._spec

    def paginate(self, request: RequestT, /) -> AsyncTypedPageIterator[ItemT, PageT]:
        """Page through the operation; raises ValueError on a malformed StartingToken, unsent."""
        cursor, kwargs = start_paging(self._spec, request, self._on_invalid)
        # aiobotocore's stubs keep botocore's return type for paginate(); it is the Aio one.
        pages = cast("AioPageIterator[Any]", self._aiobotocore_paginator.paginate(**kwargs))
        return AsyncTypedPageIterator(pages, cursor)
