"""Shared test settings: a Hypothesis profile that keeps the suite quick on two cores."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "suite", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("suite")
