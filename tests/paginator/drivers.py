"""The sync and async paginators behind one small blocking interface, so that one suite runs both.

Each driver owns a real client (botocore's, or aiobotocore's on an event loop it keeps), answered
locally by whatever handler a test serves; the async one runs each step to completion on its
loop. Besides the typed paginator, each exposes its library's own paginator as the reference.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, Unpack, cast

from ec2_export_image_tasks import AsyncExportImageTaskPaginator, ExportImageTaskPaginator
from ec2_export_image_tasks.testing import answer_with, make_client
from ec2_export_image_tasks.testing.aio import answer_with_async, make_async_client

if TYPE_CHECKING:
    from collections.abc import Coroutine, Generator

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
    def paginate(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        *,
        on_invalid: str = "raise",
        **kwargs: Any,
    ) -> AnyIterator:
        """The typed paginator's ``paginate()``; ``on_invalid`` unchecked, to test the check."""

    @abstractmethod
    def take(self, it: AnyIterator, limit: int | None = None) -> Taken:
        """Iterate ``it`` for tasks, breaking after ``limit`` of them, catching what it raises."""

    @abstractmethod
    def pages(self, it: AnyIterator) -> list[DescribeExportImageTasksResponse]:
        """Every page ``it.pages()`` hands out."""

    @abstractmethod
    def full_result(self, it: AnyIterator) -> DescribeExportImageTasksResponse:
        """``it.build_full_result()``."""

    @abstractmethod
    def check_permissions(self) -> bool:
        """The typed paginator's ``check_permissions()``."""

    @abstractmethod
    def reference(self, **config: Unpack[PaginatorConfigTypeDef]) -> Reference:
        """Every item the library's own paginator hands out for ``PaginationConfig=config``."""


class SyncDriver(Driver):
    name = "sync"

    def __init__(self, client: EC2Client) -> None:
        self._client = client

    def serve(self, handler: Handler) -> None:
        answer_with(self._client, handler)

    def paginate(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        *,
        on_invalid: str = "raise",
        **kwargs: Any,
    ) -> ExportImageTaskIterator:
        paginator = ExportImageTaskPaginator(self._client, on_invalid=cast("OnInvalid", on_invalid))
        return paginator.paginate(request, **kwargs)

    def take(self, it: AnyIterator, limit: int | None = None) -> Taken:
        taken = Taken([])
        try:
            for task in cast("ExportImageTaskIterator", it):
                taken.ids.append(task.export_image_task_id)
                if len(taken.ids) == limit:
                    break
        except Exception as error:  # the test asserts on it
            taken.error = error
        return taken

    def pages(self, it: AnyIterator) -> list[DescribeExportImageTasksResponse]:
        return list(cast("ExportImageTaskIterator", it).pages())

    def full_result(self, it: AnyIterator) -> DescribeExportImageTasksResponse:
        return cast("ExportImageTaskIterator", it).build_full_result()

    def check_permissions(self) -> bool:
        return ExportImageTaskPaginator(self._client).check_permissions()

    def reference(self, **config: Unpack[PaginatorConfigTypeDef]) -> Reference:
        pages = self._client.get_paginator("describe_export_image_tasks").paginate(
            PaginationConfig=config
        )
        ids = [task.get("ExportImageTaskId") for page in pages for task in page["ExportImageTasks"]]
        resume_token: object = pages.resume_token
        return Reference(ids, resume_token if isinstance(resume_token, str) else None)


class AsyncDriver(Driver):
    name = "async"

    def __init__(self, runner: asyncio.Runner, client: AioEC2Client) -> None:
        self._runner = runner
        self._client = client

    def _run(self, step: Coroutine[Any, Any, T]) -> T:
        return self._runner.run(step)

    def serve(self, handler: Handler) -> None:
        answer_with_async(self._client, handler)

    def paginate(
        self,
        request: DescribeExportImageTasksRequest | None = None,
        /,
        *,
        on_invalid: str = "raise",
        **kwargs: Any,
    ) -> AsyncExportImageTaskIterator:
        paginator = AsyncExportImageTaskPaginator(
            self._client, on_invalid=cast("OnInvalid", on_invalid)
        )
        return paginator.paginate(request, **kwargs)

    def take(self, it: AnyIterator, limit: int | None = None) -> Taken:
        async def take() -> Taken:
            taken = Taken([])
            try:
                async for task in cast("AsyncExportImageTaskIterator", it):
                    taken.ids.append(task.export_image_task_id)
                    if len(taken.ids) == limit:
                        break
            except Exception as error:  # the test asserts on it
                taken.error = error
            return taken

        return self._run(take())

    def pages(self, it: AnyIterator) -> list[DescribeExportImageTasksResponse]:
        async def pages() -> list[DescribeExportImageTasksResponse]:
            return [page async for page in cast("AsyncExportImageTaskIterator", it).pages()]

        return self._run(pages())

    def full_result(self, it: AnyIterator) -> DescribeExportImageTasksResponse:
        return self._run(cast("AsyncExportImageTaskIterator", it).build_full_result())

    def check_permissions(self) -> bool:
        return self._run(AsyncExportImageTaskPaginator(self._client).check_permissions())

    def reference(self, **config: Unpack[PaginatorConfigTypeDef]) -> Reference:
        pages = self._client.get_paginator("describe_export_image_tasks").paginate(
            PaginationConfig=config
        )

        async def ids() -> list[str | None]:
            return [
                task.get("ExportImageTaskId")
                async for page in pages
                for task in page["ExportImageTasks"]
            ]

        found = self._run(ids())
        resume_token: object = pages.resume_token
        return Reference(found, resume_token if isinstance(resume_token, str) else None)


@contextmanager
def open_driver(name: str) -> Generator[Driver]:
    """The driver called ``name`` ("sync" or "async"), its client open until the block ends."""
    if name == "sync":
        yield SyncDriver(make_client())
        return
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        client = runner.run(stack.enter_async_context(make_async_client()))
        try:
            yield AsyncDriver(runner, client)
        finally:
            runner.run(stack.aclose())
