"""A generic typed paginator over botocore's, and its EC2 ``DescribeExportImageTasks`` spec.

The generic part (``spec``, ``token``, ``cursor``, ``sync``) knows nothing of EC2; the one EC2
module, ``export_image_tasks``, is a spec value and a typed entry point.
"""

from .export_image_tasks import EXPORT_IMAGE_TASKS, ExportImageTaskPages, ExportImageTaskPaginator
from .spec import BotoRequest, OnInvalid, PaginatorSpec
from .sync import TypedPageIterator, TypedPaginator

__all__ = [
    "EXPORT_IMAGE_TASKS",
    "BotoRequest",
    "ExportImageTaskPages",
    "ExportImageTaskPaginator",
    "OnInvalid",
    "PaginatorSpec",
    "TypedPageIterator",
    "TypedPaginator",
]
