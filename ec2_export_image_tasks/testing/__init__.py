"""A local EC2 endpoint for tests: a real boto3 client, answered in memory at ``before-send``.

moto does not implement ``DescribeExportImageTasks``; this does, with EC2's own XML, so request
serialization and response parsing are botocore's. The pytest fixture ``local_ec2`` gives you a
:class:`LocalEC2`.

The layers, each usable alone: :mod:`.backend` (tasks and EC2's rules), :mod:`.query` and
:mod:`.xml` (the Query protocol's two directions), :mod:`.service` (a request's form fields to a
reply), :mod:`.endpoint` (botocore's ``before-send``). Only the last imports boto3, and only
when one of its names is first used.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from . import xml
from .backend import DescribeQuery, Ec2Error, ExportImageTasksBackend, Task, TaskPage, sample_task
from .query import parse_describe
from .service import Ec2Service, Handler, Reply, error_reply, request_id

if TYPE_CHECKING:
    from .endpoint import LocalEC2, answer_with, form_parameters, make_client, reply_to

_ENDPOINT_NAMES = frozenset(
    {"LocalEC2", "answer_with", "form_parameters", "make_client", "reply_to"}
)


def __getattr__(name: str) -> object:
    if name in _ENDPOINT_NAMES:
        return getattr(import_module(".endpoint", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DescribeQuery",
    "Ec2Error",
    "Ec2Service",
    "ExportImageTasksBackend",
    "Handler",
    "LocalEC2",
    "Reply",
    "Task",
    "TaskPage",
    "answer_with",
    "error_reply",
    "form_parameters",
    "make_client",
    "parse_describe",
    "reply_to",
    "request_id",
    "sample_task",
    "xml",
]
