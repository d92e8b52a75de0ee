"""DescribeExportImageTasks as a real boto3 client sees it: selection, paging, DryRun, errors."""

from __future__ import annotations

import base64
import contextlib
import json
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks import ExportImageTask, ExportImageTaskStatus
from ec2_export_image_tasks.testing import sample_task

if TYPE_CHECKING:
    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ec2.type_defs import DescribeExportImageTasksRequestTypeDef

    from ec2_export_image_tasks.testing import LocalEC2

UNKNOWN_ID = "export-ami-0000000000000dead"


def _error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = raised.value.response
    error = response.get("Error", {})
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    return error.get("Code", ""), error.get("Message", ""), status


def test_without_parameters_every_task_comes_in_one_page(local_ec2: LocalEC2[EC2Client]) -> None:
    stored = local_ec2.add_tasks(7)

    answer = local_ec2.client.describe_export_image_tasks()

    assert answer["ExportImageTasks"] == stored
    assert "NextToken" not in answer


def test_an_empty_backend_answers_an_empty_list(local_ec2: LocalEC2[EC2Client]) -> None:
    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == []


def test_ids_select_their_tasks_in_the_order_asked(local_ec2: LocalEC2[EC2Client]) -> None:
    tasks = local_ec2.add_tasks(4)

    answer = local_ec2.client.describe_export_image_tasks(
        ExportImageTaskIds=[str(tasks[3]["ExportImageTaskId"]), str(tasks[1]["ExportImageTaskId"])]
    )

    assert answer["ExportImageTasks"] == [tasks[3], tasks[1]]


def test_an_unknown_id_is_not_found_and_named(local_ec2: LocalEC2[EC2Client]) -> None:
    local_ec2.add_tasks(2)

    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(ExportImageTaskIds=[UNKNOWN_ID])

    code, message, status = _error(raised)
    assert (code, status) == ("InvalidExportImageTaskId.NotFound", 400)
    assert UNKNOWN_ID in message


def test_the_task_state_filter_selects_by_status(local_ec2: LocalEC2[EC2Client]) -> None:
    local_ec2.add_tasks(1, ExportImageTaskStatus.COMPLETED)
    active = local_ec2.add_tasks(2, ExportImageTaskStatus.ACTIVE)
    local_ec2.add_tasks(1, ExportImageTaskStatus.DELETED)

    answer = local_ec2.client.describe_export_image_tasks(
        Filters=[{"Name": "task-state", "Values": ["active"]}]
    )

    assert answer["ExportImageTasks"] == active


def test_a_task_state_filter_matches_any_of_its_values(local_ec2: LocalEC2[EC2Client]) -> None:
    completed = local_ec2.add_tasks(1, ExportImageTaskStatus.COMPLETED)
    local_ec2.add_tasks(1, ExportImageTaskStatus.ACTIVE)
    deleted = local_ec2.add_tasks(1, ExportImageTaskStatus.DELETED)

    answer = local_ec2.client.describe_export_image_tasks(
        Filters=[{"Name": "task-state", "Values": ["deleted", "completed"]}]
    )

    assert answer["ExportImageTasks"] == completed + deleted


def test_a_task_must_match_every_filter(local_ec2: LocalEC2[EC2Client]) -> None:
    local_ec2.add_tasks(2, ExportImageTaskStatus.ACTIVE)

    answer = local_ec2.client.describe_export_image_tasks(
        Filters=[
            {"Name": "task-state", "Values": ["active"]},
            {"Name": "task-state", "Values": ["completed"]},
        ]
    )

    assert answer["ExportImageTasks"] == []


def test_ids_and_a_filter_combine(local_ec2: LocalEC2[EC2Client]) -> None:
    completed = local_ec2.add_tasks(1, ExportImageTaskStatus.COMPLETED)
    active = local_ec2.add_tasks(1, ExportImageTaskStatus.ACTIVE)
    ids = [str(task["ExportImageTaskId"]) for task in completed + active]

    answer = local_ec2.client.describe_export_image_tasks(
        ExportImageTaskIds=ids, Filters=[{"Name": "task-state", "Values": ["active"]}]
    )

    assert answer["ExportImageTasks"] == active


def test_an_unknown_filter_name_is_an_invalid_parameter_value(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(
            Filters=[{"Name": "status", "Values": ["active"]}]
        )

    code, message, _ = _error(raised)
    assert code == "InvalidParameterValue"
    assert "status" in message


def test_max_results_and_next_token_page_through_every_task(local_ec2: LocalEC2[EC2Client]) -> None:
    stored = local_ec2.add_tasks(7)
    pages = [local_ec2.client.describe_export_image_tasks(MaxResults=3)]
    while "NextToken" in pages[-1]:
        next_token = pages[-1]["NextToken"]
        pages.append(
            local_ec2.client.describe_export_image_tasks(MaxResults=3, NextToken=next_token)
        )

    assert [len(page["ExportImageTasks"]) for page in pages] == [3, 3, 1]
    assert [task for page in pages for task in page["ExportImageTasks"]] == stored


def test_boto3s_own_paginator_pages_through_every_task(local_ec2: LocalEC2[EC2Client]) -> None:
    stored = local_ec2.add_tasks(5)
    pages = list(
        local_ec2.client.get_paginator("describe_export_image_tasks").paginate(
            PaginationConfig={"PageSize": 2}
        )
    )

    assert [len(page["ExportImageTasks"]) for page in pages] == [2, 2, 1]
    assert [task for page in pages for task in page["ExportImageTasks"]] == stored


def test_boto3s_paginator_sends_the_page_size_and_each_token(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    local_ec2.add_tasks(5)
    pages = list(
        local_ec2.client.get_paginator("describe_export_image_tasks").paginate(
            PaginationConfig={"PageSize": 2}
        )
    )

    sent = [(request.get("MaxResults"), request.get("NextToken")) for request in local_ec2.requests]
    tokens = [None] + [page.get("NextToken") for page in pages[:-1]]
    assert sent == [("2", token) for token in tokens]
    assert None not in tokens[1:]


def test_a_page_size_may_change_between_pages(local_ec2: LocalEC2[EC2Client]) -> None:
    stored = local_ec2.add_tasks(5)
    first = local_ec2.client.describe_export_image_tasks(MaxResults=2)

    rest = local_ec2.client.describe_export_image_tasks(
        MaxResults=500, NextToken=first.get("NextToken", "")
    )

    assert rest["ExportImageTasks"] == stored[2:]
    assert "NextToken" not in rest


@pytest.mark.parametrize("max_results", [1, 500])
def test_max_results_from_1_to_500_is_accepted(
    local_ec2: LocalEC2[EC2Client], max_results: int
) -> None:
    local_ec2.add_tasks(2)

    answer = local_ec2.client.describe_export_image_tasks(MaxResults=max_results)

    assert len(answer["ExportImageTasks"]) == min(max_results, 2)


@pytest.mark.parametrize("max_results", [501, 1000])
def test_max_results_over_500_is_an_invalid_parameter_value(
    local_ec2: LocalEC2[EC2Client], max_results: int
) -> None:
    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(MaxResults=max_results)

    code, message, status = _error(raised)
    assert (code, status) == ("InvalidParameterValue", 400)
    assert str(max_results) in message


def _forged(payload: object) -> str:
    return base64.b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        "not-issued-here",
        _forged({"offset": 2, "query": "0000000000000000"}),
        _forged({"offset": 2}),
        _forged([2]),
        base64.b64encode(b"\xff\xfe").decode(),
    ],
    ids=["not-base64", "other-fingerprint", "no-fingerprint", "not-an-object", "not-utf8"],
)
def test_a_token_the_backend_did_not_issue_is_an_invalid_pagination_token(
    local_ec2: LocalEC2[EC2Client], token: str
) -> None:
    local_ec2.add_tasks(3)

    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(NextToken=token)

    assert _error(raised)[0] == "InvalidPaginationToken"


def test_a_token_is_good_only_for_the_query_it_was_issued_for(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    local_ec2.add_tasks(3, ExportImageTaskStatus.ACTIVE)
    first = local_ec2.client.describe_export_image_tasks(MaxResults=1)

    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(
            NextToken=first.get("NextToken", ""),
            Filters=[{"Name": "task-state", "Values": ["active"]}],
        )

    assert _error(raised)[0] == "InvalidPaginationToken"


def test_dry_run_when_authorized_is_a_dry_run_operation_error(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(DryRun=True)

    assert _error(raised)[::2] == ("DryRunOperation", 412)


def test_dry_run_when_unauthorized_is_an_unauthorized_operation_error(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    local_ec2.authorized = False

    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks(DryRun=True)

    assert _error(raised)[::2] == ("UnauthorizedOperation", 403)


def test_an_unauthorized_caller_is_refused_without_dry_run_too(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    local_ec2.add_tasks(1)
    local_ec2.authorized = False

    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_export_image_tasks()

    assert _error(raised)[::2] == ("UnauthorizedOperation", 403)


def test_dry_run_false_is_an_ordinary_request(local_ec2: LocalEC2[EC2Client]) -> None:
    stored = local_ec2.add_tasks(1)

    assert local_ec2.client.describe_export_image_tasks(DryRun=False)["ExportImageTasks"] == stored


def test_another_action_is_an_invalid_action(local_ec2: LocalEC2[EC2Client]) -> None:
    with pytest.raises(ClientError) as raised:
        local_ec2.client.describe_instances()

    code, message, _ = _error(raised)
    assert code == "InvalidAction"
    assert "DescribeInstances" in message


def test_a_task_that_breaks_the_contract_is_served_as_stored(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    stored = local_ec2.add_task(
        {"ExportImageTaskId": "export-ami-bad", "Status": "exploded", "Progress": "101"}
    )

    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == [stored]


def test_a_128_code_point_tag_key_is_served_as_stored(local_ec2: LocalEC2[EC2Client]) -> None:
    stored = local_ec2.add_task({"Tags": [{"Key": "\U0001f600" * 128, "Value": "v"}]})

    assert local_ec2.client.describe_export_image_tasks()["ExportImageTasks"] == [stored]


def test_an_absent_field_stays_absent(local_ec2: LocalEC2[EC2Client]) -> None:
    local_ec2.add_task({"ExportImageTaskId": "export-ami-00000001", "S3ExportLocation": {}})

    (task,) = local_ec2.client.describe_export_image_tasks()["ExportImageTasks"]

    assert task == {"ExportImageTaskId": "export-ami-00000001", "S3ExportLocation": {}}


def test_a_key_botocores_model_lacks_is_dropped_like_one_aws_adds_later(
    local_ec2: LocalEC2[EC2Client],
) -> None:
    local_ec2.add_task({"ExportImageTaskId": "export-ami-00000001", "FormatVersion": "2"})

    (task,) = local_ec2.client.describe_export_image_tasks()["ExportImageTasks"]

    assert task == {"ExportImageTaskId": "export-ami-00000001"}


def test_a_model_is_served_as_its_boto3_form(local_ec2: LocalEC2[EC2Client]) -> None:
    model = sample_task(3, ExportImageTaskStatus.ACTIVE)
    local_ec2.add_task(model)

    (task,) = local_ec2.client.describe_export_image_tasks()["ExportImageTasks"]

    assert ExportImageTask.model_validate(task) == model
    assert task == model.to_boto()


@pytest.mark.parametrize(
    ("request_kwargs", "fields"),
    [
        ({}, {}),
        ({"MaxResults": 5}, {"MaxResults": "5"}),
        ({"ExportImageTaskIds": [UNKNOWN_ID]}, {"ExportImageTaskId.1": UNKNOWN_ID}),
        ({"DryRun": True}, {"DryRun": "true"}),
    ],
    ids=["page", "paged", "failed", "dry-run"],
)
def test_every_request_is_recorded_with_its_form_fields(
    local_ec2: LocalEC2[EC2Client],
    request_kwargs: DescribeExportImageTasksRequestTypeDef,
    fields: dict[str, str],
) -> None:
    with contextlib.suppress(ClientError):
        local_ec2.client.describe_export_image_tasks(**request_kwargs)

    assert local_ec2.requests == [
        {"Action": "DescribeExportImageTasks", "Version": "2016-11-15", **fields}
    ]
