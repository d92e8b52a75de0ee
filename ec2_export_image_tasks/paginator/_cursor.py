"""The paginator's I/O-free core: token bookkeeping, item validation and cycle detection.

Drivers (botocore's sync paginator, aiobotocore's async one) hand it each raw page as botocore
yields it and pass on what it yields; they hold no state of their own. What both drivers share
besides the cursor is here too: a run's read side (:class:`RunProgress`) and a paginator's
spec and ``on_invalid`` (:class:`PaginatorCore`); each driver adds only its loop and client.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, cast

from pydantic import ValidationError

from .._either_form import OnInvalid, check_on_invalid
from ..errors import (
    EmptyPagesError,
    InvalidItemError,
    IteratorConsumedError,
    PaginationCycleError,
)
from . import _token as token
from ._spec import BotoRequest, ItemT, PageT, PaginatorSpec, RequestT

if TYPE_CHECKING:
    from botocore.paginate import PageIterator

RawPage = Mapping[str, Any]

MAX_EMPTY_PAGES = 100
"""Pages in a row without an item, each with a new NextToken, before a run stops.

EC2 may answer a filtered listing with empty pages that still carry a NextToken, so a few are
normal; a server that never stops sending them would otherwise be paged forever, at hundreds
of requests a second, with nothing to show. Resuming from the resume token goes on.
"""


@dataclass(slots=True)
class _Page:
    """The page being handed out: which service token fetched it and how far along it is."""

    start: token.Position
    size: int
    handed_out: int
    next_token: str | None
    # botocore's resume token when MaxItems cut this page short: it then ends the paging.
    truncated_token: str | None


class PageCursor(Generic[ItemT, PageT]):
    """Follows one paging run from its StartingToken to its end; used once."""

    def __init__(
        self,
        spec: PaginatorSpec[ItemT, PageT, Any],
        *,
        starting_token: str | None,
        start: token.Position,
        on_invalid: OnInvalid,
    ) -> None:
        self._spec = spec
        # The validator itself: model_validate's Python wrapper would cost ~15% of it.
        self._validate_item = cast(
            "Callable[[object], ItemT]", spec.item_model.__pydantic_validator__.validate_python
        )
        self._on_invalid = on_invalid
        self._starting_token = starting_token
        self._start = start
        self._page: _Page | None = None
        self._seen_tokens = {self._start.service_token} - {None}
        self._cycle_token: str | None = None
        self._empty_pages = 0
        self._started = False
        self.errors: list[InvalidItemError] = []
        """Items skipped with ``on_invalid="skip"``, each with its id, raw dict and reason."""

    def start(self) -> None:
        """Mark the run as begun; a second start is a caller's mistake, not a silent restart."""
        if self._started:
            raise IteratorConsumedError
        self._started = True

    @property
    def resume_token(self) -> str | None:
        """A StartingToken that yields exactly the items not handed out yet; None when done."""
        page = self._page
        if page is None:
            return self._starting_token
        if page.handed_out < page.size:
            position = token.Position(
                page.start.service_token, page.start.items_done + page.handed_out
            )
            return token.encode(position, self._spec.token_key)
        if page.truncated_token is not None:
            return page.truncated_token
        if page.next_token is not None:
            return token.encode(token.Position(page.next_token), self._spec.token_key)
        return None

    @property
    def done(self) -> bool:
        """True once the service said there is nothing more, and every item was handed out.

        Also after MaxItems stopped exactly at the end. Never before the first page arrived:
        a run that failed on its first request is not done, even without a resume token.
        """
        return self._page is not None and self.resume_token is None

    def items(self, raw_page: RawPage, truncated_token: str | None) -> Iterator[ItemT]:
        """Validate and hand out a page's items one at a time, counting each as it goes out.

        Streaming keeps one validated item alive at a time: it dies young, so the cyclic GC
        never has a page of models to promote and rescan. This is the hot path.
        """
        raw_items = self._open(raw_page, truncated_token)
        page = cast("_Page", self._page)
        validate_item = self._validate_item
        for raw_item in raw_items:
            try:
                item: ItemT | None = validate_item(raw_item)
            except ValidationError as error:
                self._reject(raw_item, error)
                item = None
            # Counted before it is handed out: a break after it keeps it counted.
            page.handed_out += 1
            if item is not None:
                yield item
        self._check_progress()

    def pages(self, raw_page: RawPage, truncated_token: str | None) -> Iterator[PageT]:
        """Validate a whole page and hand it out as the page model."""
        raw_items = self._open(raw_page, truncated_token)
        items = [item for item in map(self._validate, raw_items) if item is not None]
        page = self._spec.page_model.model_validate({**raw_page, self._spec.result_key: items})
        cast("_Page", self._page).handed_out = len(raw_items)
        yield page
        self._check_progress()

    @contextmanager
    def all_or_nothing(self) -> Generator[None]:
        """Around ``build_full_result``: a run that fails hands out nothing, so it rewinds.

        The items gathered so far die with the call, so after any failure ``resume_token``,
        ``done`` and ``errors`` are where the run began: resuming lists each of them again (and
        skips each invalid one again), none lost, none recorded twice.
        """
        try:
            yield
        except BaseException as error:
            self._page = None
            self.errors.clear()
            if isinstance(error, EmptyPagesError):  # its token went past the items dropped
                error.resume_token = self.resume_token
            raise

    def full_result(self, items: Sequence[ItemT]) -> PageT:
        """All items as one page, with NextToken set to the resume token, as botocore does."""
        result: dict[str, object] = {self._spec.result_key: items}
        resume_token = self.resume_token
        if resume_token is not None:
            result[self._spec.token_key] = resume_token
        return self._spec.page_model.model_validate(result)

    def _open(self, raw_page: RawPage, truncated_token: str | None) -> Sequence[Mapping[str, Any]]:
        previous = self._page
        start = self._start if previous is None else token.Position(previous.next_token)
        raw_items: Sequence[Mapping[str, Any]] = raw_page.get(self._spec.result_key) or ()
        # An empty token ends the listing, as in botocore: never handed out, sent or counted.
        next_token: str | None = raw_page.get(self._spec.token_key) or None
        if next_token is not None and truncated_token is None:
            if next_token in self._seen_tokens:
                self._cycle_token = next_token
            self._seen_tokens.add(next_token)
        self._empty_pages = self._empty_pages + 1 if not raw_items and next_token else 0
        self._page = _Page(start, len(raw_items), 0, next_token, truncated_token)
        return raw_items

    def _validate(self, raw_item: Mapping[str, Any]) -> ItemT | None:
        try:
            return self._validate_item(raw_item)
        except ValidationError as error:
            self._reject(raw_item, error)
            return None

    def _reject(self, raw_item: Mapping[str, Any], error: ValidationError) -> None:
        """Raise for ``on_invalid="raise"``; record the item for ``"skip"``."""
        invalid = InvalidItemError.of_item(raw_item, error, self._spec.item_id_key)
        if self._on_invalid == "raise":
            raise invalid from error
        self.errors.append(invalid)

    def _check_progress(self) -> None:
        # Raised once the page is handed out, before the request that would go on in vain.
        if self._cycle_token is not None:
            raise PaginationCycleError(self._cycle_token)
        if self._empty_pages >= MAX_EMPTY_PAGES:
            raise EmptyPagesError(self._empty_pages, self.resume_token)


def start_paging(
    spec: PaginatorSpec[ItemT, PageT, Any], request: BotoRequest, on_invalid: OnInvalid
) -> tuple[PageCursor[ItemT, PageT], dict[str, Any]]:
    """The cursor for ``request``, and the keyword arguments for botocore's ``paginate``.

    The StartingToken is read once, here, before any request, and botocore is handed it in its
    own JSON form, which it reads without guessing.
    """
    kwargs: dict[str, Any] = dict(request.to_boto())  # botocore's paginate takes any keyword
    config = cast("dict[str, Any]", dict(kwargs.get("PaginationConfig") or {}))
    starting_token: str | None = config.get("StartingToken")
    start = token.Position(None)
    if starting_token is not None:
        start = token.decode(starting_token, spec.token_key)
        config["StartingToken"] = token.encode(start, spec.token_key)
        kwargs["PaginationConfig"] = config
    cursor = PageCursor(spec, starting_token=starting_token, start=start, on_invalid=on_invalid)
    return cursor, kwargs


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
    """A paginator's spec and ``on_invalid``, checked once: what each of its runs starts from."""

    def __init__(self, spec: PaginatorSpec[ItemT, PageT, RequestT], on_invalid: OnInvalid) -> None:
        self._spec = spec
        self._on_invalid: OnInvalid = check_on_invalid(on_invalid)

    @property
    def spec(self) -> PaginatorSpec[ItemT, PageT, RequestT]:
        """The operation this paginator pages."""
        return self._spec
