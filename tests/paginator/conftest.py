"""The ``driver`` fixture: each behaviour test runs once over botocore, once over aiobotocore."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .drivers import open_driver

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from ec2_export_image_tasks.testing import Reply

    from .drivers import Driver


def _unserved(action: str, parameters: Mapping[str, str]) -> Reply:
    raise RuntimeError(f"nothing answers {action}: the test must serve a handler first")


@pytest.fixture(scope="session", params=["sync", "async"])
def _open_driver(request: pytest.FixtureRequest) -> Iterator[Driver]:
    # One client per kind for the whole run: a client costs milliseconds, a session's model more.
    with open_driver(request.param) as opened:
        yield opened


@pytest.fixture
def driver(_open_driver: Driver) -> Driver:
    """A paging driver, sync or async, answering nothing until the test ``serve``s a handler."""
    _open_driver.serve(_unserved)
    return _open_driver
