"""User code against the signatures that once said ``Any``: what each says now, and its misuse.

``json_schema()`` is JSON all the way down; the generic engine's keywords are ``object`` (the
request model is the typed way in) and a request model's ``to_boto()`` a ``Mapping[str,
object]``; ``LocalEC2.tasks`` holds tasks as seeded, valid or not.
"""

import json
from collections.abc import Mapping
from typing import assert_type

from pydantic import BaseModel, JsonValue

from ec2_export_image_tasks import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
)
from ec2_export_image_tasks.models import json_schema
from ec2_export_image_tasks.paginator import (
    BotocoreClientProtocol,
    BotoRequest,
    PaginatorSpec,
    TypedIterator,
    TypedPaginator,
)
from ec2_export_image_tasks.testing import LocalEC2


def read_the_schema() -> None:
    schema = json_schema()
    assert_type(schema, dict[str, JsonValue])
    print(json.dumps(schema))  # passes as it is wherever JSON is taken
    defs = schema["$defs"]
    assert isinstance(defs, dict)  # narrowed by the user, then indexed
    print(defs["ExportImageTask"])

    schema["$defs"]["ExportImageTask"]  # expect-error
    schema["$id"].upper()  # expect-error


def page_any_operation(client: BotocoreClientProtocol) -> None:
    spec = PaginatorSpec(
        operation_name="describe_export_image_tasks",
        result_key="ExportImageTasks",
        token_key="NextToken",
        item_model=ExportImageTask,
        page_model=DescribeExportImageTasksResponse,
        request_model=DescribeExportImageTasksRequest,
    )
    paginator = TypedPaginator(client, spec)
    by_keywords = paginator.paginate(MaxResults=10)  # checked at run time only: object
    assert_type(by_keywords, TypedIterator[ExportImageTask, DescribeExportImageTasksResponse])
    by_model = paginator.paginate(DescribeExportImageTasksRequest(export_image_task_ids=[]))
    assert_type(by_model, TypedIterator[ExportImageTask, DescribeExportImageTasksResponse])

    paginator.paginate(ExportImageTask())  # expect-error
    paginator.paginate({"MaxResults": 10})  # expect-error


class ListedRequest(BaseModel):
    """A request model whose boto3 form is not keywords: no BotoRequest."""

    def to_boto(self) -> list[str]:
        return []


def bring_a_request_model(request: BotoRequest) -> None:
    """Any model whose ``to_boto()`` gives a mapping, a TypedDict included, is a request model."""


def write_request_models() -> None:
    bring_a_request_model(DescribeExportImageTasksRequest())  # to_boto() returns a TypedDict

    bring_a_request_model(ListedRequest())  # expect-error


def inspect_the_local_endpoint(local: LocalEC2) -> None:
    assert_type(local.tasks, tuple[Mapping[str, object], ...])
    task = local.tasks[0]
    assert_type(ExportImageTask.model_validate(task), ExportImageTask)  # the typed view

    task["ImageId"].upper()  # expect-error
    task["Status"] = "deleted"  # expect-error
