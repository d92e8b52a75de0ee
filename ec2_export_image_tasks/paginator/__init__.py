"""A generic typed paginator over botocore's, and its EC2 ``DescribeExportImageTasks`` spec.

The generic part (``spec``, ``token``, ``cursor``, ``sync``, ``aio``) knows nothing of EC2; the
one EC2 module, ``export_image_tasks``, is a spec value and typed entry points.
"""

from .aio import AsyncTypedPageIterator, AsyncTypedPaginator
from .export_image_tasks import (
    EXPORT_IMAGE_TASKS,
    AsyncExportImageTaskPages,
    AsyncExportImageTaskPaginator,
    ExportImageTaskPages,
    ExportImageTaskPaginator,
)
from .spec import BotoRequest, OnInvalid, PaginatorSpec
from .sync import TypedPageIterator, TypedPaginator

__all__ = [
    "EXPORT_IMAGE_TASKS",
    "AsyncExportImageTaskPages",
    "AsyncExportImageTaskPaginator",
    "AsyncTypedPageIterator",
    "AsyncTypedPaginator",
    "BotoRequest",
    "ExportImageTaskPages",
    "ExportImageTaskPaginator",
    "OnInvalid",
    "PaginatorSpec",
    "TypedPageIterator",
    "TypedPaginator",
]
