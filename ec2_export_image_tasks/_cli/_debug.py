"""``--debug``: botocore's request log on stderr, as aws-cli's ``--debug`` shows it, with the
credentials a request carries written as ``***``.

aws-cli prints the log as botocore writes it, secrets and all: the ``Authorization`` header's
signature, the session token (in a header, and in the canonical request it signs), a presigned
URL's signature and token, and an endpoint URL's user and password. A log pasted into an issue
should not hand them over, so every record is redacted as it is formatted, whichever logger
wrote it.
"""

from __future__ import annotations

import logging
import re
import sys
from contextlib import contextmanager
from importlib.metadata import version
from typing import TYPE_CHECKING

from ._userinfo import HIDDEN, hide_userinfo
from .stdout import Diagnostics

if TYPE_CHECKING:
    from collections.abc import Generator, Sequence
    from typing import Any, TextIO

    from botocore.client import BaseClient

__all__ = ["LOGGERS", "debug_log", "log_answers", "redacted"]

LOGGERS = ("botocore", "urllib3", "ec2_export_image_tasks")
"""The loggers ``--debug`` shows at DEBUG: aws-cli's (botocore and urllib3) and ours."""

_FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
"""aws-cli v1's (botocore's ``Session.LOG_FORMAT``)."""

_SECRETS = (
    # "Signature=..." in an Authorization header; "X-Amz-Signature=..." in a presigned URL.
    re.compile(r"(?i)(signature=)[0-9a-f]+"),
    # botocore.auth logs the signature alone: "Signature:\n<hex>".
    re.compile(r"(?i)(signature:\s*)[0-9a-f]{16,}"),
    # The session token: a header in a dict's repr ('X-Amz-Security-Token': b'...'), a line of
    # the canonical request (x-amz-security-token:...), a URL's query (X-Amz-Security-Token=...).
    re.compile(r"(?i)(x-amz-security-token['\"]?\s*[:=]\s*b?['\"]?)[^'\"\s&]+"),
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def redacted(text: str) -> str:
    """``text`` with signatures, session tokens and URLs' passwords written as ``***``, and
    terminal controls (from an answer's body) escaped, so that the log cannot drive the screen."""
    for secret in _SECRETS:
        text = secret.sub(rf"\g<1>{HIDDEN}", text)
    text = _CONTROLS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return hide_userinfo(text)


class _RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redacted(super().format(record))


@contextmanager
def debug_log(enabled: bool, argv: Sequence[str], stream: TextIO | None) -> Generator[None]:
    """While it lasts, and if ``enabled``, the :data:`LOGGERS` at DEBUG on ``stream``
    (standard error, whose failures never fail the command); then as they were."""
    if not enabled:
        yield
        return
    handler = logging.StreamHandler(Diagnostics(stream))
    handler.setFormatter(_RedactingFormatter(_FORMAT))
    loggers = [logging.getLogger(name) for name in LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    log = logging.getLogger(__name__)
    # aws-cli's first two lines.
    log.debug("CLI version: %s", _versions())
    log.debug("Arguments entered to CLI: %s", list(argv))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def log_answers(client: BaseClient) -> None:
    """Log each answer's body as it arrived, before anything reads it.

    The typed listing takes a page's tasks out of the body before botocore parses the rest
    (and logs it as ``Response body:``): without this line, a debug log would show every
    ``DescribeExportImageTasks`` answer without its tasks.
    """
    service = client.meta.service_model
    for operation in service.operation_names:  # botocore runs the most specific name first
        event = f"before-parse.{service.service_id.hyphenize()}.{operation}"
        client.meta.events.register_first(event, _log_body)


def _log_body(response_dict: dict[str, Any], **_: object) -> None:
    logging.getLogger(__name__).debug("Response body, as received:\n%r", response_dict["body"])


def _versions() -> str:
    """``ec2-export-image-tasks/1.0 Python/3.11.7 botocore/1.35.0``, as aws-cli's user agent."""
    python = ".".join(map(str, sys.version_info[:3]))
    ours = f"ec2-export-image-tasks/{version('ec2-export-image-tasks')}"
    return f"{ours} Python/{python} botocore/{version('botocore')}"
