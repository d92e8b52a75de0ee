"""``--color``: the status of each task in its colour, in the table and in ``watch``.

``auto`` colours only what a person reads on a terminal: never a pipe or a file, never when
``NO_COLOR`` is set (https://no-color.org), never on a ``dumb`` terminal; ``on`` colours even
those, ``off`` never.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TextIO

    from ..models import ExportImageTaskStatus

__all__ = ["STATUS_COLORS", "colored", "paint"]

STATUS_COLORS: dict[str, str] = {
    "active": "cyan",
    "completed": "green",
    "deleting": "yellow",
    "deleted": "red",
}
"""Each status's colour, by its name in the 16 colours every colour terminal draws (and rich's).

Keyed by the wire strings: an :class:`~ec2_export_image_tasks.models.ExportImageTaskStatus` (a
``StrEnum``) finds its colour, and the grammar (``--color``) loads no model."""

_SGR = {"cyan": "36", "green": "32", "yellow": "33", "red": "31"}
"""The colours' ANSI codes (Select Graphic Rendition)."""


def colored(choice: str, stream: TextIO) -> bool:
    """Whether ``--color choice`` colours what is written to ``stream``."""
    if choice != "auto":
        return choice == "on"
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def paint(text: str, status: ExportImageTaskStatus | None) -> str:
    """``text`` in the colour of ``status`` (as it is, for a status without one)."""
    color = STATUS_COLORS.get(status) if status is not None else None
    return f"\x1b[{_SGR[color]}m{text}\x1b[0m" if color else text
