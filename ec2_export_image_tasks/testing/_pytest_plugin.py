"""The ``local_ec2`` fixture, for testing your own code against a local EC2 endpoint.

Registered through the ``pytest11`` entry point, so every pytest run where this package is
installed imports it. The package and :mod:`..testing` load their names lazily, and this imports
nothing heavy until the fixture is used: pydantic, botocore and boto3 would add over a tenth of
a second to every run of every project.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._service import LocalEC2

__all__ = ["local_ec2"]


@pytest.fixture
def local_ec2() -> LocalEC2:
    """A fresh in-memory EC2 and a real boto3 client answered by it: ``local_ec2.client``.

    Seed it with ``local_ec2.add_tasks(3)`` or ``local_ec2.add_task({...})``, and
    ``local_ec2.images``/``local_ec2.buckets`` for ``ExportImage``; time stands still until
    ``local_ec2.advance(seconds)``; see what your code sent in ``local_ec2.requests``; have it
    play EC2's habits with ``local_ec2.habits = Habits(visible_after=3.0)``.
    """
    from ._service import LocalEC2  # here, not at the top: see the module docstring

    return LocalEC2()
