"""The pytest plugin: registered by entry point, cheap to load, a fresh endpoint per test."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from ec2_export_image_tasks.testing import Habits

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from mypy_boto3_ec2.client import EC2Client

    from ec2_export_image_tasks.testing import LocalEC2

USER_TESTS = """
def test_seeds_two(local_ec2):
    local_ec2.add_tasks(2)
    assert len(local_ec2.client.describe_export_image_tasks()["ExportImageTasks"]) == 2

def test_then_starts_empty(local_ec2):
    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == []
    assert len(local_ec2.requests) == 1
"""


def test_the_plugin_is_registered_through_its_entry_point(request: pytest.FixtureRequest) -> None:
    (plugin,) = entry_points(group="pytest11", name="ec2_export_image_tasks")

    assert plugin.value == "ec2_export_image_tasks.testing._pytest_plugin"
    assert request.config.pluginmanager.hasplugin("ec2_export_image_tasks")


def test_the_fixture_gives_an_empty_authorized_endpoint(local_ec2: LocalEC2[EC2Client]) -> None:
    assert local_ec2.tasks == ()
    assert local_ec2.requests == []
    assert local_ec2.authorized
    assert local_ec2.client.meta.service_model.service_name == "ec2"


def test_a_project_that_installs_the_package_gets_a_fresh_fixture_per_test(
    tmp_path: Path,
) -> None:
    (tmp_path / "test_user.py").write_text(USER_TESTS)

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 0, run.stdout
    assert "2 passed" in run.stdout


def test_the_plugin_flag_turns_it_off_and_the_fixture_is_then_unknown(tmp_path: Path) -> None:
    (tmp_path / "test_user.py").write_text(USER_TESTS)

    off = ["-p", "no:ec2_export_image_tasks"]

    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *off, "test_user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 1, run.stdout
    assert "fixture 'local_ec2' not found" in run.stdout
    assert "2 errors" in run.stdout


def test_the_plugin_adds_the_fixture_and_no_hook(request: pytest.FixtureRequest) -> None:
    plugin = request.config.pluginmanager.get_plugin("ec2_export_image_tasks")

    assert plugin is not None
    assert [name for name in dir(plugin) if name.startswith("pytest_")] == []
    assert plugin.__all__ == ["local_ec2"]


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    script = (
        "import sys\n"
        "import ec2_export_image_tasks.testing._pytest_plugin\n"
        "heavy = ('boto3', 'botocore', 'pydantic', 'urllib.request')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )

    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert run.stdout.strip() == "[]"


def test_the_fixtures_endpoint_plays_no_habit_until_given_some(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    local_ec2.images.add("ami-0123456789abcdef0")
    local_ec2.buckets.add("exports")
    playing = local_ec2.habits
    local_ec2.habits = Habits(enum_case=str.lower)

    answer = local_ec2.client.export_image(
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
    )

    assert playing == Habits()
    assert str(answer.get("DiskImageFormat")) == "vmdk"  # the stubs know only upper case
