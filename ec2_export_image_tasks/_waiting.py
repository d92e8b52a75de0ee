"""The waiter's decisions, free of I/O: what each poll's outcome means, and how long to sleep.

The sync and async drivers in :mod:`._wait_loops` only send, sleep and read the clock; every
rule (the grace for a task not yet visible, the deadline, and :data:`._retry.RETRY_POLICY`,
shared with ``watch`` and the many-region listing) is applied here, once.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ._intervals import MAX_INTERVAL as MAX_INTERVAL
from ._intervals import MIN_INTERVAL as MIN_INTERVAL
from ._retry import (
    CLOCK_SKEW_CODES,
    RETRY_POLICY,
    error_code,
    failed_in_a_row,
    is_transient,
    noting_clock_skew,
)
from .errors import ExportFailedError, StatusMissingError, TaskNotFoundError, WaitTimeoutError
from .models import ExportImageTaskStatus

if TYPE_CHECKING:
    from .models import ExportImageTask

NOT_VISIBLE_GRACE = 60.0
"""How long a task not yet visible is polled for. EC2 is eventually consistent: right after
``ExportImage``, ``DescribeExportImageTasks`` may not know the new id for a while (AWS's own
waiters retry ``*.NotFound`` the same way). botocore retries nothing of the kind."""

_FAILED = frozenset({ExportImageTaskStatus.DELETING, ExportImageTaskStatus.DELETED})

NOT_VISIBLE_CODES = frozenset({"InvalidExportImageTaskId.NotFound"})
"""EC2's code for an export image task id it does not know, or does not know yet."""


def _is_not_visible(error: Exception) -> bool:
    return isinstance(error, TaskNotFoundError) or error_code(error) in NOT_VISIBLE_CODES


def check_seconds(name: str, value: float) -> None:
    """``ValueError`` for seconds no clock can mean: negative or NaN."""
    if math.isnan(value) or value < 0:
        raise ValueError(f"{name} must be a number of seconds >= 0, got {value!r}")


class AttemptCutShort(BaseException):
    """Raised inside a poll by whatever bounds it (the command line's alarm) at the deadline;
    by ``watch`` when the deadline comes between its retries.

    A ``BaseException``, as ``KeyboardInterrupt`` is, so that botocore's and urllib3's
    ``except Exception`` do not take it for a failed request and retry.
    """


class Waiting:
    """One wait's state: fed each poll's outcome and the time, it says what to do next.

    Each method returns the delay before the next poll, or the completed task, or raises the
    error that ends the wait.
    """

    def __init__(self, task_id: str, *, interval: float, timeout: float | None, now: float) -> None:
        check_seconds("interval", interval)
        if interval > MAX_INTERVAL:
            raise ValueError(
                f"interval must be at most {MAX_INTERVAL:g} s (a day), got {interval!r}"
            )
        if timeout is not None:
            check_seconds("timeout", timeout)
        self.task_id = task_id
        self.interval = max(interval, MIN_INTERVAL)
        self.timeout = timeout
        self.started = now
        self.deadline = math.inf if timeout is None else now + timeout
        self.polls = 0
        self.failures = 0
        self.statusless = 0
        self.last_seen: ExportImageTask | None = None
        self.last_error: BaseException | None = None
        """How the last poll failed, if it did: what a timeout says."""

    def attempt_limit(self, now: float) -> float | None:
        """The most a poll starting ``now`` may take (None: no deadline).

        No poll is scheduled after the deadline (every delay is cut to end on it), and any
        outcome seen on or after it ends the wait; so the only poll that starts late is the one
        due on the deadline itself, by however long the sleep overran. It is given what remains,
        and at least :attr:`.RetryPolicy.min_attempt`: a poll given nothing could never be
        answered.
        """
        self.polls += 1
        if self.timeout is None:
            return None
        return max(self.deadline - now, RETRY_POLICY.min_attempt)

    def _next_poll(self, now: float, delay: float) -> float:
        """``delay``, cut to end on the deadline: the last poll falls on it."""
        return min(delay, self.deadline - now)

    def answered(self, task: ExportImageTask, now: float) -> ExportImageTask | float:
        """The completed task, or the delay before the next poll."""
        self.last_seen, self.failures, self.last_error = task, 0, None
        if task.status is ExportImageTaskStatus.COMPLETED:
            return task
        if task.status in _FAILED:
            raise ExportFailedError(task)
        self.statusless = self.statusless + 1 if task.status is None else 0
        if self.statusless >= RETRY_POLICY.max_failures:
            raise StatusMissingError(task, self.statusless)
        if now >= self.deadline:
            raise self.timed_out()
        return self._next_poll(now, self.interval)

    def failed(self, error: Exception, now: float) -> float:
        """The delay before trying again after ``error``; or the error that ends the wait."""
        self.last_error = error
        if error_code(error) in CLOCK_SKEW_CODES:
            raise noting_clock_skew(error)
        if _is_not_visible(error) and self.last_seen is None:
            return self._not_visible(error, now)
        if not is_transient(error):
            raise error
        self.failures += 1
        if now >= self.deadline:
            raise self.timed_out() from error
        return RETRY_POLICY.next_delay(
            error, self.failures, interval=self.interval, left=self.deadline - now
        )

    def _not_visible(self, error: Exception, now: float) -> float:
        """Poll a task EC2 does not show yet, up to the grace period from the wait's start."""
        grace_end = self.started + NOT_VISIBLE_GRACE
        if now >= grace_end:
            not_found = TaskNotFoundError(self.task_id)
            not_found.add_note(f"not visible in {self.polls} poll(s) over {now - self.started:g} s")
            raise not_found from error
        if now >= self.deadline:
            raise self.timed_out() from error
        return self._next_poll(now, min(self.interval, grace_end - now))

    def cut_short(self) -> WaitTimeoutError:
        """The deadline's error for a poll cut short there, unanswered."""
        self.last_error = AttemptCutShort()
        return self.timed_out()

    def timed_out(self) -> WaitTimeoutError:
        """The deadline's error, saying how the last poll ended when it did not answer."""
        error, why = self.last_error, None
        if isinstance(error, AttemptCutShort):
            why = f"poll {self.polls} was cut short at the deadline, unanswered"
        elif isinstance(error, Exception) and _is_not_visible(error):
            why = f"EC2 did not show it in {self.polls} poll(s)"
        elif isinstance(error, Exception):
            why = failed_in_a_row(self.failures, error)
        return WaitTimeoutError(
            self.task_id, self.timeout or 0.0, self.last_seen, polls=self.polls, why=why
        )
