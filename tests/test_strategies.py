"""The strategies give what EC2 can send: users can serve them from the local endpoint."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks import ExportImageTask, strategies
from ec2_export_image_tasks.testing import LocalEC2, make_client

if TYPE_CHECKING:
    from mypy_boto3_ec2.type_defs import ExportImageTaskTypeDef

serving = [LocalEC2()]
"""The endpoint answering now: a fresh one per example."""

CLIENT = make_client(lambda action, parameters: serving[0](action, parameters))
"""One client for every example: building a boto3 client costs more than an example."""

NOT_XML = {chr(code) for code in range(0x20) if chr(code) not in "\t\n\r"} | {"\ufffe", "\uffff"}


@given(st.lists(strategies.export_image_task_dicts(), max_size=4))
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
