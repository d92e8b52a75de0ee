"""wait_for_export: the Python API of the waiter boto3 lacks for export image tasks."""

from __future__ import annotations

import pytest

from ec2_export_image_tasks import ExportImageTask, ExportImageTaskStatus
from ec2_export_image_tasks.errors import ExportFailedError, WaitTimeoutError
from ec2_export_image_tasks.testing import LocalEC2
from ec2_export_image_tasks.waiter import wait_for_export


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def demo(time: FakeTime) -> LocalEC2:
    local = LocalEC2(time.clock)
    local.images.add("ami-0123456789abcdef0")
    local.buckets.add("exports")
    return local


def _start_export(local: LocalEC2, seconds: float) -> str:
    local.export_seconds = seconds
    answer = local.client.export_image(
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
    )
    return answer.get("ExportImageTaskId", "")


def test_returns_the_completed_task_and_reports_each_poll(demo: LocalEC2, time: FakeTime) -> None:
    task_id = _start_export(demo, 10.0)
    seen: list[ExportImageTask] = []

    task = wait_for_export(
        demo.client,
        task_id,
        interval=4.0,
        on_progress=seen.append,
        sleep=time.sleep,
        clock=time.clock,
    )

    assert task.status is ExportImageTaskStatus.COMPLETED
    assert [(s.status, s.progress) for s in seen] == [
        (ExportImageTaskStatus.ACTIVE, 0),
        (ExportImageTaskStatus.ACTIVE, 40),
        (ExportImageTaskStatus.ACTIVE, 80),
        (ExportImageTaskStatus.COMPLETED, None),
    ]


def test_a_cancelled_export_raises_export_failed(demo: LocalEC2, time: FakeTime) -> None:
    task_id = _start_export(demo, 10.0)
    demo.client.cancel_export_task(ExportTaskId=task_id)

    with pytest.raises(ExportFailedError, match="deleting: Cancelled by the user") as raised:
        wait_for_export(demo.client, task_id, sleep=time.sleep, clock=time.clock)

    assert raised.value.task.export_image_task_id == task_id


def test_the_last_poll_falls_on_the_deadline(demo: LocalEC2, time: FakeTime) -> None:
    task_id = _start_export(demo, 100.0)

    with pytest.raises(WaitTimeoutError) as raised:
        wait_for_export(
            demo.client, task_id, interval=15.0, timeout=20.0, sleep=time.sleep, clock=time.clock
        )

    assert time.now == 20.0
    assert raised.value.last_seen.progress == 20
