"""The ``local_ec2`` fixture, for testing your own code against a local EC2 endpoint.

Registered through the ``pytest11`` entry point, so every pytest run where this package is
installed imports it: it imports nothing heavy until the fixture is used (boto3 alone would
add a tenth of a second to every run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .endpoint import LocalEC2


@pytest.fixture
def local_ec2() -> LocalEC2:
    """A fresh in-memory EC2 and a real boto3 client answered by it: ``local_ec2.client``.

    Seed it with ``local_ec2.add_tasks(3)`` or ``local_ec2.add_task({...})``; see what your
    code sent in ``local_ec2.requests``.
    """
    from .endpoint import LocalEC2  # here, not at the top: see the module docstring

    return LocalEC2()
