"""What goes wrong while paging, sync and async alike: bad requests and data, failures, cycles."""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError
from pydantic import ValidationError

from ec2_export_image_tasks import (
    InvalidItemError,
    InvalidStartingTokenError,
    PaginationCycleError,
)
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2

from .drivers import Driver, Taken
from .helpers import INTERNAL_ERROR, ScriptedPages, good, ids, task_id

if TYPE_CHECKING:
    from collections.abc import Mapping

BAD_STATUS = {"ExportImageTaskId": task_id(99), "Status": "exploded"}


def _botocore_token(payload: object) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


def _serve_tasks(driver: Driver, *tasks: Mapping[str, object]) -> LocalEC2:
    service = LocalEC2()
    for task in tasks:
        service.add_task(task)
    driver.serve(service)
    return service


@pytest.mark.parametrize(
    ("request_kwargs", "field", "value"),
    [
        ({"PaginationConfig": {"PageSize": 501}}, "PaginationConfig.PageSize", "501"),
        ({"PaginationConfig": {"PageSize": 0}}, "PaginationConfig.PageSize", "0"),
        ({"PaginationConfig": {"MaxItems": 0}}, "PaginationConfig.MaxItems", "0"),
        ({"ExportImageTaskIds": ["export-ami-XYZ"]}, "ExportImageTaskIds.0", "export-ami-XYZ"),
        (
            {"Filters": [{"Name": "task-state", "Values": ["running"]}]},
            "Filters.0.Values",
            "running",
        ),
        ({"DryRun": "yes"}, "DryRun", "yes"),
        ({"MaxResults": 5}, "MaxResults", "5"),
    ],
)
def test_a_bad_request_raises_value_error_naming_the_field_and_sends_nothing(
    driver: Driver, request_kwargs: dict[str, Any], field: str, value: str
) -> None:
    service = _serve_tasks(driver)

    with pytest.raises(ValueError, match=field) as raised:
        driver.paginate(**request_kwargs)

    assert value in str(raised.value)
    assert service.requests == []


@pytest.mark.parametrize(
    "token",
    [
        _botocore_token({"NextToken": 5}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": -1}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": "3"}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": True}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": 2**31}),
        _botocore_token({"NextToken": "a", "Marker": "b"}),
        _botocore_token({"NextToken": ""}),
        _botocore_token({"boto_truncate_amount": 2}),
        _botocore_token(["NextToken", "a"]),
        base64.b64encode(b"[" * 100_000 + b"]" * 100_000).decode(),
        "a___b___3",
        "a___-2",
        "a___" + "9" * 5000,
    ],
    ids=lambda token: token if len(token) < 40 else f"{token[:20]}...({len(token)})",
)
def test_a_malformed_starting_token_is_refused_before_sending(driver: Driver, token: str) -> None:
    service = _serve_tasks(driver, good(0))

    with pytest.raises(InvalidStartingTokenError, match="StartingToken"):
        driver.paginate(PaginationConfig={"StartingToken": token})

    assert service.requests == []


@pytest.mark.parametrize("on_invalid", ["Raise", "SKIP", "ignore", None])
def test_an_unknown_on_invalid_is_a_value_error_at_construction(
    driver: Driver, on_invalid: Any
) -> None:
    service = _serve_tasks(driver, BAD_STATUS)

    with pytest.raises(ValueError, match="on_invalid") as raised:
        driver.paginate(on_invalid=on_invalid)

    assert repr(on_invalid) in str(raised.value)
    assert service.requests == []


def test_an_invalid_task_is_raised_after_the_ones_before_it(driver: Driver) -> None:
    _serve_tasks(driver, good(0), good(1), BAD_STATUS, good(2))

    taken = driver.take(driver.paginate())

    assert taken.ids == ids(0, 1)
    error = taken.error
    assert isinstance(error, InvalidItemError)
    assert (error.item_id, error.field, error.value) == (task_id(99), "Status", "exploded")
    assert error.raw_item == BAD_STATUS
    for named in (task_id(99), "Status", "exploded"):
        assert named in str(error)


def test_an_invalid_task_is_a_value_error_carrying_every_failed_field(driver: Driver) -> None:
    _serve_tasks(driver, {"ExportImageTaskId": task_id(5), "Status": "exploded", "Progress": "101"})

    error = driver.take(driver.paginate()).error

    assert isinstance(error, InvalidItemError)
    assert isinstance(error, ValueError)
    assert isinstance(error.validation_error, ValidationError)
    assert sorted(e["loc"] for e in error.validation_error.errors()) == [("Progress",), ("Status",)]


def test_an_invalid_tag_key_names_the_nested_field(driver: Driver) -> None:
    key = "k" * 128
    _serve_tasks(driver, {"ExportImageTaskId": task_id(7), "Tags": [{"Key": key}]})

    error = driver.take(driver.paginate()).error

    assert isinstance(error, InvalidItemError)
    assert (error.field, error.value) == ("Tags.0.Key", key)


def test_skip_keeps_the_valid_tasks_and_records_each_skipped_one(driver: Driver) -> None:
    _serve_tasks(driver, good(0), BAD_STATUS, good(1), {"Progress": "101"})
    it = driver.paginate(on_invalid="skip", PaginationConfig={"PageSize": 3})

    assert driver.take(it) == Taken(ids(0, 1))
    assert [(e.item_id, e.field, e.raw_item) for e in it.errors] == [
        (task_id(99), "Status", BAD_STATUS),
        (None, "Progress", {"Progress": "101"}),
    ]


def test_resuming_after_a_failed_page_yields_exactly_the_rest(driver: Driver) -> None:
    script = ScriptedPages([([good(0), good(1)], "t1"), INTERNAL_ERROR, ([good(2)], None)])
    driver.serve(script)
    it = driver.paginate()

    taken = driver.take(it)
    resumed = driver.take(driver.paginate(PaginationConfig={"StartingToken": it.resume_token}))

    assert isinstance(taken.error, ClientError)
    assert taken.ids + resumed.unwrap() == ids(0, 1, 2)
    assert [request.get("NextToken") for request in script.requests] == [None, "t1", "t1"]


def test_a_next_token_cycle_raises_instead_of_looping(driver: Driver) -> None:
    script = ScriptedPages([([good(0)], "A"), ([good(1)], "B"), ([good(2)], "A"), ([good(3)], "B")])
    driver.serve(script)

    taken = driver.take(driver.paginate())

    assert taken.ids == ids(0, 1, 2)
    assert isinstance(taken.error, PaginationCycleError)
    assert taken.error.token == "A"
    assert len(script.requests) == 3


def test_dry_run_raises_the_librarys_client_error(driver: Driver) -> None:
    _serve_tasks(driver)

    error = driver.take(driver.paginate(DryRun=True)).error

    assert isinstance(error, ClientError)
    assert error.response.get("Error", {}).get("Code") == "DryRunOperation"


@pytest.mark.parametrize("authorized", [True, False])
def test_check_permissions_answers_from_the_dry_run(driver: Driver, authorized: bool) -> None:
    service = _serve_tasks(driver)
    service.authorized = authorized

    assert driver.check_permissions() is authorized
    assert [request["DryRun"] for request in service.requests] == ["true"]


def test_check_permissions_reraises_any_other_error(driver: Driver) -> None:
    driver.serve(ScriptedPages([Ec2Error("RequestLimitExceeded", "slow down")]))

    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        driver.check_permissions()
