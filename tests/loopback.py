"""HTTP servers on 127.0.0.1 that misbehave as a network can: silent, dripping, resetting.

Where the wire matters (timeouts, drips, resets), a real client must talk to a real socket;
each server answers every connection it accepts the same way, in a thread of its own.
"""

from __future__ import annotations

import socket
import struct
import threading
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Generator

    Behaviour = Callable[[socket.socket, threading.Event], None]

__all__ = ["drip", "reset", "serving", "silent"]


def silent(connection: socket.socket, stop: threading.Event) -> None:
    """Accepts, and never answers."""
    stop.wait()


def drip(connection: socket.socket, stop: threading.Event) -> None:
    """Reads the request, then sends a long answer a byte every half second, never finishing:
    no socket read ever waits long enough to time out."""
    connection.recv(65536)
    try:
        connection.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 99999\r\n\r\n"
        )
        while not stop.wait(0.5):
            connection.sendall(b" ")
    except OSError:
        return  # the client hung up: what a deadline does


def reset(connection: socket.socket, stop: threading.Event) -> None:
    """Reads the request, then resets the connection (RST, as a dropped NAT entry does)."""
    connection.recv(65536)
    with suppress(OSError):  # the server shut down first
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


@contextmanager
def serving(behaviour: Behaviour) -> Generator[str]:
    """The URL of a server on 127.0.0.1 that treats each connection with ``behaviour``."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)  # so that the accepting thread sees ``stop``
    stop = threading.Event()
    connections: list[socket.socket] = []
    workers: list[threading.Thread] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            connections.append(connection)
            worker = threading.Thread(target=behaviour, args=(connection, stop), daemon=True)
            workers.append(worker)
            worker.start()

    accepting = threading.Thread(target=accept, daemon=True)
    accepting.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        # Every thread ends and every socket closes here, even when the test failed: a thread
        # left behind (a ``recv`` never answered) would slow the tests after it.
        stop.set()
        accepting.join()
        listener.close()
        for connection in connections:
            with suppress(OSError):  # already reset, or closed by the client
                connection.shutdown(socket.SHUT_RDWR)  # wakes a ``recv`` still waiting
        for worker in workers:
            worker.join()
        for connection in connections:
            connection.close()
