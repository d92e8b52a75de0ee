"""The public surface, listed exactly: what users may import, so what we must keep stable.

Growing it is a decision a reviewer sees here. Every other module is ``_``-private (its own
name or a package's), and so is every name a public module does not list in ``__all__``.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from importlib import import_module

import pytest

import ec2_export_image_tasks
import ec2_export_image_tasks.testing

MAX_MODULES = 16
MAX_OBJECTS = 110

SURFACE: dict[str, set[str]] = {
    "ec2_export_image_tasks": {
        "AsyncEC2ClientProtocol",
        "AsyncExportImageTaskIterator",
        "AsyncExportImageTaskPaginator",
        "CLIENT_TOKEN",
        "CancelExportTaskRequest",
        "DescribeExportImageTasksRequest",
        "DescribeExportImageTasksResponse",
        "DiskImageFormat",
        "EC2ClientProtocol",
        "EmptyPagesError",
        "ExportFailedError",
        "ExportImageRequest",
        "ExportImageResponse",
        "ExportImageTask",
        "ExportImageTaskIterator",
        "ExportImageTaskPaginator",
        "ExportImageTaskStatus",
        "ExportImageTasksError",
        "ExportNotCancellableError",
        "ExportTaskS3LocationRequest",
        "ExportWithoutIdError",
        "Filter",
        "InvalidItemError",
        "InvalidStartingTokenError",
        "IteratorConsumedError",
        "MAX_INTERVAL",
        "MIN_INTERVAL",
        "NOT_VISIBLE_GRACE",
        "OnInvalid",
        "PaginationConfig",
        "PaginationCycleError",
        "REGION_TIMEOUT",
        "RegionError",
        "RegionListing",
        "RegionsFailedError",
        "S3ExportLocation",
        "StatusMissingError",
        "Tag",
        "TagSpecification",
        "TaskNotFoundError",
        "WaitTimeoutError",
        "async_cancel_export",
        "async_check_export_permissions",
        "async_start_export",
        "async_wait_for_export",
        "cancel_export",
        "check_export_permissions",
        "list_export_image_tasks_in_regions",
        "start_export",
        "wait_for_export",
    },
    "ec2_export_image_tasks.errors": {
        "EmptyPagesError",
        "ExportFailedError",
        "ExportImageTasksError",
        "ExportNotCancellableError",
        "ExportWithoutIdError",
        "InvalidItemError",
        "InvalidStartingTokenError",
        "IteratorConsumedError",
        "PaginationCycleError",
        "RegionError",
        "RegionsFailedError",
        "StatusMissingError",
        "TaskNotFoundError",
        "WaitTimeoutError",
    },
    "ec2_export_image_tasks.models": {
        "CancelExportTaskRequest",
        "CancelExportTaskRequestTypeDef",
        "ClientToken",
        "DescribeExportImageTasksPageTypeDef",
        "DescribeExportImageTasksRequestPaginateTypeDef",
        "DescribeExportImageTasksRequest",
        "DescribeExportImageTasksResponse",
        "Description",
        "DiskImageFormat",
        "ExportImageAnswerTypeDef",
        "ExportImageRequest",
        "ExportImageRequestTypeDef",
        "ExportImageResponse",
        "ExportImageTask",
        "ExportImageTaskId",
        "ExportImageTaskStatus",
        "ExportTaskId",
        "ExportTaskS3LocationRequest",
        "Filter",
        "ImageId",
        "PaginationConfig",
        "Percent",
        "RoleName",
        "S3BucketName",
        "S3ExportLocation",
        "Tag",
        "TagKey",
        "TagSpecification",
        "TagValue",
        "json_schema",
    },
    "ec2_export_image_tasks.paginator": {
        "AsyncBotocoreClientProtocol",
        "AsyncTypedIterator",
        "AsyncTypedPaginator",
        "BotoRequest",
        "BotocoreClientProtocol",
        "OnInvalid",
        "PaginatorSpec",
        "TypedIterator",
        "TypedPaginator",
    },
    "ec2_export_image_tasks.strategies": {
        "boto_dicts",
        "client_tokens",
        "disk_image_formats",
        "export_image_task_ids",
        "export_task_ids",
        "image_ids",
        "model_instances",
        "role_names",
        "s3_bucket_names",
        "statuses",
        "tag_keys",
        "tag_values",
        "xml_text",
    },
    "ec2_export_image_tasks.testing": {
        "Ec2Error",
        "Habits",
        "Handler",
        "LocalEC2",
        "Reply",
        "answer_with",
        "error_reply",
        "make_client",
        "page_reply",
        "sample_task",
    },
    "ec2_export_image_tasks.testing.aio": {
        "answer_with_async",
        "local_session",
        "make_async_client",
    },
}
"""Each public module and its ``__all__``."""


def _is_private(module: str) -> bool:
    return any(part.startswith("_") for part in module.split(".")[1:])


def test_the_public_modules_are_exactly_the_listed_ones() -> None:
    package = ec2_export_image_tasks
    found = {package.__name__} | {
        info.name
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
        if not _is_private(info.name)
    }

    assert found == set(SURFACE)
    assert len(found) <= MAX_MODULES


@pytest.mark.parametrize("module", sorted(SURFACE))
def test_each_public_module_exports_exactly_the_listed_names(module: str) -> None:
    public = import_module(module)

    assert sorted(public.__all__) == sorted(SURFACE[module])
    assert all(hasattr(public, name) for name in public.__all__)


def test_the_surface_holds_at_most_the_budgeted_distinct_objects() -> None:
    objects = {
        id(getattr(import_module(module), name)): name
        for module, names in SURFACE.items()
        for name in names
    }

    assert len(objects) <= MAX_OBJECTS


def test_the_command_line_is_reached_only_by_its_script_and_python_m() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ec2_export_image_tasks", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )

    assert run.stdout.strip().endswith(ec2_export_image_tasks.__version__)
    assert not hasattr(ec2_export_image_tasks, "cli")


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
        "print('ec2_export_image_tasks.models._export_image' in sys.modules)\n"
    )

    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert run.stdout.strip() == "False"
