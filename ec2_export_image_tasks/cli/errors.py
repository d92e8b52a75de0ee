"""Every failure as one line and an exit status; a person at a terminal never sees a traceback."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
    ProfileNotFound,
)
from pydantic import ValidationError

from ..errors import (
    ExportFailedError,
    ExportImageTasksError,
    InvalidItemError,
    InvalidStartingTokenError,
    WaitTimeoutError,
    problem_text,
)

__all__ = [
    "AWS_ERROR",
    "BAD_INPUT",
    "EXPORT_FAILED",
    "INTERRUPTED",
    "INVALID_DATA",
    "NO_CREDENTIALS",
    "OK",
    "TIMED_OUT",
    "describe",
]

OK = 0
AWS_ERROR = 1
BAD_INPUT = 2
INVALID_DATA = 3
NO_CREDENTIALS = 4
EXPORT_FAILED = 5
TIMED_OUT = 6
INTERRUPTED = 130


def describe(error: BaseException) -> tuple[int, str]:
    """The exit status and the one line for ``error``."""
    match error:
        case ValidationError():
            return BAD_INPUT, problem_text(error)
        case InvalidStartingTokenError():
            return BAD_INPUT, str(error)
        case InvalidItemError():
            return INVALID_DATA, f"AWS sent an invalid task: {error}"
        case ExportFailedError():
            return EXPORT_FAILED, str(error)
        case WaitTimeoutError():
            return TIMED_OUT, str(error)
        case NoCredentialsError() | PartialCredentialsError():
            return NO_CREDENTIALS, f"{error}; configure AWS credentials, or try --demo"
        case NoRegionError():
            return NO_CREDENTIALS, "no AWS region given; pass --region, or configure one"
        case ProfileNotFound():
            return NO_CREDENTIALS, str(error)
        case ClientError():
            details = error.response.get("Error", {})
            return AWS_ERROR, f"AWS {details.get('Code')}: {details.get('Message')}"
        case BotoCoreError() | ExportImageTasksError():
            return AWS_ERROR, str(error)
        case KeyboardInterrupt():
            return INTERRUPTED, "interrupted"
        case _:
            raise error
