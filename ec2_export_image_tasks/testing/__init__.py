"""A local EC2 endpoint for tests: a real boto3 client, answered in memory at ``before-send``.

moto does not implement ``DescribeExportImageTasks``; this does, with EC2's own XML, so request
serialization and response parsing are botocore's. The pytest fixture ``local_ec2`` gives you one.
"""

from .backend import DescribeQuery, Ec2Error, ExportImageTasksBackend, TaskPage, sample_task
from .endpoint import Handler, LocalEC2, Reply, answer_with, error_reply, make_client, request_id

__all__ = [
    "DescribeQuery",
    "Ec2Error",
    "ExportImageTasksBackend",
    "Handler",
    "LocalEC2",
    "Reply",
    "TaskPage",
    "answer_with",
    "error_reply",
    "make_client",
    "request_id",
    "sample_task",
]
