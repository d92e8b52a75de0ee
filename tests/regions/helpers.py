"""What the region tests share."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest


def recording_sleeps(patch: pytest.MonkeyPatch) -> list[float]:
    """The waits between a region's tries, recorded instead of waited (``asyncio.sleep``)."""
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def recorded(delay: float) -> None:
        if delay > 0:
            waits.append(delay)
        await real_sleep(0)

    patch.setattr(asyncio, "sleep", recorded)
    return waits
