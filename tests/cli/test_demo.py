"""The --demo endpoint: exports in every state when it opens, new ones that run on the clock,
and the installed console script listing it."""

from __future__ import annotations

import os
import subprocess
import sys

from ec2_export_image_tasks import ExportImageTaskPaginator
from ec2_export_image_tasks._cli.demo import DEMO_BUCKET, DEMO_IMAGES, EXPORT_SECONDS, demo_ec2

from .helpers import FakeTime


def test_the_demo_opens_with_exports_in_every_state() -> None:
    tasks = ExportImageTaskPaginator(demo_ec2(FakeTime(0.0).clock).client).paginate()

    assert [(task.status, task.progress, task.description) for task in tasks] == [
        ("active", 60, "nightly golden image 1"),
        ("active", 25, "nightly golden image 2"),
        ("active", 5, "nightly golden image 3"),
        ("completed", None, None),
        ("completed", None, None),
        ("deleted", None, "superseded"),
    ]


def test_an_export_started_in_the_demo_completes_on_time() -> None:
    time = FakeTime(0.0)
    demo = demo_ec2(time.clock)
    assert "ami-0123456789abcdef0" in DEMO_IMAGES

    answer = demo.client.export_image(
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": DEMO_BUCKET},
    )
    task_id = answer.get("ExportImageTaskId", "")
    time.now += EXPORT_SECONDS
    (task,) = ExportImageTaskPaginator(demo.client).paginate(ExportImageTaskIds=[task_id])

    assert answer.get("Progress") == "0"
    assert task.status == "completed"


def test_a_cancel_in_the_demo_is_deleting_before_it_is_deleted() -> None:
    demo = demo_ec2(FakeTime(0.0).clock)
    (running, *_) = ExportImageTaskPaginator(demo.client).paginate()
    task_id = running.export_image_task_id or ""

    demo.client.cancel_export_task(ExportTaskId=task_id)
    (task,) = ExportImageTaskPaginator(demo.client).paginate(ExportImageTaskIds=[task_id])

    assert task.status == "deleting"


def test_the_console_script_lists_the_demo() -> None:
    script = os.path.join(os.path.dirname(sys.executable), "ec2-export-image-tasks")
    result = subprocess.run(
        [script, "--demo", "list", "--output", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 6
