"""The one retry policy of every loop that polls EC2: what is transient, how long to wait, when
to give up. Free of I/O: the waiter (:mod:`._waiting`), the command line's ``watch`` and the
many-region listing (:mod:`._region_paging`) each only send, sleep and read their clock.
"""

from __future__ import annotations

from dataclasses import dataclass

from botocore.exceptions import ClientError, CredentialRetrievalError, HTTPClientError
from botocore.exceptions import ConnectionError as BotocoreConnectionError

CLOCK_SKEW_CODES = frozenset({"RequestExpired"})
"""EC2's code for a request signed more than 5 minutes away from its own time."""

CLOCK_HINT = "check the system clock: EC2 refuses requests signed more than 5 minutes off"

_TRANSIENT_CODES = frozenset(
    {
        # Throttling, as EC2 and botocore's retry handlers (legacy and standard) name it.
        "RequestLimitExceeded",
        "EC2ThrottledException",
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottled",
        "RequestThrottledException",
        "TooManyRequestsException",
        "SlowDown",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        # The service's own trouble.
        "InternalError",
        "InternalFailure",
        "ServiceUnavailable",
        "Unavailable",
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
        # Credentials that expired mid-wait: botocore refreshes them before the next call.
        "ExpiredToken",
        "ExpiredTokenException",
    }
)

_TOO_MANY_REQUESTS = 429


def error_code(error: Exception) -> str:
    """EC2's error code, or ``""`` for what is not EC2's answer."""
    if isinstance(error, ClientError):
        return error.response.get("Error", {}).get("Code", "")
    return ""


def noting_clock_skew(error: Exception) -> Exception:
    """``error``, with :data:`CLOCK_HINT` noted when it is EC2's answer to a skewed clock."""
    if error_code(error) in CLOCK_SKEW_CODES:
        error.add_note(CLOCK_HINT)
    return error


def is_transient(error: Exception) -> bool:
    """Whether asking again later may succeed, judged by botocore's error code or class.

    Everything botocore's own retry handlers retry, in either mode (its codes, a 429, any 5xx,
    a dropped connection); also expired credentials (refreshed before the next call). Not
    ``RequestExpired``: a skewed clock stays skewed, however often one asks.
    """
    if isinstance(error, ClientError):
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        code = error_code(error)
        if code in CLOCK_SKEW_CODES:
            return False
        return code in _TRANSIENT_CODES or status == _TOO_MANY_REQUESTS or status >= 500
    # A dropped or timed-out connection; a credentials refresh that failed on its way.
    return isinstance(error, BotocoreConnectionError | HTTPClientError | CredentialRetrievalError)


def failed_in_a_row(failures: int, error: Exception) -> str:
    """What a deadline's error says of the failures it cut short: how many, and the last."""
    named = error_code(error) or type(error).__name__
    return f"{failures} poll(s) in a row failed, the last with {named}"


@dataclass(frozen=True)
class RetryPolicy:
    """How a loop of calls rides out transient failures; one value, :data:`RETRY_POLICY`.

    It comes on top of botocore's own retries, never instead of them. botocore retries inside
    each call (throttling, a 5xx, a dropped connection: what :func:`is_transient` takes): in
    its ``legacy`` mode, boto3's default, 5 attempts with random delays under 1, 2, 4 and 8 s
    (under 15 s in all); in ``standard`` mode 3 attempts, under 1 and 2 s (delays capped at
    20 s for more attempts), within a retry quota. Each attempt is bounded by the client's
    ``connect_timeout`` and ``read_timeout`` (per socket read), not in total. So a failure seen
    here is a call botocore already gave up on, after seconds of trouble; our loops last
    minutes (a region's listing) to hours (a wait for an export), and between their calls:

    - the delay after the n-th failure in a row is ``max(interval, 1 s) * 2 ** (n - 1)``, at
      most ``max(interval, 300 s)``; without botocore's jitter, which spreads many clients'
      retries of one call: here one loop polls its region, and its caller is told each delay
      (``on_retry``; the command line's ``trying again in 8 s``);
    - :attr:`max_failures` failures in a row end the loop with the last one, noted "gave up
      after 5 failed attempt(s) in a row"; an answer in between starts the count over;
    - the loop's deadline comes first: the last try falls on it (the waiter, ``watch``, which
      give that try :attr:`min_attempt`) or, where nothing may outlive it (a region's), a try
      that would start with less than :attr:`min_attempt` left is not made.

    The worst case from a first failure to giving up: 5 failed calls, each botocore's whole
    retry (legacy: 5 requests and under 15 s of its delays; standard: 3 requests, under 3 s),
    so 25 requests (15) and under 75 s (15 s) of botocore's delays, each request bounded only
    by its timeouts; and our 4 delays between the calls, 1 + 2 + 4 + 8 = 15 times the first
    while under the cap: 15 s for a region (its first delay is 1 s), 225 s for a wait at its
    default 15 s interval, never more than 4 times ``max(interval, 300 s)``. A deadline, when
    the loop has one, ends it sooner. A permanent error (unauthorized, a skewed clock) is never
    retried.
    """

    max_failures: int = 5
    """Failures in a row that end a loop: as many as botocore's legacy attempts, but spread
    over minutes rather than 15 s, so that a short outage of the network or of EC2 does not end
    an export's wait; the waiter also gives up after this many answers without a ``Status``."""

    first_delay: float = 1.0
    """The least first delay, the whole first delay of a loop without an interval (a region):
    as long as botocore's longest first delay, so a retry here never comes sooner than one of
    botocore's would have."""

    max_delay: float = 300.0
    """The delay doubles up to this (or up to the interval, if longer). Polling an export that
    takes hours every few seconds through an outage only spends the account's EC2 request
    rate, which every other caller in the account shares; five minutes bound how late a wait
    learns that the outage is over."""

    min_attempt: float = 1.0
    """The least time a try due on a deadline is given (by the waiter and the command line's
    alarm): one given nothing could never be answered, so a bounded wait ends at most this
    late. botocore has no deadline, only per-socket timeouts."""

    def delay(self, failures: int, *, interval: float = 0.0) -> float:
        """The delay after ``failures`` failures in a row: from ``interval`` (at least
        :attr:`first_delay`), doubling, at most :attr:`max_delay` or ``interval`` if longer."""
        first = max(interval, self.first_delay)
        return min(first * 2.0 ** (failures - 1), max(interval, self.max_delay))

    def note_giving_up(self, error: Exception, failures: int) -> None:
        """Note on ``error``, about to end a loop, that it was the last of ``failures`` in a row."""
        error.add_note(f"gave up after {failures} failed attempt(s) in a row")

    def next_delay(
        self, error: Exception, failures: int, *, interval: float = 0.0, left: float
    ) -> float:
        """The delay before trying again after ``error``, the ``failures``-th transient failure
        in a row, cut to the ``left`` seconds before the loop's deadline (``math.inf``: none) so
        that the last try falls on it; raises ``error``, noted, after :attr:`max_failures`."""
        if failures >= self.max_failures:
            self.note_giving_up(error, failures)
            raise error
        return min(self.delay(failures, interval=interval), left)


RETRY_POLICY = RetryPolicy()
