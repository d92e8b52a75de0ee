"""Validate a sample DescribeExportImageTasks page and print the typed tasks."""

from ec2_export_image_tasks import DescribeExportImageTasksResponse

SAMPLE_PAGE: dict[str, object] = {
    "ExportImageTasks": [
        {
            "ExportImageTaskId": "export-ami-0123456789abcdef0",
            "ImageId": "ami-0abcdef1234567890",
            "Description": "nightly golden image",
            "Progress": "45",
            "Status": "active",
            "S3ExportLocation": {"S3Bucket": "exports", "S3Prefix": "golden/"},
            "Tags": [{"Key": "team", "Value": "imaging"}],
        },
        {"ExportImageTaskId": "export-ami-0fedcba9876543210", "Status": "completed"},
    ],
    "ResponseMetadata": {
        "RequestId": "r-1",
        "HTTPStatusCode": 200,
        "HTTPHeaders": {},
        "RetryAttempts": 0,
    },
}

page = DescribeExportImageTasksResponse.model_validate(SAMPLE_PAGE)
for task in page.export_image_tasks:
    progress = "" if task.progress is None else f"{task.progress}%"
    print(f"{task.export_image_task_id}  {task.status}  {progress}")
