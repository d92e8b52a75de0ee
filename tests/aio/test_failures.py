"""What goes wrong while paging asynchronously: bad requests and data, failing pages, cycles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks import (
    AsyncExportImageTaskPaginator,
    InvalidItemError,
    InvalidStartingTokenError,
    PaginationCycleError,
)
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2

from ..paginator.helpers import ScriptedPages, task_id
from .helpers import ids, ids_until, run

if TYPE_CHECKING:
    from collections.abc import Mapping

    from types_aiobotocore_ec2.client import EC2Client

BAD_STATUS = {"ExportImageTaskId": task_id(99), "Status": "exploded"}


def _good(number: int) -> dict[str, object]:
    return {"ExportImageTaskId": task_id(number), "Status": "active", "Progress": "5"}


def _service(*tasks: Mapping[str, object]) -> LocalEC2:
    service = LocalEC2()
    for task in tasks:
        service.add_task(task)
    return service


@pytest.mark.parametrize(
    ("request_kwargs", "field", "value"),
    [
        ({"PaginationConfig": {"PageSize": 501}}, "PaginationConfig.PageSize", "501"),
        ({"PaginationConfig": {"MaxItems": 0}}, "PaginationConfig.MaxItems", "0"),
        ({"ExportImageTaskIds": ["export-ami-XYZ"]}, "ExportImageTaskIds.0", "export-ami-XYZ"),
        (
            {"Filters": [{"Name": "task-state", "Values": ["running"]}]},
            "Filters.0.Values",
            "running",
        ),
        ({"MaxResults": 5}, "MaxResults", "5"),
    ],
)
def test_a_bad_request_raises_value_error_naming_the_field_and_sends_nothing(
    request_kwargs: dict[str, Any], field: str, value: str
) -> None:
    service = LocalEC2()

    async def scenario(client: EC2Client) -> None:
        with pytest.raises(ValueError, match=field) as raised:
            AsyncExportImageTaskPaginator(client).paginate(**request_kwargs)
        assert value in str(raised.value)

    run(service, scenario)

    assert service.requests == []


def test_a_malformed_starting_token_is_refused_before_sending() -> None:
    service = LocalEC2()

    async def scenario(client: EC2Client) -> None:
        with pytest.raises(InvalidStartingTokenError, match="a___-2"):
            AsyncExportImageTaskPaginator(client).paginate(
                PaginationConfig={"StartingToken": "a___-2"}
            )

    run(service, scenario)

    assert service.requests == []


def test_an_invalid_task_is_raised_after_the_ones_before_it() -> None:
    service = _service(_good(0), _good(1), BAD_STATUS, _good(2))

    async def scenario(client: EC2Client) -> tuple[list[str | None], InvalidItemError]:
        return await ids_until(InvalidItemError, AsyncExportImageTaskPaginator(client).paginate())

    yielded, error = run(service, scenario)

    assert yielded == [task_id(0), task_id(1)]
    assert (error.item_id, error.field, error.value) == (task_id(99), "Status", "exploded")
    assert error.raw_item == BAD_STATUS
    for named in (task_id(99), "Status", "exploded"):
        assert named in str(error)


def test_skip_keeps_the_valid_tasks_and_records_each_skipped_one() -> None:
    service = _service(_good(0), BAD_STATUS, _good(1), {"Progress": "101"})

    async def scenario(client: EC2Client) -> tuple[list[str | None], list[InvalidItemError]]:
        it = AsyncExportImageTaskPaginator(client, on_invalid="skip").paginate(
            PaginationConfig={"PageSize": 3}
        )
        return await ids(it), list(it.errors)

    yielded, errors = run(service, scenario)

    assert yielded == [task_id(0), task_id(1)]
    assert [(e.item_id, e.field, e.raw_item) for e in errors] == [
        (task_id(99), "Status", BAD_STATUS),
        (None, "Progress", {"Progress": "101"}),
    ]


def test_resuming_after_a_failed_page_yields_exactly_the_rest() -> None:
    script = ScriptedPages(
        [([_good(0), _good(1)], "t1"), Ec2Error("InternalError", "boom", 500), ([_good(2)], None)]
    )

    async def scenario(client: EC2Client) -> list[str | None]:
        it = AsyncExportImageTaskPaginator(client).paginate()
        yielded, error = await ids_until(ClientError, it)
        assert "InternalError" in str(error)
        resumed = AsyncExportImageTaskPaginator(client).paginate(
            PaginationConfig={"StartingToken": it.resume_token or ""}
        )
        return yielded + await ids(resumed)

    assert run(script, scenario) == [task_id(0), task_id(1), task_id(2)]
    assert len(script.requests) == 3
    assert script.requests[2]["NextToken"] == "t1"


def test_a_next_token_cycle_raises_instead_of_looping() -> None:
    script = ScriptedPages(
        [([_good(0)], "A"), ([_good(1)], "B"), ([_good(2)], "A"), ([_good(3)], "B")]
    )

    async def scenario(client: EC2Client) -> tuple[list[str | None], PaginationCycleError]:
        it = AsyncExportImageTaskPaginator(client).paginate()
        return await ids_until(PaginationCycleError, it)

    yielded, error = run(script, scenario)

    assert yielded == [task_id(0), task_id(1), task_id(2)]
    assert error.token == "A"
    assert len(script.requests) == 3


def test_dry_run_raises_aiobotocores_client_error() -> None:
    async def scenario(client: EC2Client) -> tuple[list[str | None], ClientError]:
        return await ids_until(
            ClientError, AsyncExportImageTaskPaginator(client).paginate(DryRun=True)
        )

    _, error = run(LocalEC2(), scenario)

    assert error.response.get("Error", {}).get("Code") == "DryRunOperation"


@pytest.mark.parametrize(("authorized", "expected"), [(True, True), (False, False)])
def test_check_permissions_answers_from_the_dry_run(authorized: bool, expected: bool) -> None:
    service = LocalEC2()
    service.authorized = authorized

    async def scenario(client: EC2Client) -> bool:
        return await AsyncExportImageTaskPaginator(client).check_permissions()

    assert run(service, scenario) is expected
    assert [request["DryRun"] for request in service.requests] == ["true"]


def test_check_permissions_reraises_any_other_error() -> None:
    script = ScriptedPages([Ec2Error("RequestLimitExceeded", "slow down")])

    async def scenario(client: EC2Client) -> None:
        with pytest.raises(ClientError, match="RequestLimitExceeded"):
            await AsyncExportImageTaskPaginator(client).check_permissions()

    run(script, scenario)
