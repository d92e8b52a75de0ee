"""For every model and every valid boto3 dict: ``model_validate(d).to_boto() == d``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from ec2_export_image_tasks import strategies
from ec2_export_image_tasks.models import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
    Filter,
    PaginationConfig,
    S3ExportLocation,
    Tag,
)

if TYPE_CHECKING:
    from collections.abc import Callable

MODELS: list[tuple[type[BaseModel], Callable[[], st.SearchStrategy[dict[str, Any]]]]] = [
    (Tag, strategies.tag_dicts),
    (S3ExportLocation, strategies.s3_export_location_dicts),
    (ExportImageTask, strategies.export_image_task_dicts),
    (DescribeExportImageTasksResponse, strategies.describe_export_image_tasks_response_dicts),
    (Filter, strategies.filter_dicts),
    (PaginationConfig, strategies.pagination_config_dicts),
    (DescribeExportImageTasksRequest, strategies.describe_export_image_tasks_request_dicts),
]
RESPONSE_MODELS = [Tag, S3ExportLocation, ExportImageTask, DescribeExportImageTasksResponse]
REQUEST_MODELS = [Filter, PaginationConfig, DescribeExportImageTasksRequest]


def _to_boto(instance: BaseModel) -> Any:
    return instance.to_boto()  # type: ignore[attr-defined]


@pytest.mark.parametrize(("model", "dicts"), MODELS, ids=lambda m: getattr(m, "__name__", ""))
def test_every_valid_boto3_dict_round_trips_exactly(
    model: type[BaseModel], dicts: Callable[[], st.SearchStrategy[dict[str, Any]]]
) -> None:
    @given(dicts())
    def round_trip(data: dict[str, Any]) -> None:
        assert _to_boto(model.model_validate(data)) == data

    round_trip()


@pytest.mark.parametrize("model", RESPONSE_MODELS)
@given(data=st.data())
def test_response_models_keep_keys_aws_may_add(model: type[BaseModel], data: st.DataObject) -> None:
    dicts = dict((m, d) for m, d in MODELS)[model]
    valid = data.draw(dicts())
    extended = valid | {"NewerField": data.draw(st.text() | st.integers())}

    assert _to_boto(model.model_validate(extended)) == extended


@pytest.mark.parametrize("model", REQUEST_MODELS)
def test_request_models_refuse_unknown_keys_as_typos(model: type[BaseModel]) -> None:
    with pytest.raises(ValidationError, match="Typo\n  Extra inputs are not permitted"):
        model.model_validate({"Name": "task-state", "Values": ["active"], "Typo": 1})


@given(strategies.export_image_tasks())
def test_models_are_immutable(task: ExportImageTask) -> None:
    with pytest.raises(ValidationError, match="frozen"):
        task.description = "changed"
    assert task.tags is None or isinstance(task.tags, tuple)


def test_snake_case_construction_gives_the_boto3_form() -> None:
    task = ExportImageTask(
        export_image_task_id="export-ami-0123456789abcdef0",
        progress=45,
        s3_export_location=S3ExportLocation(s3_bucket="exports"),
        tags=(Tag(key="team", value="imaging"),),
    )

    assert task.to_boto() == {
        "ExportImageTaskId": "export-ami-0123456789abcdef0",
        "Progress": "45",
        "S3ExportLocation": {"S3Bucket": "exports"},
        "Tags": [{"Key": "team", "Value": "imaging"}],
    }
