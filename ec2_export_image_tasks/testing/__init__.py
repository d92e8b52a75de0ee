"""A local EC2 endpoint for tests: real boto3 clients, answered in memory at ``before-send``.

moto does not implement ``DescribeExportImageTasks``; this does, with ``ExportImage`` and
``CancelExportTask``, in EC2's own XML, so request serialization and response parsing are
botocore's. The pytest fixture ``local_ec2`` gives you a :class:`LocalEC2`.

- :class:`LocalEC2`: an in-memory EC2 (tasks, exports that progress on a clock, EC2's errors)
  and a real boto3 client it answers, ``LocalEC2().client``; given :class:`Habits`, it plays
  EC2's habits (tasks seen late, enum values in lower case, slow and lost answers);
- :func:`make_client`, :func:`answer_with`: a real client answered by any :data:`Handler`, a
  function from a request's ``Action`` and form fields to a :class:`Reply`;
- :func:`page_reply`, :func:`error_reply` (of an :class:`Ec2Error`): the replies a scripted
  handler sends; :func:`sample_task`: valid, deterministic tasks to seed.

For asyncio code, :mod:`.aio`. Every name loads on first use, so that the pytest plugin (which
lives here and loads in every pytest run) costs nothing until its fixture is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from ._backend import sample_task
    from ._endpoint import answer_with
    from ._errors import Ec2Error
    from ._habits import Habits
    from ._handler import Handler, Reply
    from ._service import LocalEC2, error_reply, make_client, page_reply

_HOMES = {
    "Ec2Error": "._errors",
    "Habits": "._habits",
    "sample_task": "._backend",
    "answer_with": "._endpoint",
    "make_client": "._service",
    "Handler": "._handler",
    "LocalEC2": "._service",
    "Reply": "._handler",
    "error_reply": "._service",
    "page_reply": "._service",
}
"""Where each public name lives."""

if not TYPE_CHECKING:
    __getattr__ = lazy_names(globals(), _HOMES)


__all__ = [
    "Ec2Error",
    "Habits",
    "Handler",
    "LocalEC2",
    "Reply",
    "answer_with",
    "error_reply",
    "make_client",
    "page_reply",
    "sample_task",
]
