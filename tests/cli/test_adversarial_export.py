"""``export`` given an answer that names no export (an odd proxy, a page of HTML with a 200)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks.cli import main
from ec2_export_image_tasks.testing import Reply, make_client

if TYPE_CHECKING:
    from collections.abc import Mapping

EXPORT = ["export", "ami-0123456789abcdef0", "--bucket", "exports", "--format", "vmdk"]


def _html_with_200(action: str, parameters: Mapping[str, str]) -> Reply:
    return Reply(200, b"<html><body>Sign in to continue</body></html>")


@pytest.mark.parametrize(
    "options",
    [[], ["--wait"], ["--output", "json"]],
    ids=lambda options: " ".join(options) or "text",
)
def test_an_answer_without_a_task_id_is_one_error_line_and_status_1(
    options: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([*EXPORT, *options], client=make_client(_html_with_200))

    captured = capsys.readouterr()
    assert (status, captured.out) == (1, "")
    assert captured.err == (
        "error: AWS answered ExportImage without an ExportImageTaskId; "
        "the export may have started: look for it with list\n"
    )
