"""The asyncio driver: aiobotocore's paginator sends the requests, the same cursor does the rest.

Only the loop differs from :mod:`.sync`: ``async for`` over aiobotocore's pages. Tokens,
validation, cycle detection and single use are the cursor's, shared with the sync driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from .._clients import aiobotocore_client
from .._either_form import OnInvalid, request_from
from ._cursor import PaginatorCore, RunProgress, start_paging, truncated_token
from ._fast_page import install, pulled_async
from ._spec import ItemT, PageT, PaginatorSpec, RequestT, check_keys

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator

    from aiobotocore.paginate import AioPageIterator

    from .._clients import AsyncBotocoreClientProtocol
    from ._cursor import PageCursor, RawPage
    from ._fast_page import Pull

T = TypeVar("T")


class AsyncTypedIterator(RunProgress[ItemT, PageT]):
    """What the async ``paginate()`` returns: ``async for`` items, or ``pages()``; once.

    ``paginate()`` makes it from aiobotocore's ``AioPageIterator``, which only types-aiobotocore
    types: without it a type checker reads the constructor's first parameter as ``Any`` (you
    never call it yourself).
    """

    def __init__(
        self,
        aiobotocore_pages: AioPageIterator[Any],
        cursor: PageCursor[ItemT, PageT],
        pull: Pull,
    ) -> None:
        super().__init__(cursor)
        self._aiobotocore_pages = aiobotocore_pages
        self._pull = pull

    def __aiter__(self) -> AsyncIterator[ItemT]:
        """Validated items, one at a time, streaming."""
        return self._drive(self._cursor.items)

    def pages(self) -> AsyncIterator[PageT]:
        """Validated pages, each the page model with its items."""
        return self._drive(self._cursor.pages)

    async def build_full_result(self) -> PageT:
        """Every item in one page model; ``next_token`` is the resume token, as in botocore.

        All or nothing: after a failure, ``resume_token`` is where the run began.
        """
        with self._cursor.all_or_nothing():
            items = [item async for item in self]
        return self._cursor.full_result(items)

    def _drive(self, hand_out: Callable[[RawPage, str | None], Iterator[T]]) -> AsyncIterator[T]:
        self._cursor.start()
        return self._run(hand_out)

    async def _run(
        self, hand_out: Callable[[RawPage, str | None], Iterator[T]]
    ) -> AsyncIterator[T]:
        async for raw_page in pulled_async(self._aiobotocore_pages, self._pull):
            for handed_out in hand_out(raw_page, truncated_token(self._aiobotocore_pages)):
                yield handed_out


class AsyncTypedPaginator(PaginatorCore[ItemT, PageT, RequestT]):
    """The async twin of :class:`~._sync.TypedPaginator`, over an aiobotocore client."""

    def __init__(
        self,
        client: AsyncBotocoreClientProtocol,
        spec: PaginatorSpec[ItemT, PageT, RequestT],
        *,
        on_invalid: OnInvalid = "raise",
    ) -> None:
        super().__init__(spec, on_invalid)
        aiobotocore = aiobotocore_client(client)
        check_keys(spec, aiobotocore)
        self._aiobotocore_paginator = aiobotocore.get_paginator(spec.operation_name)
        self._pull = install(aiobotocore, spec.operation_name, spec.result_key)

    def paginate(
        self, request: RequestT | None = None, /, **kwargs: object
    ) -> AsyncTypedIterator[ItemT, PageT]:
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
        # aiobotocore's stubs keep botocore's return type for paginate(); it is the Aio one.
        pages = cast("AioPageIterator[Any]", self._aiobotocore_paginator.paginate(**boto_kwargs))
        return AsyncTypedIterator(pages, cursor, self._pull)
