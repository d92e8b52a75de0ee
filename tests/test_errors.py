"""Errors travel: every class pickles and copies as itself, message and attributes intact."""

from __future__ import annotations

import copy
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, cast

import pytest
from botocore.exceptions import ClientError
from pydantic import ValidationError

from ec2_export_image_tasks import ExportImageResponse, ExportImageTask, errors
from ec2_export_image_tasks.errors import (
    EmptyPagesError,
    ExportFailedError,
    ExportImageTasksError,
    ExportNotCancellableError,
    ExportWithoutIdError,
    InvalidItemError,
    InvalidStartingTokenError,
    IteratorConsumedError,
    PaginationCycleError,
    RegionError,
    RegionsFailedError,
    StatusMissingError,
    TaskNotFoundError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

ACTIVE = ExportImageTask.model_validate(
    {"ExportImageTaskId": "export-ami-0123456789abcdef0", "Status": "active", "Progress": "45"}
)
DELETED = ACTIVE.model_copy(update={"status": "deleted", "status_message": "cancelled"})
BAD_ITEM = {"ExportImageTaskId": "export-ami-0123456789abcdef0", "Progress": "101"}


def _validation_error() -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        ExportImageTask.model_validate(BAD_ITEM)
    return raised.value


def _region_error(region: str) -> RegionError:
    refused = ClientError({"Error": {"Code": "UnauthorizedOperation", "Message": "no"}}, "Describe")
    return RegionError(region, refused, resume_token=f"{region}-token")  # kept when pickled


def _regions_failed() -> RegionsFailedError:
    return RegionsFailedError([_region_error("eu-west-1"), _region_error("us-east-1")])


SAMPLES: dict[type[ExportImageTasksError], Callable[[], ExportImageTasksError]] = {
    ExportImageTasksError: lambda: ExportImageTasksError("something went wrong"),
    InvalidItemError: lambda: InvalidItemError(
        item_id="export-ami-0123456789abcdef0", raw_item=BAD_ITEM, error=_validation_error()
    ),
    InvalidStartingTokenError: lambda: InvalidStartingTokenError("e30=", "no NextToken"),
    PaginationCycleError: lambda: PaginationCycleError("token-a"),
    EmptyPagesError: lambda: EmptyPagesError(100, "eyJOZXh0VG9rZW4iOiAiYSJ9"),
    IteratorConsumedError: IteratorConsumedError,
    RegionError: lambda: _region_error("eu-west-1"),
    RegionsFailedError: _regions_failed,
    ExportFailedError: lambda: ExportFailedError(DELETED),
    WaitTimeoutError: lambda: WaitTimeoutError("export-ami-0123456789abcdef0", 60.0, ACTIVE),
    TaskNotFoundError: lambda: TaskNotFoundError("export-ami-0123456789abcdef0"),
    StatusMissingError: lambda: StatusMissingError(ACTIVE, 5),
    ExportWithoutIdError: lambda: ExportWithoutIdError(
        "run-7", ExportImageResponse.model_validate({"Status": "active", "Progress": "0"})
    ),
    ExportNotCancellableError: lambda: ExportNotCancellableError(
        "export-ami-0123456789abcdef0", "IncorrectState", "completed"
    ),
}
each_error = pytest.mark.parametrize("cls", list(SAMPLES), ids=lambda cls: cls.__name__)


def _all_error_classes(root: type[BaseException]) -> set[type[BaseException]]:
    below = set(root.__subclasses__())
    return {root}.union(*(_all_error_classes(cls) for cls in below))


def comparable(value: object) -> object:
    """A form of ``value`` that ``==`` compares by content (exceptions do not)."""
    if isinstance(value, ValidationError):
        return ("ValidationError", value.title, value.errors())
    if isinstance(value, BaseException):
        return (type(value), str(value), comparable(value.args), comparable(vars(value)))
    if isinstance(value, dict):
        mapping = cast("dict[object, object]", value)
        return {key: comparable(item) for key, item in mapping.items()}
    if isinstance(value, list | tuple):
        return [comparable(item) for item in cast("list[object] | tuple[object, ...]", value)]
    return value


def test_every_error_class_of_the_package_has_a_sample_here() -> None:
    assert _all_error_classes(ExportImageTasksError) == set(SAMPLES)
    assert {getattr(errors, name) for name in errors.__all__} == set(SAMPLES)


@each_error
def test_the_error_survives_pickling_as_itself(cls: type[ExportImageTasksError]) -> None:
    error = SAMPLES[cls]()

    again = pickle.loads(pickle.dumps(error))

    assert type(again) is cls
    assert comparable(again) == comparable(error)


@each_error
@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy], ids=["copy", "deepcopy"])
def test_the_error_copies_as_itself(
    cls: type[ExportImageTasksError], copier: Callable[[object], object]
) -> None:
    error = SAMPLES[cls]()

    again = copier(error)

    assert type(again) is cls
    assert comparable(again) == comparable(error)


def _time_out_in_a_worker() -> None:
    raise SAMPLES[WaitTimeoutError]()


def test_an_error_raised_in_a_worker_process_reaches_the_caller_as_itself() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_time_out_in_a_worker)

        with pytest.raises(WaitTimeoutError) as raised:
            future.result(timeout=60)

    assert raised.value.last_seen == ACTIVE
    assert raised.value.timeout == 60.0


def test_failed_regions_are_handled_one_by_one_with_except_star() -> None:
    handled: list[str] = []

    try:
        raise _regions_failed()
    except* RegionError as group:
        handled = [
            failure.region for failure in group.exceptions if isinstance(failure, RegionError)
        ]

    assert handled == ["eu-west-1", "us-east-1"]


def test_failed_regions_are_still_caught_as_the_package_error_and_name_each_region() -> None:
    with pytest.raises(ExportImageTasksError) as raised:
        raise _regions_failed()

    assert isinstance(raised.value, RegionsFailedError)
    assert [failure.region for failure in raised.value.failures] == ["eu-west-1", "us-east-1"]
    assert str(raised.value).startswith("2 region(s) failed: eu-west-1: ClientError")


def test_a_part_of_the_failed_regions_is_still_a_regions_failed_error() -> None:
    group = _regions_failed()

    west, _rest = group.split(
        lambda failure: isinstance(failure, RegionError) and failure.region == "eu-west-1"
    )

    assert isinstance(west, RegionsFailedError)
    assert [failure.region for failure in west.failures] == ["eu-west-1"]
