"""Shared test settings: a Hypothesis profile that keeps the suite quick on two cores.

With ``CI`` set, the same profile derandomized: every run draws the same examples, so a failure
in CI is reproduced by running the suite again with ``CI=1``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "suite", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", settings.get_profile("suite"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "suite")
