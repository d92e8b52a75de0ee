"""A stream that cannot encode the text (``PYTHONIOENCODING=ascii``, a C locale) gets escapes.

Every output writes what its stream can encode: people's outputs as Python-style escapes, JSON
as JSON's own ``\\u`` escapes (so that it parses back to the same text); nothing crashes.
"""

from __future__ import annotations

import io
import json
import sys
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks._cli.output import write_document
from ec2_export_image_tasks.testing import Ec2Error, LocalEC2, error_reply, make_client

from .helpers import NEARLY_DONE, Terminal

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ec2_export_image_tasks.testing import Reply

ACCENTED = "café 漢字 \U0001f600"
IMAGE = "ami-0123456789abcdef0"


class AsciiStream(io.TextIOWrapper):
    """A standard stream as ``PYTHONIOENCODING=ascii`` makes it; its bytes kept for reading."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="ascii")

    def written(self) -> str:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue().decode("ascii")


def _ascii(monkeypatch: pytest.MonkeyPatch, name: str) -> AsciiStream:
    """``sys.<name>`` made ASCII, in the test's body: pytest sets its own between phases."""
    stream = AsciiStream()
    monkeypatch.setattr(sys, name, stream)
    return stream


def _service() -> LocalEC2:
    service = LocalEC2()
    service.add_task(
        {
            "ExportImageTaskId": NEARLY_DONE,
            "Status": "active",
            "Progress": "60",
            "Description": ACCENTED,
        }
    )
    return service


def test_a_table_on_an_ascii_stream_escapes_what_it_cannot_encode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ascii_stdout = _ascii(monkeypatch, "stdout")
    status = main(["list", "--output", "table"], client=_service().client)

    assert status == 0
    assert ascii_stdout.written().splitlines()[1].endswith("caf\\xe9 \\u6f22\\u5b57 \\U0001f600")


@pytest.mark.parametrize("style", ["json", "jsonl"])
def test_json_on_an_ascii_stream_parses_back_to_the_same_text(
    monkeypatch: pytest.MonkeyPatch, style: str
) -> None:
    ascii_stdout = _ascii(monkeypatch, "stdout")
    status = main(["list", "--output", style], client=_service().client)

    written = ascii_stdout.written()
    document = json.loads(written)
    tasks = document["ExportImageTasks"] if style == "json" else [document]
    assert status == 0
    assert tasks[0]["Description"] == ACCENTED


def test_export_json_on_an_ascii_stream_parses_back_to_the_same_text(
    monkeypatch: pytest.MonkeyPatch, local_ec2: LocalEC2
) -> None:
    ascii_stdout = _ascii(monkeypatch, "stdout")
    local_ec2.images.add(IMAGE)
    local_ec2.buckets.add("b-b")
    argv = ["export", IMAGE, "--bucket", "b-b", "--format", "vmdk", "--output", "json"]

    status = main([*argv, "--description", ACCENTED], client=local_ec2.client)

    assert status == 0
    assert json.loads(ascii_stdout.written())["Description"] == ACCENTED


@pytest.mark.parametrize("command", [["wait", NEARLY_DONE, "--timeout", "60"], ["watch"]])
def test_progress_lines_on_an_ascii_stream_escape_what_it_cannot_encode(
    monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    ascii_stdout = _ascii(monkeypatch, "stdout")
    service = LocalEC2()
    service.add_task(
        {"ExportImageTaskId": NEARLY_DONE, "Status": "completed", "StatusMessage": ACCENTED}
    )

    status = main(command, client=service.client)

    assert status == 0
    assert (
        ascii_stdout.written() == f"{NEARLY_DONE} completed: caf\\xe9 \\u6f22\\u5b57 \\U0001f600\n"
    )


def test_an_error_line_on_an_ascii_stderr_escapes_what_it_cannot_encode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(action: str, parameters: Mapping[str, str]) -> Reply:
        return error_reply(Ec2Error("UnauthorizedOperation", "accès refusé"))

    stderr = _ascii(monkeypatch, "stderr")

    status = main(["list"], client=make_client(refuse))

    assert status == 1
    assert stderr.written() == "error: AWS UnauthorizedOperation: acc\\xe8s refus\\xe9\n"


@settings(max_examples=50)
@given(text=st.text(), on_a_terminal=st.booleans())
def test_json_parses_back_to_the_same_text_on_any_encoding_and_on_a_terminal(
    text: str, on_a_terminal: bool
) -> None:
    for stream in (AsciiStream(), Terminal() if on_a_terminal else io.StringIO()):
        write_document({"Description": text}, stream)
        written = stream.written() if isinstance(stream, AsciiStream) else stream.getvalue()

        assert json.loads(written) == {"Description": text}
