"""EC2's answers with enumerations in other letters, read through real botocore clients.

aws-cli's own example answer to ``export-image`` carries ``"DiskImageFormat": "vmdk"`` after a
request that sent ``VMDK``. Each call reads such a value as the member; requests still go out in
the documented form.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from ec2_export_image_tasks import (
    AsyncExportImageTaskPaginator,
    ExportImageTaskPaginator,
    ExportImageTaskStatus,
    async_start_export,
    start_export,
    wait_for_export,
)
from ec2_export_image_tasks.models import DiskImageFormat, ExportImageRequest
from ec2_export_image_tasks.testing import Reply, make_client
from ec2_export_image_tasks.testing import _xml as xml
from ec2_export_image_tasks.testing.aio import make_async_client

from .models.helpers import any_casing

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mypy_boto3_ec2.type_defs import ExportImageRequestTypeDef

TASK_ID = "export-ami-0123456789abcdef0"
REQUEST: ExportImageRequestTypeDef = {
    "ImageId": "ami-0123456789abcdef0",
    "DiskImageFormat": "VMDK",
    "S3ExportLocation": {"S3Bucket": "exports"},
}


class ExportService:
    """Answers ``ExportImage`` with ``disk_image_format`` and ``status`` as given, and records
    the format each request sent."""

    def __init__(self, disk_image_format: str, status: str) -> None:
        self.answer = {
            "DiskImageFormat": disk_image_format,
            "ExportImageTaskId": TASK_ID,
            "Status": status,
        }
        self.sent: list[str] = []

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.sent.append(parameters["DiskImageFormat"])
        return Reply(200, xml.response(action, self.answer, "r"))


@given(image_format=st.sampled_from(DiskImageFormat), data=st.data())
@settings(max_examples=10)
def test_start_export_reads_the_format_and_status_in_any_letter_case(
    image_format: DiskImageFormat, data: st.DataObject
) -> None:
    service = ExportService(
        data.draw(any_casing(image_format.value)), data.draw(any_casing("active"))
    )

    request = ExportImageRequest.model_validate({**REQUEST, "DiskImageFormat": image_format.value})

    started = start_export(make_client(service), request)

    assert started.export_image_task_id == TASK_ID
    assert started.disk_image_format is image_format
    assert started.status is ExportImageTaskStatus.ACTIVE
    assert service.sent == [image_format.value]  # the request in the documented form


def test_start_export_reads_aws_clis_own_example_answer() -> None:
    service = ExportService("vmdk", "active")

    started = start_export(make_client(service), **REQUEST)

    assert started.disk_image_format is DiskImageFormat.VMDK
    assert started.to_boto().get("DiskImageFormat") == "VMDK"


def test_async_start_export_reads_the_format_in_other_letters() -> None:
    service = ExportService("Vmdk", "ACTIVE")

    async def main() -> None:
        async with make_async_client(service) as client:
            started = await async_start_export(client, **REQUEST)
        assert started.disk_image_format is DiskImageFormat.VMDK
        assert started.status is ExportImageTaskStatus.ACTIVE

    asyncio.run(main())


def _tasks(statuses: list[str]) -> list[dict[str, str]]:
    return [
        {"ExportImageTaskId": f"export-ami-{number:017x}", "Status": status}
        for number, status in enumerate(statuses)
    ]


@given(data=st.data())
@settings(max_examples=10)
def test_the_paginator_reads_statuses_in_any_letter_case(data: st.DataObject) -> None:
    statuses = data.draw(st.lists(st.sampled_from(ExportImageTaskStatus), max_size=4))
    sent = [data.draw(any_casing(status.value)) for status in statuses]
    body = xml.describe_export_image_tasks(_tasks(sent), None, "r")
    client = make_client(lambda action, parameters: Reply(200, body))

    tasks = list(ExportImageTaskPaginator(client).paginate())

    assert [task.status for task in tasks] == statuses
    assert [task.to_boto().get("Status") for task in tasks] == [status.value for status in statuses]


def test_the_async_paginator_reads_statuses_in_any_letter_case() -> None:
    body = xml.describe_export_image_tasks(
        [{"ExportImageTaskId": TASK_ID, "Status": "DELETING"}], None, "r"
    )

    async def main() -> None:
        async with make_async_client(lambda action, parameters: Reply(200, body)) as client:
            tasks = [task async for task in AsyncExportImageTaskPaginator(client).paginate()]
        assert [task.status for task in tasks] == [ExportImageTaskStatus.DELETING]

    asyncio.run(main())


def test_wait_for_export_ends_on_a_completed_status_in_capitals() -> None:
    answers = iter(["Active", "ACTIVE", "COMPLETED"])

    def describe(action: str, parameters: Mapping[str, str]) -> Reply:
        task = {"ExportImageTaskId": TASK_ID, "Status": next(answers), "Progress": "50"}
        return Reply(200, xml.describe_export_image_tasks([task], None, "r"))

    done = wait_for_export(make_client(describe), TASK_ID, interval=0, sleep=lambda _: None)

    assert done.status is ExportImageTaskStatus.COMPLETED
    assert done.to_boto().get("Status") == "completed"
