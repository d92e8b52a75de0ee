"""The strategies give what EC2 can send: users can serve them from the local endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING, Annotated, Any, cast

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from pydantic import Field, PlainValidator, StrictInt, TypeAdapter

from ec2_export_image_tasks import ExportImageTask, Filter, strategies
from ec2_export_image_tasks.models import (
    ClientToken,
    DescribeExportImageTasksResponse,
    ExportImageResponse,
    ExportImageTaskId,
    ExportTaskId,
    ImageId,
    RoleName,
    S3BucketName,
    TagKey,
    TagValue,
)
from ec2_export_image_tasks.models._base import RequestModel, WireStr
from ec2_export_image_tasks.testing import LocalEC2

from .models.helpers import CASES, Case, boto_key
from .stub_clients import stubs_client

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.type_defs import ExportImageTaskTypeDef

serving = [LocalEC2()]
"""The endpoint answering now: a fresh one per example."""

CLIENT = stubs_client(lambda action, parameters: serving[0](action, parameters))
"""One client for every example: building a boto3 client costs more than an example."""

NOT_XML = {chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"} | {"\ufffe", "\uffff"}


@given(st.lists(strategies.boto_dicts(ExportImageTask), max_size=4))
def test_every_generated_task_comes_back_from_the_endpoint_unchanged(
    tasks: list[ExportImageTaskTypeDef],
) -> None:
    serving[0] = LocalEC2()
    for task in tasks:
        serving[0].add_task(task)

    returned = CLIENT.describe_export_image_tasks()["ExportImageTasks"]

    assert returned == tasks
    assert [ExportImageTask.model_validate(task) for task in returned] == [
        ExportImageTask.model_validate(task) for task in tasks
    ]


@given(strategies.xml_text())
def test_text_holds_only_what_xml_carries(text: str) -> None:
    assert not NOT_XML & set(text)
    assert all(not 0xD800 <= ord(char) <= 0xDFFF for char in text)


def test_importing_the_strategies_without_hypothesis_names_the_extra_to_install() -> None:
    script = (
        "import sys\nsys.modules['hypothesis'] = None\nimport ec2_export_image_tasks.strategies\n"
    )

    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)

    assert run.returncode == 1
    assert "pip install 'ec2-export-image-tasks[hypothesis]'" in run.stderr
    assert run.stderr.rstrip().splitlines()[-1].startswith("ModuleNotFoundError")


def test_with_ci_set_the_suite_draws_the_same_examples_every_run() -> None:
    # tests/conftest.py: a failure in CI reproduces by running again with CI set.
    ci = settings.get_profile("ci")
    assert ci.derandomize
    assert ci.max_examples == settings.get_profile("suite").max_examples
    loaded = settings.default
    assert loaded is not None
    # Derandomized under CI and in the matrix's cells (fewer examples); random elsewhere.
    in_a_cell = loaded.max_examples < ci.max_examples
    assert loaded.derandomize is (bool(os.environ.get("CI")) or in_a_cell)


def test_the_matrix_cells_draw_fewer_examples_the_same_every_run() -> None:
    # scripts/matrix: every property runs in every cell, lighter and derandomized.
    matrix = settings.get_profile("matrix")
    assert matrix.derandomize
    assert 0 < matrix.max_examples < settings.get_profile("ci").max_examples


SEARCH = settings(phases=[Phase.generate], database=None, max_examples=1000)
"""For ``find``: the first example found will do (shrinking it would cost more than the search)."""


@pytest.mark.parametrize(
    ("case", "key"), [(case, key) for case in CASES for key in case.boto_keys], ids=str
)
def test_every_field_of_every_model_is_drawn(case: Case, key: str) -> None:
    drawn = find(case.dicts(), lambda boto: key in boto, settings=SEARCH)

    case.model.model_validate(drawn)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_each_optional_key_may_be_absent(case: Case) -> None:
    optional = {
        boto_key(case.model, name)
        for name, field in case.model.model_fields.items()
        if not field.is_required()
    }

    drawn = find(case.dicts(), lambda boto: not optional & boto.keys(), settings=SEARCH)

    case.model.model_validate(drawn)


@pytest.mark.parametrize("answer", [DescribeExportImageTasksResponse, ExportImageResponse])
def test_an_answer_may_carry_response_metadata(answer: type[Any]) -> None:
    dicts = cast("st.SearchStrategy[dict[str, Any]]", strategies.boto_dicts(answer))

    drawn = find(dicts, lambda boto: "ResponseMetadata" in boto, settings=SEARCH)

    assert drawn["ResponseMetadata"]["HTTPStatusCode"] == 200


class _FutureTask(ExportImageTask, frozen=True):
    """ExportImageTask as it would be with one more optional field, written as a model's are."""

    launch_window: WireStr | None = None
    attempts: Annotated[StrictInt, Field(ge=1, le=9)] | None = None


def test_a_field_added_to_a_model_is_drawn_with_no_change_to_the_strategies() -> None:
    dicts = cast("st.SearchStrategy[dict[str, Any]]", strategies.boto_dicts(_FutureTask))
    window = find(dicts, lambda boto: "LaunchWindow" in boto, settings=SEARCH)
    attempts = find(dicts, lambda boto: "Attempts" in boto, settings=SEARCH)
    instance = find(
        strategies.model_instances(_FutureTask),
        lambda task: bool(task.launch_window),
        settings=SEARCH,
    )

    assert isinstance(window["LaunchWindow"], str)
    assert 1 <= attempts["Attempts"] <= 9
    assert instance.model_dump(by_alias=True)["LaunchWindow"] == instance.launch_window


class _Unknowable(RequestModel, frozen=True):
    """A field whose check is a Python function alone: no schema says what it takes."""

    odd: Annotated[str, PlainValidator(lambda value: value)]

    def to_boto(self) -> dict[str, Any]:
        return self._boto_dict()  # type: ignore[no-any-return]


def test_a_field_no_strategy_can_be_derived_for_is_an_error_naming_it() -> None:
    with pytest.raises(TypeError, match=r"_Unknowable\.odd: .*'function-plain'"):
        strategies.boto_dicts(_Unknowable)


def test_boto_dicts_takes_only_a_model_class() -> None:
    with pytest.raises(TypeError, match="takes a model class, not <class 'dict'>"):
        strategies.boto_dicts(dict)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]


def test_task_state_filters_are_drawn_though_a_random_name_is_never_task_state() -> None:
    drawn = find(
        strategies.boto_dicts(Filter), lambda boto: boto["Name"] == "task-state", settings=SEARCH
    )

    assert Filter.model_validate(drawn).values


FIELD_STRATEGIES: list[tuple[Callable[[], st.SearchStrategy[Any]], Any]] = [
    (strategies.export_image_task_ids, ExportImageTaskId),
    (strategies.export_task_ids, ExportTaskId),
    (strategies.image_ids, ImageId),
    (strategies.tag_keys, TagKey),
    (strategies.tag_values, TagValue),
    (strategies.client_tokens, ClientToken),
    (strategies.s3_bucket_names, S3BucketName),
    (strategies.role_names, RoleName),
]


@pytest.mark.parametrize(
    ("values", "annotation"),
    FIELD_STRATEGIES,
    ids=[values.__name__ for values, _ in FIELD_STRATEGIES],
)
@settings(max_examples=25)
@given(data=st.data())
def test_a_field_strategy_draws_what_the_models_type_takes(
    values: Callable[[], st.SearchStrategy[Any]], annotation: Any, data: st.DataObject
) -> None:
    value = data.draw(values())

    assert TypeAdapter(annotation).validate_python(value) == value
