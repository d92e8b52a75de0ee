"""EC2 resource IDs: a prefix, then 8 or 17 lowercase hex digits (EC2's short and long ID forms)."""

from typing import Annotated

from pydantic import StringConstraints

from ._facts import EXPORT_IMAGE_TASK_ID_PREFIX, IMAGE_ID_PREFIX, resource_id_pattern

__all__ = ["ExportImageTaskId", "ImageId"]

ExportImageTaskId = Annotated[
    str,
    StringConstraints(strict=True, pattern=resource_id_pattern(EXPORT_IMAGE_TASK_ID_PREFIX)),
]
ImageId = Annotated[
    str, StringConstraints(strict=True, pattern=resource_id_pattern(IMAGE_ID_PREFIX))
]
