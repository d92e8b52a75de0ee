"""Odd answers a proxy or the service may give with a 200, sync and async alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks.paginator import _fast_page as fast_page
from ec2_export_image_tasks.testing import Ec2Error, Reply, error_reply
from ec2_export_image_tasks.testing import _xml as xml

from .helpers import good, ids, page

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .drivers import Driver

THROTTLED = Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 200)
"""EC2's error document, sent with a 200: read as a page, it would be an empty last page."""


def _error_then_page(action: str, parameters: Mapping[str, str]) -> Reply:
    if "NextToken" not in parameters:
        return page([good(0)], "t1")
    return error_reply(THROTTLED)


def test_an_error_document_with_status_200_raises_the_client_error(driver: Driver) -> None:
    driver.serve(_error_then_page)
    it = driver.paginate()

    taken = driver.take(it)

    assert taken.ids == ids(0)
    assert isinstance(taken.error, ClientError)
    assert taken.error.response.get("Error", {}).get("Code") == "RequestLimitExceeded"


def test_an_error_document_with_status_200_leaves_the_listing_not_done(driver: Driver) -> None:
    driver.serve(_error_then_page)
    it = driver.paginate()

    driver.take(it)

    assert not it.done


LONG_PROLOGS = {
    "whitespace": b"\n" + b" " * 8192 + b"\r\n\t",
    "comments": b"<!-- a proxy's banner -->\n" * 400,
    "processing instructions": b'<?xml-stylesheet href="page.xsl"?>\n' * 400,
}
"""Thousands of bytes before the root element: where the rule and the fast parse once disagreed."""
each_long_prolog = pytest.mark.parametrize("prolog", LONG_PROLOGS.values(), ids=LONG_PROLOGS.keys())


def _behind(prolog: bytes, body: bytes) -> bytes:
    declaration, _, rest = body.partition(b"?>")
    return declaration + b"?>" + prolog + rest


def _pages_behind(prolog: bytes) -> Callable[[str, Mapping[str, str]], Reply]:
    """Three pages of tasks, each behind ``prolog``; request ids fixed, so that runs compare."""
    bodies = {
        None: xml.describe_export_image_tasks([good(0), good(1)], "t1", "r0"),
        "t1": xml.describe_export_image_tasks([good(2)], "t2", "r1"),
        "t2": xml.describe_export_image_tasks([good(3), good(4)], None, "r2"),
    }
    return lambda action, parameters: Reply(
        200, _behind(prolog, bodies[parameters.get("NextToken")])
    )


@each_long_prolog
def test_pages_behind_a_long_prolog_are_what_botocore_parses(driver: Driver, prolog: bytes) -> None:
    driver.serve(_pages_behind(prolog))
    it = driver.paginate()
    fast_before = fast_page.counts.fast

    typed = driver.take(it).unwrap()

    assert fast_page.counts.fast - fast_before == 3  # the typed pages' own parse read them all
    assert typed == driver.reference().ids == ids(0, 1, 2, 3, 4)
    assert it.done


@each_long_prolog
def test_an_error_document_behind_a_long_prolog_is_the_error_botocore_parses_from_it(
    driver: Driver, prolog: bytes
) -> None:
    document = _behind(prolog, xml.error("UnauthorizedOperation", "You are not authorized.", "e1"))
    driver.serve(lambda action, parameters: Reply(200, document))
    typed = driver.take(driver.paginate()).error
    # The oracle: botocore's own paginator, given the same document with EC2's own 4xx.
    driver.serve(lambda action, parameters: Reply(400, document))
    with pytest.raises(ClientError) as botocores:
        driver.reference()

    assert isinstance(typed, ClientError)
    assert typed.response == botocores.value.response
    assert str(typed) == str(botocores.value)
