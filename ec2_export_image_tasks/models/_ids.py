"""EC2 resource IDs: a prefix, then 8 or 17 lowercase hex digits (EC2's short and long ID forms)."""

from typing import Annotated

from pydantic import StringConstraints

__all__ = ["ExportImageTaskId", "ImageId"]

ExportImageTaskId = Annotated[
    str, StringConstraints(strict=True, pattern=r"^export-ami-(?:[0-9a-f]{17}|[0-9a-f]{8})$")
]
ImageId = Annotated[
    str, StringConstraints(strict=True, pattern=r"^ami-(?:[0-9a-f]{17}|[0-9a-f]{8})$")
]
