"""Shared test settings: Hypothesis profiles, and one mypy cache for the run's type checks.

- ``suite`` (the default): 60 examples a property, random, as a contributor runs the suite.
- ``ci`` (loaded when ``CI`` is set, as in ``scripts/check`` under CI): the same 60 examples,
  derandomized: every run draws the same examples, so a failure in CI is reproduced by running
  the suite again with ``CI=1``.
- ``matrix`` (``scripts/matrix`` passes ``--hypothesis-profile matrix``): every property still
  runs in every cell, with 10 examples, derandomized; the 60 run once, in ``scripts/check``.
  A cell's failure reproduces with the same command.
"""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "suite", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", settings.get_profile("suite"), derandomize=True, print_blob=True)
settings.register_profile("matrix", settings.get_profile("ci"), max_examples=10)
settings.load_profile("ci" if os.environ.get("CI") else "suite")


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mypy cache of this run's own, shared by its mypy runs.

    A cold mypy spends most of a run reading the stubs (boto3's, pydantic's, the standard
    library's); sharing the cache reads them once. Safe because mypy keys its cache by module
    name, and the files each run checks have names of their own (``canary``, ``snippet_N``,
    ``*_usage``).
    """
    return tmp_path_factory.mktemp("mypy-cache")
