"""Odd answers a proxy or the service may give with a 200, sync and async alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocore.exceptions import ClientError

from ec2_export_image_tasks.testing import Ec2Error, Reply, error_reply

from .helpers import good, ids, page

if TYPE_CHECKING:
    from collections.abc import Mapping

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
