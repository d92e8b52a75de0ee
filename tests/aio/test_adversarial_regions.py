"""Misuse of the multi-region listing that type checkers let through."""

from __future__ import annotations

import re

import pytest

from ec2_export_image_tasks.regions import list_export_image_tasks_in_regions
from ec2_export_image_tasks.testing import LocalEC2
from ec2_export_image_tasks.testing.aio import local_session


def test_one_region_given_as_a_string_is_refused_by_the_call_itself() -> None:
    # A str is an Iterable[str] to mypy and pyright: each character would be a region.
    service = LocalEC2()
    message = "regions must be region names, such as ['eu-west-1'], not the string 'eu-west-1'"

    with pytest.raises(TypeError, match=re.escape(message)):
        list_export_image_tasks_in_regions(local_session({"eu-west-1": service}), "eu-west-1")

    assert service.requests == []
