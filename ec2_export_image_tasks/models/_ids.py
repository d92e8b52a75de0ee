"""EC2 resource IDs: a prefix, then 8 or 17 lowercase hex digits (EC2's short and long ID forms)."""

from typing import Annotated

from pydantic import StringConstraints

from ._facts import EXPORT_IMAGE_TASK_ID_PATTERN, IMAGE_ID_PATTERN

__all__ = ["ExportImageTaskId", "ImageId"]

ExportImageTaskId = Annotated[
    str, StringConstraints(strict=True, pattern=EXPORT_IMAGE_TASK_ID_PATTERN)
]
ImageId = Annotated[str, StringConstraints(strict=True, pattern=IMAGE_ID_PATTERN)]
