"""Typed paging for any botocore operation: one :class:`PaginatorSpec` value and your models.

This is the one public home of the generic engine; its machinery (the I/O-free cursor, the
token format, the sync and async drivers) is private and free to change. It imports none of
this package's EC2 models.

>>> spec = PaginatorSpec(
...     operation_name="describe_import_image_tasks", result_key="ImportImageTasks",
...     token_key="NextToken", item_model=ImportImageTask, page_model=ImportImageTasksPage,
...     request_model=ImportImageTasksRequest, item_id_key="ImportTaskId",
... )  # doctest: +SKIP
>>> for task in TypedPaginator(client, spec).paginate(MaxResults=...): ...  # doctest: +SKIP
"""

from .._clients import AsyncBotocoreClientProtocol, BotocoreClientProtocol
from .._either_form import OnInvalid
from ._aio import AsyncTypedIterator, AsyncTypedPaginator
from ._spec import BotoRequest, PaginatorSpec
from ._sync import TypedIterator, TypedPaginator

__all__ = [
    "AsyncBotocoreClientProtocol",
    "AsyncTypedIterator",
    "AsyncTypedPaginator",
    "BotoRequest",
    "BotocoreClientProtocol",
    "OnInvalid",
    "PaginatorSpec",
    "TypedIterator",
    "TypedPaginator",
]
