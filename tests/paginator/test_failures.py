"""What goes wrong while paging: bad requests, bad service data, failing pages, token cycles."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks import (
    ExportImageTaskPaginator,
    InvalidItemError,
    InvalidStartingTokenError,
    PaginationCycleError,
)
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2

from .helpers import scripted_client, task_id

BAD_STATUS = {"ExportImageTaskId": task_id(99), "Status": "exploded"}


def _good(number: int) -> dict[str, object]:
    return {"ExportImageTaskId": task_id(number), "Status": "active", "Progress": "5"}


def _botocore_token(payload: object) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


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
    local_ec2: LocalEC2, request_kwargs: dict[str, Any], field: str, value: str
) -> None:
    with pytest.raises(ValueError, match=field) as raised:
        ExportImageTaskPaginator(local_ec2.client).paginate(**request_kwargs)

    assert value in str(raised.value)
    assert local_ec2.requests == []


@pytest.mark.parametrize(
    "token",
    [
        _botocore_token({"NextToken": 5}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": -1}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": "3"}),
        _botocore_token({"NextToken": "a", "boto_truncate_amount": True}),
        _botocore_token({"NextToken": "a", "Marker": "b"}),
        _botocore_token({"boto_truncate_amount": 2}),
        _botocore_token(["NextToken", "a"]),
        "a___b___3",
        "a___-2",
    ],
)
def test_a_malformed_starting_token_is_refused_before_sending(
    local_ec2: LocalEC2, token: str
) -> None:
    with pytest.raises(InvalidStartingTokenError, match="StartingToken") as raised:
        ExportImageTaskPaginator(local_ec2.client).paginate(
            PaginationConfig={"StartingToken": token}
        )

    assert token in str(raised.value)
    assert local_ec2.requests == []


def test_an_invalid_task_is_raised_after_the_ones_before_it(local_ec2: LocalEC2) -> None:
    for raw in (_good(0), _good(1), BAD_STATUS, _good(2)):
        local_ec2.add_task(raw)
    it = ExportImageTaskPaginator(local_ec2.client).paginate()
    yielded: list[str | None] = []

    with pytest.raises(InvalidItemError) as raised:
        yielded.extend(task.export_image_task_id for task in it)

    error = raised.value
    assert yielded == [task_id(0), task_id(1)]
    assert (error.item_id, error.field, error.value) == (task_id(99), "Status", "exploded")
    assert error.raw_item == BAD_STATUS
    assert task_id(99) in str(error)
    assert "Status" in str(error)
    assert "exploded" in str(error)
    assert isinstance(error, ValueError)


def test_an_invalid_tag_key_names_the_nested_field(local_ec2: LocalEC2) -> None:
    key = "k" * 128
    local_ec2.add_task({"ExportImageTaskId": task_id(7), "Tags": [{"Key": key}]})

    with pytest.raises(InvalidItemError) as raised:
        list(ExportImageTaskPaginator(local_ec2.client).paginate())

    assert (raised.value.field, raised.value.value) == ("Tags.0.Key", key)


def test_skip_keeps_the_valid_tasks_and_records_each_skipped_one(local_ec2: LocalEC2) -> None:
    for raw in (_good(0), BAD_STATUS, _good(1), {"Progress": "101"}):
        local_ec2.add_task(raw)
    it = ExportImageTaskPaginator(local_ec2.client, on_invalid="skip").paginate(
        PaginationConfig={"PageSize": 3}
    )

    yielded = [task.export_image_task_id for task in it]

    assert yielded == [task_id(0), task_id(1)]
    assert [(e.item_id, e.field, e.raw_item) for e in it.errors] == [
        (task_id(99), "Status", BAD_STATUS),
        (None, "Progress", {"Progress": "101"}),
    ]


def test_resuming_after_a_failed_page_yields_exactly_the_rest() -> None:
    client, script = scripted_client(
        ([_good(0), _good(1)], "t1"), Ec2Error("InternalError", "boom", 500), ([_good(2)], None)
    )
    it = ExportImageTaskPaginator(client).paginate()
    yielded: list[str | None] = []

    with pytest.raises(ClientError, match="InternalError"):
        yielded.extend(task.export_image_task_id for task in it)
    resumed = ExportImageTaskPaginator(client).paginate(
        PaginationConfig={"StartingToken": it.resume_token or ""}
    )

    assert yielded + [task.export_image_task_id for task in resumed] == [
        task_id(0),
        task_id(1),
        task_id(2),
    ]
    assert script.requests[2]["NextToken"] == "t1"


def test_a_next_token_cycle_raises_instead_of_looping() -> None:
    client, script = scripted_client(
        ([_good(0)], "A"), ([_good(1)], "B"), ([_good(2)], "A"), ([_good(3)], "B")
    )
    yielded: list[str | None] = []

    with pytest.raises(PaginationCycleError, match="'A'"):
        yielded.extend(
            task.export_image_task_id for task in ExportImageTaskPaginator(client).paginate()
        )

    assert yielded == [task_id(0), task_id(1), task_id(2)]
    assert len(script.requests) == 3


def test_dry_run_raises_boto3s_client_error(local_ec2: LocalEC2) -> None:
    with pytest.raises(ClientError, match="DryRunOperation"):
        list(ExportImageTaskPaginator(local_ec2.client).paginate(DryRun=True))


@pytest.mark.parametrize(("authorized", "expected"), [(True, True), (False, False)])
def test_check_permissions_answers_from_the_dry_run(
    local_ec2: LocalEC2, authorized: bool, expected: bool
) -> None:
    local_ec2.authorized = authorized

    assert ExportImageTaskPaginator(local_ec2.client).check_permissions() is expected
    assert local_ec2.requests[0]["DryRun"] == "true"


def test_check_permissions_reraises_any_other_error() -> None:
    client, _ = scripted_client(Ec2Error("RequestLimitExceeded", "slow down"))

    with pytest.raises(ClientError, match="RequestLimitExceeded"):
        ExportImageTaskPaginator(client).check_permissions()
