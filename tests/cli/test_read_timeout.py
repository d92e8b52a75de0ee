"""``--cli-read-timeout`` means what it means in aws-cli: the longest wait for each read.

An answer whose bytes keep coming is read to its end, however long it takes in all; only a
silence longer than the timeout fails the request (the README's connection options).
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

import pytest

from ec2_export_image_tasks._cli import main
from ec2_export_image_tasks.testing import page_reply

from ..loopback import serving, silent

if TYPE_CHECKING:
    import socket
    import threading

TASK_ID = "export-ami-0123456789abcdef0"
CHUNKS = 5
GAP = 0.4
"""The answer arrives in five pieces 0.4 s apart: 1.6 s in all, no read waiting over 0.4 s."""


def _slow_page(connection: socket.socket, stop: threading.Event) -> None:
    connection.recv(65536)
    body = page_reply([{"ExportImageTaskId": TASK_ID, "Status": "active"}]).body
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % len(body)
    connection.sendall(head)
    size = -(-len(body) // CHUNKS)
    for start in range(0, len(body), size):
        if stop.wait(GAP):
            return
        connection.sendall(body[start : start + size])


@pytest.mark.usefixtures("aws_without_files")
def test_an_answer_slower_in_all_than_the_read_timeout_is_read_to_its_end(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serving(_slow_page) as url:
        started = time.monotonic()
        status = main(["--endpoint-url", url, "--cli-read-timeout", "1", "list", "--output=json"])
        elapsed = time.monotonic() - started

    assert status == 0, capsys.readouterr().err
    listing = json.loads(capsys.readouterr().out)
    assert [task["ExportImageTaskId"] for task in listing["ExportImageTasks"]] == [TASK_ID]
    assert elapsed > 1  # longer in all than the read timeout


@pytest.mark.usefixtures("aws_without_files")
def test_a_silence_longer_than_the_read_timeout_fails_the_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serving(silent) as url:
        status = main(["--endpoint-url", url, "--cli-read-timeout", "1", "list"])

    assert status == 1
    assert "Read timeout" in capsys.readouterr().err
