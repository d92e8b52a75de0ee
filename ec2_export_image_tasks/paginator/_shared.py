"""What the sync and async drivers share besides the cursor: a run's read side and its setup.

Each driver adds only its loop (``for`` over botocore's pages, or ``async for`` over
aiobotocore's) and the client it takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic

from .._either_form import request_from
from ._cursor import PageCursor, start_paging
from ._spec import ItemT, OnInvalid, PageT, PaginatorSpec, RequestT, check_on_invalid

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from botocore.paginate import PageIterator

    from ..errors import InvalidItemError


def truncated_token(pages: PageIterator[Any]) -> str | None:
    """botocore's resume token, set before it yields the page that MaxItems cut short.

    Typed a dict by botocore-stubs; an encoded string at run time.
    """
    resume_token: object = pages.resume_token
    return resume_token if isinstance(resume_token, str) else None


class RunProgress(Generic[ItemT, PageT]):
    """Where a paging run stands, whichever driver moves it: the iterators' shared read side."""

    def __init__(self, cursor: PageCursor[ItemT, PageT]) -> None:
        self._cursor = cursor

    @property
    def resume_token(self) -> str | None:
        """A StartingToken for the items not yet handed out; None once paging has ended.

        Right after any item, even after a ``break`` or an exception; where botocore sets
        one (MaxItems), byte-identical to botocore's. None also before the first page of a run
        without a StartingToken: check :attr:`done` to tell "finished" from "not begun".
        """
        return self._cursor.resume_token

    @property
    def done(self) -> bool:
        """True once the service said there is nothing more and every item was handed out.

        False after a failure, even one on the first request: resume from ``resume_token``.
        """
        return self._cursor.done

    @property
    def errors(self) -> Sequence[InvalidItemError]:
        """The items skipped under ``on_invalid="skip"``: nothing is dropped silently."""
        return self._cursor.errors


class PaginatorCore(Generic[ItemT, PageT, RequestT]):
    """A paginator's spec and ``on_invalid``, and what each run starts from."""

    def __init__(self, spec: PaginatorSpec[ItemT, PageT, RequestT], on_invalid: OnInvalid) -> None:
        self._spec = spec
        self._on_invalid: OnInvalid = check_on_invalid(on_invalid)

    @property
    def spec(self) -> PaginatorSpec[ItemT, PageT, RequestT]:
        """The operation this paginator pages."""
        return self._spec

    def _request(self, request: RequestT | None, kwargs: Mapping[str, Any]) -> RequestT:
        """The request from either calling form; keyword arguments are validated, unsent."""
        return request_from(self._spec.request_model, request, kwargs)

    def _start(self, request: RequestT) -> tuple[PageCursor[ItemT, PageT], dict[str, Any]]:
        return start_paging(self._spec, request, self._on_invalid)
