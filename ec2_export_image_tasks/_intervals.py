"""The bounds of a polling interval, apart from the waiter that applies them (:mod:`._waiting`).

Pure constants that import nothing: the command line's help cites them without loading
botocore or pydantic.
"""

from __future__ import annotations

__all__ = ["MAX_INTERVAL", "MIN_INTERVAL"]

MIN_INTERVAL = 1.0
"""The shortest delay between polls: a smaller ``interval`` (0 included) is raised to it.
botocore has no interval; without a floor, ``interval=0`` is a busy loop of hundreds of
requests a second against the account's EC2 rate limit."""

MAX_INTERVAL = 86400.0
"""The longest interval: a day. Exports take hours; and ``time.sleep`` overflows on a finite
but huge one (``1e10``), after the first poll, far from the mistake."""
