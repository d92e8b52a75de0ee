"""Every failure as one line and an exit status; a person at a terminal never sees a traceback.

The statuses cost nothing to import; what :func:`describe` tells apart (botocore's and pydantic's
errors) loads when a failure is described.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import (
    ExportFailedError,
    ExportImageTasksError,
    ExportNotCancellableError,
    ExportWithoutIdError,
    InvalidItemError,
    InvalidStartingTokenError,
    StatusMissingError,
    WaitTimeoutError,
    problem_text,
)
from ._signals import EndedBySignal
from .connection import AwsSetupError
from .stdout import OutputError

if TYPE_CHECKING:
    from botocore.exceptions import ClientError

__all__ = [
    "AWS_ERROR",
    "AWS_SETUP",
    "BAD_INPUT",
    "EXPORT_FAILED",
    "EXPORT_NOT_FOLLOWED",
    "INTERRUPTED",
    "INVALID_DATA",
    "OK",
    "READER_GONE",
    "TIMED_OUT",
    "aws_said",
    "describe",
]

OK = 0
AWS_ERROR = 1
BAD_INPUT = 2
INVALID_DATA = 3
AWS_SETUP = 4
EXPORT_FAILED = 5
TIMED_OUT = 6
EXPORT_NOT_FOLLOWED = 7
"""``export --wait`` started the export but stopped following it: it goes on, do not start it
again (a script that retries ``export`` on any failure would start one export per try)."""
INTERRUPTED = 130
READER_GONE = 141
"""128 + SIGPIPE: what a shell reports for ``cat`` or ``yes`` when the reader stops reading.

Chosen over 0 because the output was cut short (a script with ``set -o pipefail`` sees the
same status as for any Unix tool in that place), and over 1 because nothing went wrong.
"""


def _with_notes(error: BaseException, notes: list[str]) -> tuple[int, str]:
    """``error``'s status and line, its notes inside the line (the command goes last)."""
    status, line = describe(error)
    return status, (line or "") + "".join(f" ({note})" for note in notes)


def aws_said(error: ClientError) -> str:
    """``AWS InvalidExportTaskID.NotFound: <EC2's message>``: EC2's code and words."""
    details = error.response.get("Error", {})
    return f"AWS {details.get('Code')}: {details.get('Message')}"


def _invalid_item(error: InvalidItemError) -> str:
    """The library's message, without its pointer to ``.validation_error`` for the rest."""
    more = error.validation_error.error_count() - 1
    also = f" (and {more} more invalid field{'s' if more > 1 else ''})" if more else ""
    return f"item {error.item_id or '<no id>'}: {problem_text(error.validation_error)}{also}"


def describe(error: BaseException) -> tuple[int, str | None]:
    """The exit status and the one line for ``error``; no line for a reader that went away."""
    from botocore.exceptions import (
        BotoCoreError,
        ClientError,
        NoCredentialsError,
        NoRegionError,
        PartialCredentialsError,
        ProfileNotFound,
    )
    from botocore.parsers import ResponseParserError
    from jmespath.exceptions import JMESPathError
    from pydantic import ValidationError

    from ._unfinished import (
        ExportImageUnansweredError,
        ExportNotConfirmedError,
        ExportNotFollowedError,
        TaskIdNotWrittenError,
    )

    match error:
        case ExportNotConfirmedError():
            status, line = _with_notes(error.error, error.notes)
            return status, f"{line}; {error.how_to_go_on}"
        case ExportNotFollowedError():
            status, line = _with_notes(error.error, error.notes)
            if not isinstance(error.error, KeyboardInterrupt | EndedBySignal):
                status = EXPORT_NOT_FOLLOWED
            return status, f"{line}; {error.how_to_go_on}"
        case ExportImageUnansweredError():
            return TIMED_OUT, str(error)
        case TaskIdNotWrittenError():
            status = READER_GONE if error.error.reader_gone else AWS_ERROR
            return status, f"export {error.task_id} started, but {error.error}"
        case OutputError() if error.reader_gone:
            return READER_GONE, None
        case ValidationError():
            return BAD_INPUT, problem_text(error)
        case InvalidStartingTokenError():  # the command line's one source of a token
            return BAD_INPUT, f"argument --starting-token: {error.shown!r}: {error.reason}"
        case JMESPathError():  # --query fails on the data: an unknown function, a wrong type
            return BAD_INPUT, f"argument --query: {error}"
        case InvalidItemError():
            return INVALID_DATA, f"AWS sent an invalid task: {_invalid_item(error)}"
        case StatusMissingError():
            return INVALID_DATA, str(error)
        case ExportFailedError():
            return EXPORT_FAILED, str(error)
        case WaitTimeoutError():
            return TIMED_OUT, str(error)
        case ExportWithoutIdError():  # raised as the cause of ExportNotConfirmedError
            return AWS_ERROR, "AWS answered ExportImage without an ExportImageTaskId"
        case NoCredentialsError() | PartialCredentialsError():
            return AWS_SETUP, f"{error}; configure AWS credentials, or try --demo"
        case NoRegionError():
            return AWS_SETUP, "no AWS region given; pass --region, set AWS_REGION, or configure one"
        case ProfileNotFound() | AwsSetupError():
            return AWS_SETUP, str(error)
        case ClientError():
            return AWS_ERROR, aws_said(error)
        case ResponseParserError():
            # Its message ends with the whole body; the first line says what was wrong. No
            # full stop: notes and the command that finds an export follow it in the line.
            first_line = str(error).partition("\n")[0]
            return AWS_ERROR, first_line.removesuffix(" Further retries may succeed:").rstrip(".")
        case ExportNotCancellableError():  # its line already has EC2's code and words
            return AWS_ERROR, str(error)
        case ExportImageTasksError() if isinstance(error.__cause__, ClientError):
            return AWS_ERROR, f"{error} ({aws_said(error.__cause__)})"  # EC2's code kept
        case BotoCoreError() | ExportImageTasksError() | OutputError():
            return AWS_ERROR, str(error)
        case KeyboardInterrupt():
            return INTERRUPTED, "interrupted"
        case EndedBySignal():
            return 128 + error.signum, str(error)
        case _:
            raise error
