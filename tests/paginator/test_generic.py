"""TypedPaginator pages any operation from a spec: another one with models of the test's own,
and EC2's, which is this engine with the EC2 spec and nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_pascal

from ec2_export_image_tasks import ExportImageTaskPaginator
from ec2_export_image_tasks.paginator.generic import PaginatorSpec, TypedPaginator
from ec2_export_image_tasks.testing import Reply, answer_with, make_client

from .helpers import EXPORT_IMAGE_TASKS

if TYPE_CHECKING:
    from collections.abc import Mapping


class _Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_pascal, validate_by_name=True, frozen=True)


class ImportImageTask(_Model):
    import_task_id: str
    status: str


class ImportImageTasksPage(_Model):
    import_image_tasks: tuple[ImportImageTask, ...] = ()
    next_token: str | None = None


class ImportImageTasksRequest(_Model):
    max_results: int | None = None

    def to_boto(self) -> Mapping[str, Any]:
        return {"PaginationConfig": {"PageSize": self.max_results}} if self.max_results else {}


IMPORT_IMAGE_TASKS = PaginatorSpec(
    operation_name="describe_import_image_tasks",
    result_key="ImportImageTasks",
    token_key="NextToken",
    item_model=ImportImageTask,
    page_model=ImportImageTasksPage,
    request_model=ImportImageTasksRequest,
    item_id_key="ImportTaskId",
)


def _import_pages(action: str, parameters: Mapping[str, str]) -> Reply:
    start = int(parameters.get("NextToken", "0"))
    items = "".join(
        f"<item><importTaskId>import-ami-{n:08x}</importTaskId><status>active</status></item>"
        for n in range(start, min(start + 2, 5))
    )
    token = f"<nextToken>{start + 2}</nextToken>" if start + 2 < 5 else ""
    body = (
        f'<{action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        "<requestId>import-1</requestId>"
        f"<importImageTaskSet>{items}</importImageTaskSet>{token}</{action}Response>"
    )
    return Reply(200, body.encode())


def test_a_second_operation_pages_through_the_generic_paginator() -> None:
    client = make_client()
    answer_with(client, _import_pages)
    paginator = TypedPaginator(client, IMPORT_IMAGE_TASKS)

    it = paginator.paginate(ImportImageTasksRequest(max_results=2))
    tasks = list(it)

    assert [task.import_task_id for task in tasks] == [f"import-ami-{n:08x}" for n in range(5)]
    assert all(isinstance(task, ImportImageTask) for task in tasks)
    assert it.resume_token is None


def test_keywords_are_validated_by_the_specs_request_model_before_anything_is_sent() -> None:
    actions: list[str] = []

    def answer(action: str, parameters: Mapping[str, str]) -> Reply:
        actions.append(action)
        return _import_pages(action, parameters)

    paginator = TypedPaginator(make_client(answer), IMPORT_IMAGE_TASKS)

    with pytest.raises(ValidationError, match="MaxResults"):
        paginator.paginate(MaxResults="two")

    assert actions == []


def test_the_ec2_paginator_is_the_generic_one_with_the_ec2_spec() -> None:
    paginator = ExportImageTaskPaginator(make_client())

    assert isinstance(paginator, TypedPaginator)
    assert paginator.spec == EXPORT_IMAGE_TASKS
