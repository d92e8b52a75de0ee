"""EC2 regions played over real HTTP on 127.0.0.1, for tests where the wire matters.

Each region is a loopback server that answers with a :data:`Handler` until it is told to stall:
then it keeps the connection and says nothing (``"silent"``), sends a response one byte at a
time forever (``"drip"``, which no read timeout ever catches), or closes the connection without
a word (``"drop"``). :func:`regions_over_http` gives an aiobotocore session whose clients reach
each region's server: its requests are sent to 127.0.0.1, signed as for the real endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from aiobotocore.config import AioConfig
from aiobotocore.session import AioSession

from ec2_export_image_tasks.testing import _glue  # pyright: ignore[reportPrivateUsage]

if TYPE_CHECKING:
    from collections.abc import AsyncGenerator, Collection, Mapping

    from botocore.awsrequest import AWSRequest

    from ec2_export_image_tasks.testing import Handler

Stall = Literal["silent", "drip", "drop"]

_DRIP_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/xml;charset=UTF-8\r\nContent-Length: 1000000\r\n\r\n"
)


@dataclass
class LoopbackRegion:
    """A region's server: the requests numbered ``stalled`` (from 0) stall as ``stall`` says."""

    handler: Handler
    stalled: Collection[int] = ()
    stall: Stall = "silent"
    requests: list[Mapping[str, str]] = field(default_factory=list["Mapping[str, str]"])
    closing: asyncio.Event = field(default_factory=asyncio.Event)

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Answer requests on one connection, as long as the client keeps it open."""
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                parameters = dict(parse_qsl((await reader.readexactly(length)).decode()))
                self.requests.append(parameters)
                if len(self.requests) - 1 in self.stalled:
                    await self._stall(writer)
                    return
                reply = self.handler(parameters.get("Action", ""), parameters)
                writer.write(
                    f"HTTP/1.1 {reply.status} Reply\r\nContent-Type: text/xml;charset=UTF-8\r\n"
                    f"Content-Length: {len(reply.body)}\r\n\r\n".encode()
                    + reply.body
                )
                await writer.drain()

    async def _stall(self, writer: asyncio.StreamWriter) -> None:
        if self.stall == "drop":
            writer.close()
            return
        if self.stall == "silent":
            await self.closing.wait()
            return
        writer.write(_DRIP_HEAD)
        while not self.closing.is_set():
            await asyncio.sleep(0.05)
            writer.write(b" ")
            await writer.drain()


@contextlib.asynccontextmanager
async def regions_over_http(regions: Mapping[str, LoopbackRegion]) -> AsyncGenerator[AioSession]:
    """An isolated session (dummy credentials, no botocore retries) reaching ``regions``."""
    connections: dict[asyncio.Task[None], asyncio.StreamWriter] = {}
    ports: dict[str, int] = {}
    servers: list[asyncio.Server] = []

    for name, region in regions.items():

        async def serve(
            reader: asyncio.StreamReader,
            writer: asyncio.StreamWriter,
            region: LoopbackRegion = region,
        ) -> None:
            task = asyncio.current_task()
            assert task is not None
            connections[task] = writer
            try:
                await region.serve(reader, writer)
            finally:
                del connections[task]
                writer.close()

        server = await asyncio.start_server(serve, "127.0.0.1", 0)
        servers.append(server)
        ports[name] = server.sockets[0].getsockname()[1]

    def to_loopback(request: AWSRequest, region_name: str, **_: object) -> None:
        # Signed for the real host; sent to the region's server instead.
        parts = urlsplit(str(request.url))
        request.url = urlunsplit(
            parts._replace(scheme="http", netloc=f"127.0.0.1:{ports[region_name]}")
        )

    session = AioSession(session_vars=_glue.SESSION_VARIABLES)  # pyright: ignore[reportPrivateUsage]
    session.set_credentials(*_glue.CREDENTIALS)  # pyright: ignore[reportPrivateUsage]
    session.set_default_client_config(_glue.client_config(AioConfig, max_attempts=1))  # pyright: ignore[reportPrivateUsage]
    session.register("before-sign.ec2", to_loopback)
    try:
        yield session
    finally:
        for server in servers:
            server.close()
        # Each connection ends by itself: a cancelled one makes asyncio log an error.
        for region in regions.values():
            region.closing.set()
        for writer in connections.values():
            writer.close()
        await asyncio.gather(*connections)
