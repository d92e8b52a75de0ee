"""The package root and ``testing``: every public name, loaded on first use, and nothing else."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import pytest

import ec2_export_image_tasks
import ec2_export_image_tasks.testing


def test_every_public_name_is_the_object_of_its_home_module() -> None:
    homes = ec2_export_image_tasks._HOMES  # pyright: ignore[reportPrivateUsage]

    assert sorted(homes) == sorted(ec2_export_image_tasks.__all__)
    for name, home in homes.items():
        home_module = import_module(home, "ec2_export_image_tasks")
        assert getattr(ec2_export_image_tasks, name) is getattr(home_module, name)


def test_every_testing_name_is_the_object_of_its_home_module() -> None:
    testing = ec2_export_image_tasks.testing
    homes = testing._HOMES  # pyright: ignore[reportPrivateUsage]

    assert sorted(homes) == sorted(testing.__all__)
    for name, home in homes.items():
        home_module = import_module(home, testing.__name__)
        assert getattr(testing, name) is getattr(home_module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="ExportImageTsk"):
        getattr(ec2_export_image_tasks, "ExportImageTsk")  # noqa: B009 - a name that is not there


def test_importing_the_package_alone_loads_neither_pydantic_nor_botocore() -> None:
    script = (
        "import sys, ec2_export_image_tasks\n"
        "print(sorted(m for m in ('pydantic', 'botocore', 'boto3') if m in sys.modules))\n"
    )

    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert run.stdout.strip() == "[]"


def test_listing_tasks_does_not_build_the_export_models() -> None:
    # Their classes cost about 14 ms to build: a program that only lists tasks skips them.
    script = (
        "import sys\n"
        "from ec2_export_image_tasks import ExportImageTask, ExportImageTaskPaginator\n"
        "print('ec2_export_image_tasks.models.export' in sys.modules)\n"
    )

    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert run.stdout.strip() == "False"
