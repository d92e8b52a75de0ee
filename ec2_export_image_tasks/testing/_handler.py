"""The contract between whatever plays EC2 and the glue that carries it to a client.

A :data:`Handler` takes a request's ``Action`` and form fields and gives a :class:`Reply`. The
in-memory service (:mod:`._service`), a test's own function, and the botocore and aiobotocore
glue (:mod:`._endpoint`, :mod:`.aio`) all name these two types, and none of the others: so
they live here, where neither side has to import the other for them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ._habits import check_seconds


@dataclass(frozen=True, slots=True)
class Reply:
    """What the service sends back: an HTTP status and an XML body, and how it travels.

    ``wait`` is the real time, in seconds, the client waits for it (``asyncio.sleep`` in an
    aiobotocore client); a ``lost`` reply never arrives: the client sees the connection closed
    (botocore's ``ConnectionClosedError``, which it retries if allowed).
    """

    status: int
    body: bytes
    wait: float = 0.0
    lost: bool = False

    def __post_init__(self) -> None:
        check_seconds("Reply.wait", self.wait)


Handler = Callable[[str, Mapping[str, str]], Reply]
"""Takes a request's ``Action`` and all its form fields (``Action`` included); gives the reply.

Any function of this shape can play the service: see :func:`.answer_with`.
"""
