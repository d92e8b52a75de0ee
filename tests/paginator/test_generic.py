"""TypedPaginator pages any operation from a spec: another one with models of the test's own,
and EC2's, which is this engine with the EC2 spec and nothing more.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic.alias_generators import to_pascal

from ec2_export_image_tasks import ExportImageTaskPaginator, InvalidItemError
from ec2_export_image_tasks.paginator import (
    AsyncTypedPaginator,
    PaginatorSpec,
    TypedPaginator,
)
from ec2_export_image_tasks.testing import Reply, answer_with, make_client
from ec2_export_image_tasks.testing.aio import make_async_client

from .helpers import EXPORT_IMAGE_TASKS

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


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


def test_an_invalid_item_is_named_by_the_specs_item_id_key() -> None:
    def answer(action: str, parameters: Mapping[str, str]) -> Reply:
        body = _import_pages(action, parameters).body
        return Reply(200, body.replace(b"<status>active</status>", b""))  # status is required

    paginator = TypedPaginator(make_client(answer), IMPORT_IMAGE_TASKS)

    with pytest.raises(InvalidItemError, match=r"^item import-ami-00000000: ") as raised:
        list(paginator.paginate())

    assert raised.value.item_id == "import-ami-00000000"


def _made_sync(spec: PaginatorSpec[Any, Any, Any]) -> None:
    TypedPaginator(make_client(), spec)


def _made_async(spec: PaginatorSpec[Any, Any, Any]) -> None:
    async def main() -> None:
        async with make_async_client() as client:
            AsyncTypedPaginator(client, spec)

    asyncio.run(main())


MADE = {"sync": _made_sync, "async": _made_async}
"""Making a paginator over each kind of client: the spec is checked before any request."""

WRONG_KEYS = {
    "a result key botocore does not have": (
        replace(IMPORT_IMAGE_TASKS, result_key="ImportTasks"),
        "PaginatorSpec.result_key 'ImportTasks' is not a result key of "
        "describe_import_image_tasks: botocore's are ['ImportImageTasks']",
    ),
    "a token in another case": (
        replace(IMPORT_IMAGE_TASKS, token_key="nextToken"),
        "PaginatorSpec.token_key 'nextToken' is not a member of DescribeImportImageTasks's input",
    ),
    "a member that is no token": (
        replace(IMPORT_IMAGE_TASKS, token_key="ImportTaskIds"),
        "PaginatorSpec.token_key 'ImportTaskIds' is not a member of DescribeImportImageTasks's "
        "output",
    ),
}


@pytest.mark.parametrize("made", MADE.values(), ids=MADE.keys())
@pytest.mark.parametrize(("spec", "message"), WRONG_KEYS.values(), ids=WRONG_KEYS.keys())
def test_a_spec_whose_keys_are_not_botocores_is_refused_when_the_paginator_is_made(
    made: Callable[[PaginatorSpec[Any, Any, Any]], None],
    spec: PaginatorSpec[Any, Any, Any],
    message: str,
) -> None:
    # Else the run would page on with nothing handed out, or resume under a name never sent.
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        made(spec)
