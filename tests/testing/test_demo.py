"""The --demo endpoint: ExportImage starts exports that progress on the clock; cancel stops them."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from ec2_export_image_tasks import ExportImageTaskPaginator, ExportImageTaskStatus
from ec2_export_image_tasks.testing.demo import DELETING_SECONDS, DemoEC2, demo_ec2


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _status(demo: DemoEC2, task_id: str) -> tuple[ExportImageTaskStatus | None, int | None]:
    task = next(iter(ExportImageTaskPaginator(demo.client).paginate(ExportImageTaskIds=[task_id])))
    return task.status, task.progress


def test_export_image_starts_a_tagged_export_that_completes_on_time() -> None:
    clock = Clock()
    demo = DemoEC2(clock, export_seconds=10.0)

    answer = demo.client.export_image(
        ImageId="ami-0123456789abcdef0",
        DiskImageFormat="VMDK",
        S3ExportLocation={"S3Bucket": "exports"},
        TagSpecifications=[
            {"ResourceType": "export-image-task", "Tags": [{"Key": "team", "Value": "x"}]}
        ],
    )
    task_id = answer.get("ExportImageTaskId", "")
    clock.now = 5.0
    halfway = _status(demo, task_id)
    clock.now = 10.0

    assert answer.get("Tags") == [{"Key": "team", "Value": "x"}]
    assert halfway == (ExportImageTaskStatus.ACTIVE, 50)
    assert _status(demo, task_id) == (ExportImageTaskStatus.COMPLETED, None)


@pytest.mark.parametrize("key", ["aws:owner", "AWS:owner", "k" * 128])
def test_export_image_refuses_tags_the_tag_model_refuses(key: str) -> None:
    demo = DemoEC2(Clock())

    with pytest.raises(ClientError, match="InvalidParameterValue"):
        demo.client.export_image(
            ImageId="ami-0123456789abcdef0",
            DiskImageFormat="RAW",
            S3ExportLocation={"S3Bucket": "exports"},
            TagSpecifications=[
                {"ResourceType": "export-image-task", "Tags": [{"Key": key, "Value": ""}]}
            ],
        )
    assert demo.backend.tasks == []


def test_a_cancelled_export_is_deleting_then_deleted() -> None:
    clock = Clock()
    demo = DemoEC2(clock)
    task_id = demo.start_export("ami-0123456789abcdef0", seconds=30.0)

    demo.client.cancel_export_task(ExportTaskId=task_id)
    deleting = _status(demo, task_id)
    clock.now = DELETING_SECONDS

    assert deleting == (ExportImageTaskStatus.DELETING, None)
    assert _status(demo, task_id) == (ExportImageTaskStatus.DELETED, None)


def test_cancelling_an_unknown_export_is_ec2s_error() -> None:
    with pytest.raises(ClientError, match=r"InvalidExportTaskID\.NotFound"):
        DemoEC2(Clock()).client.cancel_export_task(ExportTaskId="export-ami-0000000000000ffff")


def test_the_demo_holds_exports_in_every_state() -> None:
    statuses = [
        task.status for task in ExportImageTaskPaginator(demo_ec2(Clock()).client).paginate()
    ]

    assert statuses.count(ExportImageTaskStatus.ACTIVE) == 3
    assert statuses.count(ExportImageTaskStatus.COMPLETED) == 2
    assert statuses.count(ExportImageTaskStatus.DELETED) == 1


@pytest.mark.parametrize(
    ("authorized", "dry_run", "code"),
    [
        (False, False, "UnauthorizedOperation"),
        (False, True, "UnauthorizedOperation"),
        (True, True, "DryRunOperation"),
    ],
)
def test_export_image_answers_access_as_describe_does(
    authorized: bool, dry_run: bool, code: str
) -> None:
    demo = DemoEC2(Clock())
    demo.authorized = authorized

    with pytest.raises(ClientError) as raised:
        demo.client.export_image(
            ImageId="ami-0123456789abcdef0",
            DiskImageFormat="VMDK",
            S3ExportLocation={"S3Bucket": "exports"},
            DryRun=dry_run,
        )

    assert raised.value.response.get("Error", {}).get("Code") == code
    assert demo.backend.tasks == []


def test_cancelling_needs_the_permission_too() -> None:
    demo = DemoEC2(Clock())
    task_id = demo.start_export("ami-0123456789abcdef0", seconds=30.0)
    demo.authorized = False

    with pytest.raises(ClientError, match="UnauthorizedOperation"):
        demo.client.cancel_export_task(ExportTaskId=task_id)
