"""The ``local_ec2`` fixture, for testing your own code against a local EC2 endpoint.

Loaded by every pytest run where this package is installed, so it imports nothing heavy until
the fixture is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .endpoint import LocalEC2


@pytest.fixture
def local_ec2() -> LocalEC2:
    """A fresh in-memory EC2 and a real boto3 client for it: ``local_ec2.client``."""
    from .endpoint import LocalEC2  # imported here: see the module docstring

    return LocalEC2()
