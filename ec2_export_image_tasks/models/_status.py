"""The four states an export image task can be in."""

from enum import StrEnum

__all__ = ["ExportImageTaskStatus"]


class ExportImageTaskStatus(StrEnum):
    """``Status`` of an export image task; the values are the wire strings.

    A ``StrEnum``, so ``task.status == "active"`` still holds for code that compared strings.
    """

    ACTIVE = "active"
    COMPLETED = "completed"
    DELETING = "deleting"
    DELETED = "deleted"
