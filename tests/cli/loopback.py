"""A local EC2 on 127.0.0.1 for the command line's own client: what reached the wire."""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from ec2_export_image_tasks.testing import page_reply

if TYPE_CHECKING:
    import ssl
    from collections.abc import Generator

    from ec2_export_image_tasks.testing import Handler

SIGNING = {
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "AWS_MAX_ATTEMPTS": "1",
}
"""Credentials that sign requests, and one attempt per request (a refused one fails at once)."""


class _Endpoint(BaseHTTPRequestHandler):
    """EC2 answering every request with ``answer``, keeping the request's headers."""

    received: list[str]
    answer: Handler

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append(str(self.headers))
        parameters = dict(parse_qsl(body))
        reply = self.answer(parameters.get("Action", ""), parameters)
        self.send_response(reply.status)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, format: str, *args: object) -> None:  # quiet: no access log
        pass


@contextmanager
def ec2_over_http(
    answer: Handler, tls: ssl.SSLContext | None = None
) -> Generator[tuple[int, list[str]]]:
    """Its port, and the headers of each request it received, as text; ``answer`` answers;
    over HTTPS with ``tls``."""
    received: list[str] = []
    attributes = {"received": received, "answer": staticmethod(answer)}
    with ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Endpoint,), attributes)) as server:
        if tls is not None:
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield server.server_address[1], received
        finally:
            server.shutdown()
            thread.join()


def empty_ec2() -> AbstractContextManager[tuple[int, list[str]]]:
    """EC2 answering every request with an empty page: its port, and each request's headers."""
    return ec2_over_http(lambda action, parameters: page_reply([]))
