"""EC2's habits, which the local endpoint plays on request: what the code under test must survive.

One frozen value, :class:`Habits`, says which habits to play; :class:`.LocalEC2` holds it. The
functions here are pure: they dress a task as an answer shows it, and say whether a task is
visible yet. The waits and lost answers are carried out by the glue, from the :class:`.Reply`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from . import _xml

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

LostAs = Literal["connection", "InternalError", "Unavailable"]
"""How a lost answer reaches the client: a closed connection, or EC2's 500 or 503 error."""

LOST_ERRORS: Mapping[str, tuple[int, str]] = {
    "InternalError": (500, "An internal error has occurred; the request may have been processed."),
    "Unavailable": (503, "The service is unavailable. Please try again shortly."),
}
"""The HTTP status and message of each error a lost answer may be replaced by."""

ACTIONS = ("DescribeExportImageTasks", "ExportImage", "CancelExportTask")
"""The actions the local endpoint answers, whose answers may be lost."""

ENUM_KEYS = ("Status", "DiskImageFormat")
"""The members of a task that hold an enum value in EC2's answers."""

_ELEMENT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True, kw_only=True, slots=True)
class Habits:
    """Which of EC2's habits the local endpoint plays; by default, none.

    - ``visible_after``: seconds, on the endpoint's clock, before a task ``ExportImage`` started
      is known (EC2 is eventually consistent): until then ``DescribeExportImageTasks`` naming
      it is ``InvalidExportImageTaskId.NotFound``, a listing leaves it out, and cancelling it is
      ``InvalidExportTaskID.NotFound``.
    - ``enum_case``: applied to every ``Status`` and ``DiskImageFormat`` value in an answer,
      ``str.lower`` as in aws-cli's documented ``export-image`` example (``"vmdk"``).
    - ``unknown_elements``: elements EC2 might add one day, put in every task of an answer
      (names in EC2's lowerCamel style; botocore's parse drops them).
    - ``answer_seconds``: how long each answer takes on the endpoint's clock, which is moved on
      by that much after the action took effect (for code given ``clock=local.now``).
    - ``answer_wait``: how long each answer takes in real time, waited in the client's call
      (``asyncio.sleep`` in an aiobotocore client, so a deadline can cancel it), for code whose
      deadline is real.
    - ``lost_answers``: how many answers to each action (``{"ExportImage": 1}``) are lost on
      the way, the first ones: the action takes effect, the client sees ``lost_as``, and
      botocore retries if the client allows it.

    The mappings are copied when it is made, so changing the dicts given changes nothing.
    """

    visible_after: float = 0.0
    enum_case: Callable[[str], str] | None = None
    unknown_elements: Mapping[str, str] = field(default_factory=dict[str, str])
    answer_seconds: float = 0.0
    answer_wait: float = 0.0
    lost_answers: Mapping[str, int] = field(default_factory=dict[str, int])
    lost_as: LostAs = "connection"

    def __post_init__(self) -> None:
        for name in ("visible_after", "answer_seconds", "answer_wait"):
            check_seconds(f"Habits.{name}", getattr(self, name))
        for action, count in self.lost_answers.items():
            if action not in ACTIONS:
                raise ValueError(
                    f"Habits.lost_answers: the endpoint answers no action {action!r} "
                    f"(it answers {', '.join(ACTIONS)})"
                )
            if count < 0:
                raise ValueError(f"Habits.lost_answers[{action!r}] must be >= 0, not {count!r}")
        if self.lost_as not in ("connection", *LOST_ERRORS):
            raise ValueError(
                f"Habits.lost_as must be 'connection', 'InternalError' or 'Unavailable', "
                f"not {self.lost_as!r}"
            )
        for name, value in self.unknown_elements.items():
            _check_unknown_element(name, value)
        # Frozen all the way down: a read-only copy of each mapping.
        for name in ("unknown_elements", "lost_answers"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))


def check_seconds(name: str, seconds: float) -> None:
    """Refuse a duration no clock can pass: negative, infinite or NaN, naming ``name``."""
    if not (math.isfinite(seconds) and seconds >= 0):
        raise ValueError(f"{name} must be a number of seconds >= 0, not {seconds!r}")


def _check_unknown_element(name: str, value: str) -> None:
    """An unknown element must be one EC2 could send, and one botocore's model does not know."""
    element = name[:1].lower() + name[1:]
    if not _ELEMENT_NAME.fullmatch(name) or element in _xml.ELEMENTS.values():
        raise ValueError(
            f"Habits.unknown_elements: {name!r} is not an element name botocore's model "
            "leaves unknown (letters and digits, not one of a task's members)"
        )
    if bad := _xml.unwritable(value):
        raise ValueError(f"Habits.unknown_elements[{name!r}] holds {bad}, which XML cannot carry")


def visible(habits: Habits, started: float | None, now: float) -> bool:
    """Whether a task shows in answers at ``now``: a seeded one (``started`` None) always does."""
    return started is None or now - started >= habits.visible_after


def dressed(habits: Habits, task: Mapping[str, object]) -> dict[str, object]:
    """``task`` as an answer shows it: enum values in the habit's case, unknown elements added.

    A member the task already holds is never replaced by an unknown element of the same name.
    """
    shown = dict(task)
    if (case := habits.enum_case) is not None:
        for key in ENUM_KEYS:
            if isinstance(value := shown.get(key), str):
                shown[key] = case(value)
    return shown | {
        name: value for name, value in habits.unknown_elements.items() if name not in shown
    }
