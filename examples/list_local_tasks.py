"""Page the built-in local EC2 endpoint with the typed paginator and print the typed tasks.

The same code runs against AWS: pass ``boto3.client("ec2")`` instead of ``local.client``.
"""

from ec2_export_image_tasks import ExportImageTaskPaginator, ExportImageTaskStatus
from ec2_export_image_tasks.testing import LocalEC2

local = LocalEC2()
local.add_tasks(3, ExportImageTaskStatus.ACTIVE)
local.add_tasks(2, ExportImageTaskStatus.COMPLETED)
local.add_task({"ExportImageTaskId": "export-ami-00000000000000bad", "Status": "exploded"})

paginator = ExportImageTaskPaginator(local.client, on_invalid="skip")
tasks = paginator.paginate(PaginationConfig={"PageSize": 2})
for task in tasks:
    progress = "" if task.progress is None else f"{task.progress:>3}%"
    tags = ", ".join(f"{tag.key}={tag.value}" for tag in task.tags or ())
    print(f"{task.export_image_task_id}  {task.status:<9} {progress:>4}  {tags}")
for error in tasks.errors:
    print(f"skipped: {error}")
print(f"{len(local.requests)} requests, pages of 2; resume token: {tasks.resume_token}")
