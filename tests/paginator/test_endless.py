"""Listings that would never end: a NextToken cycle, and empty pages with fresh tokens forever.

botocore (and aws-cli) page such a listing without end, at hundreds of requests a second and
with nothing to show; the paginator stops, having handed out everything, and says how to go on.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks import EmptyPagesError, PaginationCycleError
from ec2_export_image_tasks.paginator._cursor import MAX_EMPTY_PAGES

from .helpers import EmptyPagesWithFreshTokens, ScriptedPages, good, ids

if TYPE_CHECKING:
    from .drivers import Driver


def _service_token(resume_token: str | None) -> object:
    assert resume_token is not None
    return json.loads(base64.b64decode(resume_token))["NextToken"]


@pytest.mark.parametrize("way", ["items", "pages"])
def test_empty_pages_with_fresh_tokens_stop_after_the_bound_with_the_token_to_go_on(
    driver: Driver, way: str
) -> None:
    server = EmptyPagesWithFreshTokens()
    driver.serve(server)
    it = driver.paginate()

    taken = driver.take(it) if way == "items" else driver.take_pages(it)

    assert isinstance(taken.error, EmptyPagesError)
    assert len(server.requests) == MAX_EMPTY_PAGES
    assert taken.error.pages == MAX_EMPTY_PAGES
    assert taken.error.resume_token == it.resume_token
    assert _service_token(it.resume_token) == f"t{MAX_EMPTY_PAGES}"
    assert it.done is False


def test_resuming_after_empty_pages_goes_on_from_the_last_token(driver: Driver) -> None:
    server = EmptyPagesWithFreshTokens({MAX_EMPTY_PAGES: 7})
    driver.serve(server)
    first = driver.paginate()
    assert isinstance(driver.take(first).error, EmptyPagesError)

    resumed = driver.take(driver.paginate(PaginationConfig={"StartingToken": first.resume_token}))

    assert resumed.ids[:1] == ids(7)
    assert server.requests[MAX_EMPTY_PAGES].get("NextToken") == f"t{MAX_EMPTY_PAGES}"


def test_empty_pages_in_build_full_result_give_the_token_where_the_call_began(
    driver: Driver,
) -> None:
    server = EmptyPagesWithFreshTokens({0: 7})
    driver.serve(server)
    it = driver.paginate()

    taken = driver.take_full_result(it)

    assert isinstance(taken.error, EmptyPagesError)
    assert taken.error.resume_token == it.resume_token  # the tasks gathered went with the call
    token = taken.error.resume_token
    resumed = driver.paginate(PaginationConfig={"StartingToken": token} if token else {})
    sent = len(server.requests)
    driver.take(resumed, limit=1)
    assert "NextToken" not in server.requests[sent]  # task 7's page asked for again: none lost


def test_a_page_with_a_task_starts_the_count_of_empty_pages_again(driver: Driver) -> None:
    last = 2 * MAX_EMPTY_PAGES - 2
    server = EmptyPagesWithFreshTokens({MAX_EMPTY_PAGES - 2: 1, last: 2})
    driver.serve(server)

    taken = driver.take(driver.paginate())

    assert taken.ids == ids(1, 2)
    assert isinstance(taken.error, EmptyPagesError)
    assert len(server.requests) == last + MAX_EMPTY_PAGES + 1


def test_a_cycle_stops_with_advice_that_does_not_send_the_caller_round_the_loop(
    driver: Driver,
) -> None:
    script = ScriptedPages([([good(0)], "A"), ([good(1)], "B"), ([good(2)], "A"), ([good(3)], "B")])
    driver.serve(script)

    taken = driver.take(driver.paginate())

    assert taken.ids == ids(0, 1, 2)
    assert isinstance(taken.error, PaginationCycleError)
    assert "list again later, from the start" in str(taken.error)
    assert "resume_token still points" not in str(taken.error)
