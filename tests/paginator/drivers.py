"""The sync and async paginators behind one small blocking interface, so that one suite runs both.

Each driver owns a real client (botocore's, or aiobotocore's on an event loop it keeps), answered
locally by whatever handler a test serves. A driver differs from the other only in how it steps
through a stream and gets a result: the async one runs each step to completion on its loop, one
item at a time, so a test can break, fail or resume between any two items in either. Besides
the typed paginator, each exposes its library's own paginator as the reference.
"""

from __future__ import annotations

import asyncio
import itertools
from abc import ABC, abstractmethod
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, Unpack, cast

from ec2_export_image_tasks import AsyncExportImageTaskPaginator, ExportImageTaskPaginator
from ec2_export_image_tasks.testing import answer_with
from ec2_export_image_tasks.testing.aio import answer_with_async

from ..stub_clients import stubs_async_client, stubs_client

if TYPE_CHECKING:
    from collections.abc import (
        AsyncIterable,
        AsyncIterator,
        Coroutine,
        Generator,
        Iterable,
        Iterator,
    )

    from aiobotocore.paginate import AioPageIterator
    from botocore.paginate import PageIterator
    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ec2.type_defs import PaginatorConfigTypeDef
    from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

    from ec2_export_image_tasks import (
        AsyncExportImageTaskIterator,
        DescribeExportImageTasksRequest,
        DescribeExportImageTasksResponse,
        ExportImageTaskIterator,
        OnInvalid,
    )
    from ec2_export_image_tasks.testing import Handler

    AnyIterator = ExportImageTaskIterator | AsyncExportImageTaskIterator
    AnyPaginator = ExportImageTaskPaginator | AsyncExportImageTaskPaginator
    AnyLibraryPages = PageIterator[Any] | AioPageIterator[Any]

T = TypeVar("T")


@dataclass
class Taken:
    """The ids a run handed out, in order, and the exception that ended it (None: it did not)."""

    ids: list[str | None]
    error: Exception | None = None

    def unwrap(self) -> list[str | None]:
        """The ids, if the run ended without an exception; else the exception, raised again."""
        if self.error is not None:
            raise self.error
        return self.ids


class Reference(NamedTuple):
    """What the library's own paginator handed out, and its resume token."""

    ids: list[str | None]
    resume_token: str | None


class Driver(ABC):
    """One way of paging: the typed paginator over one kind of client, and that client's own."""

    name: str

    @abstractmethod
    def serve(self, handler: Handler) -> None:
        """Have ``handler`` answer every request from now on."""

    @abstractmethod
    def _paginator(self, on_invalid: OnInvalid) -> AnyPaginator: ...

    @abstractmethod
    def _each(self, stream: Iterable[T] | AsyncIterable[T]) -> Iterator[T]:
        """``stream``'s items, one at a time: an async stream is stepped on the loop."""

    @abstractmethod
    def _result(self, outcome: T | Coroutine[Any, Any, T]) -> T:
        """What a call returned, or what the coroutine it returned comes to."""

    @abstractmethod
    def _library_pages(self, config: PaginatorConfigTypeDef) -> AnyLibraryPages: ...

    def paginate(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        *,
        on_invalid: str = "raise",
        **kwargs: Any,
    ) -> AnyIterator:
        """The typed paginator's ``paginate()``; ``on_invalid`` unchecked, to test the check."""
        return self._paginator(cast("OnInvalid", on_invalid)).paginate(request, **kwargs)

    def take(self, it: AnyIterator, limit: int | None = None) -> Taken:
        """Iterate ``it`` for tasks, breaking after ``limit`` of them, catching what it raises."""
        taken = Taken([])
        try:
            for task in itertools.islice(self._each(it), limit):
                taken.ids.append(task.export_image_task_id)
        except Exception as error:  # the test asserts on it
            taken.error = error
        return taken

    def take_pages(self, it: AnyIterator) -> Taken:
        """The ids of the pages ``it.pages()`` hands out, catching what it raises."""
        taken = Taken([])
        try:
            for page in self._each(it.pages()):
                taken.ids += [task.export_image_task_id for task in page.export_image_tasks]
        except Exception as error:  # the test asserts on it
            taken.error = error
        return taken

    def take_full_result(self, it: AnyIterator) -> Taken:
        """The ids in ``it.build_full_result()``, or none and what it raised."""
        try:
            result = self.full_result(it)
        except Exception as error:  # the test asserts on it
            return Taken([], error)
        return Taken([task.export_image_task_id for task in result.export_image_tasks])

    def pages(self, it: AnyIterator) -> list[DescribeExportImageTasksResponse]:
        """Every page ``it.pages()`` hands out."""
        return list(self._each(it.pages()))

    def full_result(self, it: AnyIterator) -> DescribeExportImageTasksResponse:
        """``it.build_full_result()``."""
        return self._result(it.build_full_result())

    def check_permissions(self) -> bool:
        """The typed paginator's ``check_permissions()``."""
        return self._result(self._paginator("raise").check_permissions())

    def reference(self, **config: Unpack[PaginatorConfigTypeDef]) -> Reference:
        """Every item the library's own paginator hands out for ``PaginationConfig=config``."""
        pages = self._library_pages(config)
        ids = [
            task.get("ExportImageTaskId")
            for page in self._each(pages)
            for task in page["ExportImageTasks"]
        ]
        resume_token: object = pages.resume_token  # typed a dict by the stubs
        return Reference(ids, resume_token if isinstance(resume_token, str) else None)


class SyncDriver(Driver):
    name = "sync"

    def __init__(self, client: EC2Client) -> None:
        self._client = client

    def serve(self, handler: Handler) -> None:
        answer_with(self._client, handler)

    def _paginator(self, on_invalid: OnInvalid) -> ExportImageTaskPaginator:
        return ExportImageTaskPaginator(self._client, on_invalid=on_invalid)

    def _each(self, stream: Iterable[T] | AsyncIterable[T]) -> Iterator[T]:
        return iter(cast("Iterable[T]", stream))

    def _result(self, outcome: T | Coroutine[Any, Any, T]) -> T:
        return cast("T", outcome)

    def _library_pages(self, config: PaginatorConfigTypeDef) -> AnyLibraryPages:
        paginator = self._client.get_paginator("describe_export_image_tasks")
        return paginator.paginate(PaginationConfig=config)


_END = object()


class AsyncDriver(Driver):
    name = "async"

    def __init__(self, runner: asyncio.Runner, client: AioEC2Client) -> None:
        self._runner = runner
        self._client = client

    def serve(self, handler: Handler) -> None:
        answer_with_async(self._client, handler)

    def _paginator(self, on_invalid: OnInvalid) -> AsyncExportImageTaskPaginator:
        return AsyncExportImageTaskPaginator(self._client, on_invalid=on_invalid)

    def _each(self, stream: Iterable[T] | AsyncIterable[T]) -> Iterator[T]:
        return self._steps(aiter(cast("AsyncIterable[T]", stream)))

    def _steps(self, stream: AsyncIterator[T]) -> Iterator[T]:
        async def step() -> object:
            return await anext(stream, _END)

        while (item := self._runner.run(step())) is not _END:
            yield cast("T", item)

    def _result(self, outcome: T | Coroutine[Any, Any, T]) -> T:
        return self._runner.run(cast("Coroutine[Any, Any, T]", outcome))

    def _library_pages(self, config: PaginatorConfigTypeDef) -> AnyLibraryPages:
        paginator = self._client.get_paginator("describe_export_image_tasks")
        return cast("AioPageIterator[Any]", paginator.paginate(PaginationConfig=config))


@contextmanager
def open_driver(name: str) -> Generator[Driver]:
    """The driver called ``name`` ("sync" or "async"), its client open until the block ends."""
    if name == "sync":
        yield SyncDriver(stubs_client())
        return
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        client = runner.run(stack.enter_async_context(stubs_async_client()))
        try:
            yield AsyncDriver(runner, client)
        finally:
            runner.run(stack.aclose())
