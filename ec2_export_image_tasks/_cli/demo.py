"""The ``--demo`` endpoint: a local EC2 holding exports in every state, which run on the clock.

Built on :class:`~ec2_export_image_tasks.testing.LocalEC2`'s own lifecycle and nothing else:
each export is started by ``ExportImage`` and cancelled by ``CancelExportTask`` through the
client, with time moved on between them, so that the listing opens with exports at different
stages and ``watch`` shows them finish. ``export`` may start more: of :data:`DEMO_IMAGES`, to
:data:`DEMO_BUCKET`, each taking :data:`EXPORT_SECONDS`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ..models import DiskImageFormat
from ..models._facts import IMAGE_ID_PREFIX, TAGGED_RESOURCE_TYPE
from ..testing import LocalEC2

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ec2.type_defs import ExportImageRequestTypeDef

__all__ = ["DEMO_BUCKET", "DEMO_IMAGES", "EXPORT_SECONDS", "demo_ec2"]

DEMO_BUCKET = "demo-exports"
EXPORT_SECONDS = 8.0
"""How long an export started in the demo takes, start to completed."""


def _image(series: int, number: int) -> str:
    return f"{IMAGE_ID_PREFIX}{series + number:017x}"


# The running exports, oldest first: how long each takes, and how long before the demo opens it
# started (so 60%, 25% and 5% of the way).
_RUNNING = [
    (_image(0xA000, number), f"nightly golden image {number + 1}", seconds, age)
    for number, (seconds, age) in enumerate([(8.0, 4.8), (14.0, 3.5), (20.0, 1.0)])
]
_COMPLETED = [_image(0xB000, number) for number in range(2)]
_CANCELLED = _image(0xC000, 0)
DEMO_IMAGES = frozenset(
    {"ami-0123456789abcdef0", _CANCELLED, *_COMPLETED, *(running[0] for running in _RUNNING)}
)
"""The AMIs the demo holds: ``ami-0123456789abcdef0`` and those of the exports it starts with."""


def _export(
    local: LocalEC2[EC2Client], image_id: str, seconds: float, description: str | None = None
) -> str:
    """Start an export of ``image_id`` taking ``seconds``, through the client; its task id."""
    local.export_seconds = seconds
    request: ExportImageRequestTypeDef = {
        "ImageId": image_id,
        "DiskImageFormat": DiskImageFormat.VMDK.value,
        "S3ExportLocation": {"S3Bucket": DEMO_BUCKET, "S3Prefix": "images/"},
        "TagSpecifications": [
            {"ResourceType": TAGGED_RESOURCE_TYPE, "Tags": [{"Key": "team", "Value": "imaging"}]}
        ],
    }
    if description is not None:
        request["Description"] = description
    return local.client.export_image(**request).get("ExportImageTaskId", "")


def demo_ec2(clock: Callable[[], float] = time.monotonic) -> LocalEC2[EC2Client]:
    """The endpoint ``--demo`` uses: three exports under way, two done, one cancelled."""
    local: LocalEC2[EC2Client] = LocalEC2(clock)
    local.images.update(DEMO_IMAGES)
    local.buckets.add(DEMO_BUCKET)
    client = local.client  # made first: boto3 takes a moment to load, which must not count
    opening = local.now() + _RUNNING[0][3]
    for image_id, description, seconds, age in _RUNNING:
        local.advance(max(0.0, opening - age - local.now()))  # to when this one started
        _export(local, image_id, seconds, description)
    for image_id in _COMPLETED:
        _export(local, image_id, seconds=0.0)
    local.deleting_seconds = 0.0  # long since deleted
    cancelled = _export(local, _CANCELLED, seconds=30.0, description="superseded")
    client.cancel_export_task(ExportTaskId=cancelled)
    local.advance(max(0.0, opening - local.now()))
    local.export_seconds, local.deleting_seconds = EXPORT_SECONDS, 2.0
    return local
