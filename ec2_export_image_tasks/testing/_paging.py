"""``DescribeExportImageTasks``' paging: a query, its pages, and tokens good for one query.

A token is base64 of ``{"offset": N, "query": fingerprint}``: opaque to the client, and good only
for the query that was given it, as with the real service (which refuses a token replayed with
other filters or ids).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models._facts import MAX_PAGE_SIZE
from ._errors import Ec2Error

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._lifecycle import Task


@dataclass(frozen=True, slots=True)
class DescribeQuery:
    """One ``DescribeExportImageTasks`` request's parameters, lists in the order sent.

    ``filters`` are (name, values) pairs: a task must match every filter, and a filter matches
    when the task's value is any of its values, as in EC2.
    """

    task_ids: Sequence[str] = ()
    filters: Sequence[tuple[str, Sequence[str]]] = ()
    max_results: int | None = None
    next_token: str | None = None
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class TaskPage:
    """One answer: the tasks on this page, and the token for the next (None on the last)."""

    tasks: Sequence[Task]
    next_token: str | None


def page_size(max_results: int | None) -> int | None:
    """The page size ``MaxResults`` asks for, if EC2 accepts it; None, every task left."""
    if max_results is not None and not 1 <= max_results <= MAX_PAGE_SIZE:
        raise Ec2Error(
            "InvalidParameterValue",
            f"Value ( {max_results} ) for parameter maxResults is invalid. "
            f"Expecting a value between 1 and {MAX_PAGE_SIZE}.",
        )
    return max_results


def _fingerprint(query: DescribeQuery) -> str:
    shape = [list(query.task_ids), [[name, list(values)] for name, values in query.filters]]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


def token_for(offset: int, query: DescribeQuery) -> str:
    """The token for the page of ``query`` that starts at ``offset``."""
    payload = json.dumps({"offset": offset, "query": _fingerprint(query)})
    return base64.b64encode(payload.encode()).decode()


def offset_of(token: str, query: DescribeQuery) -> int:
    """Where the page ``token`` asks for starts, if this backend issued it for this query."""
    try:
        payload = json.loads(base64.b64decode(token, validate=True))
        offset, fingerprint = payload["offset"], payload["query"]
    except (binascii.Error, ValueError, KeyError, TypeError) as error:
        raise _invalid_token() from error
    if type(offset) is not int or offset < 0 or fingerprint != _fingerprint(query):
        raise _invalid_token()
    return offset


def _invalid_token() -> Ec2Error:
    return Ec2Error("InvalidPaginationToken", "Invalid pagination token")
