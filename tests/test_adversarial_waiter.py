"""wait_for_export given seconds that no sleep can take."""

from __future__ import annotations

import pytest

from ec2_export_image_tasks.testing import LocalEC2
from ec2_export_image_tasks.waiter import MAX_INTERVAL, wait_for_export

TASK_ID = "export-ami-0123456789abcdef0"


@pytest.mark.parametrize("interval", [MAX_INTERVAL * 2, 1e10, 1e300])
def test_an_interval_longer_than_a_day_is_a_value_error_before_any_request(
    interval: float,
) -> None:
    # time.sleep(1e10) raises OverflowError: after the first poll, far from the mistake.
    service = LocalEC2()
    service.add_task({"ExportImageTaskId": TASK_ID, "Status": "active", "Progress": "1"})

    with pytest.raises(ValueError, match="interval must be at most 86400 s"):
        wait_for_export(service.client, TASK_ID, interval=interval)

    assert service.requests == []
