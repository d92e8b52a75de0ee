"""``export``, ``cancel``, and following an export to its end (``wait``, ``export --wait``).

Each option is checked as it is parsed, by the model's own type for its field, so a bad one is
bad usage (exit 2) naming the option and the value, and nothing is sent. The models, pydantic
and botocore are imported by those checks and by the runs, never by the grammar: ``--help``
loads none of them.
"""

from __future__ import annotations

import argparse
import shlex
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from ..errors import ExportFailedError
from ..models._facts import (
    DEFAULT_ROLE_NAME,
    DISK_IMAGE_FORMATS,
    EXPORT_IMAGE_TASK_ID_PREFIX,
    IMAGE_ID_PREFIX,
    MAX_DESCRIPTION,
    TAGGED_RESOURCE_TYPE,
    tag_keys_problem,
)
from . import output
from ._signals import EndedBySignal
from ._userinfo import without_userinfo
from .arguments import PROG, add_interval, timeout
from .exit_status import OK
from .stdout import OutputError, discard_pending

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from mypy_boto3_ec2.client import EC2Client
    from pydantic import TypeAdapter, ValidationError

    from ..models import ExportImageRequest, ExportImageTask, ExportImageTaskStatus, Tag
    from ._invocation import Invocation

__all__ = [
    "DEMO_WAIT_INTERVAL",
    "FORMATS",
    "WAIT_INTERVAL",
    "cancel",
    "cancel_arguments",
    "export",
    "export_arguments",
    "follow",
    "wait",
    "wait_arguments",
]

FORMATS = [disk_image_format.lower() for disk_image_format in DISK_IMAGE_FORMATS]
WAIT_INTERVAL = 15.0
DEMO_WAIT_INTERVAL = 1.0
"""The demo's exports take seconds, not hours: following one polls every second."""


def _reason(error: ValidationError) -> str:
    return error.errors()[0]["msg"].removeprefix("Value error, ")


@cache
def _adapter(type_name: str) -> TypeAdapter[Any]:
    from pydantic import TypeAdapter

    from .. import models

    return TypeAdapter(getattr(models, type_name))


def _checked(type_name: str) -> Callable[[str], str]:
    """An argparse ``type``: the text, if the model's type for the field (``models.<type_name>``,
    imported when the option is given) takes it."""

    def check(text: str) -> str:
        from pydantic import ValidationError

        try:
            _adapter(type_name).validate_python(text)
        except ValidationError as error:
            raise argparse.ArgumentTypeError(f"{text!r}: {_reason(error)}") from None
        return text

    return check


def _tag(text: str) -> Tag:
    from pydantic import ValidationError

    from ..models import Tag

    key, equals, value = text.partition("=")
    if not equals:
        raise argparse.ArgumentTypeError(f"{text!r}: give a tag as KEY=VALUE")
    try:
        return Tag(key=key, value=value)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(f"{text!r}: {_reason(error)}") from None


class _AddTag(argparse.Action):
    """``--tag``, repeatable; tags that cannot all be on one task are refused as they come."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        tags: list[Tag] = [*(getattr(namespace, self.dest, None) or []), cast("Tag", values)]
        problem = tag_keys_problem([tag.key for tag in tags])
        if problem is not None:
            raise argparse.ArgumentError(self, problem)
        setattr(namespace, self.dest, tags)


def _add_following(command: argparse.ArgumentParser, *, wait_option: bool) -> None:
    """``--timeout`` and ``--interval``; on ``export`` either implies ``--wait``."""
    also = " (implies --wait)" if wait_option else ""
    command.add_argument(
        "--timeout", type=timeout, metavar="SECONDS", help=f"give up after this many seconds{also}"
    )
    demo = f" (implies --wait; {DEMO_WAIT_INTERVAL:g} with --demo)" if wait_option else ""
    add_interval(command, WAIT_INTERVAL, f"seconds between polls{demo}")
    if wait_option:
        # None, not 15, when not given: chosen as the export is followed, for the demo's sake.
        command.set_defaults(interval=None)


def wait_arguments(command: argparse.ArgumentParser) -> None:
    """``wait TASK_ID [--timeout S] [--interval S]``."""
    command.add_argument("task_id", metavar="TASK_ID", help=f"{EXPORT_IMAGE_TASK_ID_PREFIX}...")
    _add_following(command, wait_option=False)


def wait(run: Invocation) -> int:
    """Follow one export until it completes; exit 0, or the status of how it ended."""
    return follow(run, run.client(), run.args.task_id, run.out)


def follow(run: Invocation, client: EC2Client, task_id: str, out: TextIO) -> int:
    """Print a progress line per poll on ``out`` until the export completes.

    Raises what :func:`~ec2_export_image_tasks.wait_for_export` raises (deleted, timed
    out, refused, not found): each has its exit status. Unlike the library, the command line
    owns its client, so each poll is cut short at ``--timeout``'s deadline
    (:func:`._deadline.cut_short_after`): the command ends by it whatever the server does.
    """

    from .._wait_loops import poll_until_done
    from .._waiting import Waiting
    from ._deadline import cut_short_after

    def print_progress(task: ExportImageTask) -> None:
        out.write(output.progress_line(task, task.export_image_task_id or "") + "\n")
        out.flush()

    default = DEMO_WAIT_INTERVAL if run.args.demo else WAIT_INTERVAL
    interval = run.args.interval or default
    poll_until_done(  # returns only once completed; raises otherwise
        client,
        Waiting(task_id, interval=interval, timeout=run.args.timeout, now=run.clock()),
        on_progress=print_progress,
        on_retry=run.warn_retry,
        sleep=run.sleep,
        clock=run.clock,
        bound=cut_short_after,
    )
    return OK


def export_arguments(command: argparse.ArgumentParser) -> None:
    """``export IMAGE_ID --bucket B --format F [...]``."""
    command.add_argument(
        "image_id", metavar="IMAGE_ID", type=_checked("ImageId"), help=f"{IMAGE_ID_PREFIX}..."
    )
    command.add_argument(
        "--bucket", required=True, type=_checked("S3BucketName"), help="the S3 bucket to export to"
    )
    command.add_argument("--prefix", help="the key prefix in the bucket, such as exports/")
    command.add_argument(
        "--format", required=True, type=str.lower, choices=FORMATS, help="the file's format"
    )
    command.add_argument(
        "--role-name",
        type=_checked("RoleName"),
        help=f"the IAM role VM Import/Export uses (default on AWS's side: {DEFAULT_ROLE_NAME})",
    )
    command.add_argument(
        "--description",
        type=_checked("Description"),
        help=f"up to {MAX_DESCRIPTION} characters",
    )
    command.add_argument(
        "--tag",
        action=_AddTag,
        type=_tag,
        dest="tags",
        metavar="KEY=VALUE",
        help="tag the export task (repeatable)",
    )
    command.add_argument(
        "--client-token",
        type=_checked("ClientToken"),
        help="makes repeated runs one export (default: a new token per run, told on failure)",
    )
    command.add_argument(
        "--output", choices=["text", "json"], default="text", help="the task id, or the JSON"
    )
    command.add_argument("--wait", action="store_true", help="follow the export until it ends")
    _add_following(command, wait_option=True)


def _request(args: argparse.Namespace, client_token: str) -> ExportImageRequest:
    from ..models import ExportImageRequest

    tags = [{"ResourceType": TAGGED_RESOURCE_TYPE, "Tags": args.tags}] if args.tags else None
    parameters = {
        "ImageId": args.image_id,
        "DiskImageFormat": args.format.upper(),
        "S3ExportLocation": {"S3Bucket": args.bucket, "S3Prefix": args.prefix},
        "RoleName": args.role_name,
        "Description": args.description,
        "TagSpecifications": tags,
        "ClientToken": client_token,
    }
    return ExportImageRequest.model_validate(parameters)


def _command(args: argparse.Namespace, *words: str) -> str:
    """This program run with ``words`` and the same connection, as one line for a shell.

    The endpoint URL goes without its userinfo, which botocore never uses: hidden as ``***``,
    it would be a glob, which zsh refuses when it matches no file.
    """
    endpoint = args.endpoint_url and without_userinfo(args.endpoint_url)
    connection = [
        part
        for option, value in (
            ("--region", args.region),
            ("--profile", args.profile),
            ("--endpoint-url", endpoint),
        )
        if value is not None
        for part in (option, value)
    ]
    words = (PROG, *connection, *(["--demo"] if args.demo else []), *words)
    return " ".join(_shell_word(word) for word in words)


def _shell_word(word: str) -> str:
    """``word`` for a shell, exactly: in ANSI-C quotes (``$'two\\nlines'``: bash, zsh, ksh)
    when it holds what the error line would escape (a control, a bidi mark) or what an ASCII
    stream would, so that the escapes are the shell's own and mean the word itself."""
    if word.isascii() and word.isprintable():
        return shlex.quote(word)
    return "$'" + "".join(_ansi_c(character) for character in word) + "'"


def _ansi_c(character: str) -> str:
    if character in "\\'":
        return "\\" + character
    if character.isascii() and character.isprintable():
        return character
    return f"\\u{ord(character):04x}" if ord(character) <= 0xFFFF else f"\\U{ord(character):08x}"


def _export_again(args: argparse.Namespace, client_token: str) -> str:
    """The ``export`` that sends this request again with its ClientToken: one export, found."""
    words = ["export", args.image_id, "--bucket", args.bucket, "--format", args.format]
    for option, value in (
        ("--prefix", args.prefix),
        ("--role-name", args.role_name),
        ("--description", args.description),
    ):
        if value is not None:
            words += [option, value]
    for tag in args.tags or ():
        words += ["--tag", f"{tag.key}={tag.value}"]
    return _command(args, *words, "--client-token", client_token)


def _nothing_started(error: BaseException) -> bool:
    """Whether ``error`` proves no export started: never sent, or refused by EC2 (a 4xx)."""
    from botocore.exceptions import (
        ClientError,
        NoCredentialsError,
        NoRegionError,
        ParamValidationError,
        PartialCredentialsError,
        ProfileNotFound,
    )

    from .._retry import is_transient

    if isinstance(error, ClientError):
        return not is_transient(error)
    nothing_sent = (
        NoCredentialsError,
        PartialCredentialsError,
        NoRegionError,
        ProfileNotFound,
        ParamValidationError,
    )
    return isinstance(error, nothing_sent)


def _start(run: Invocation, client: EC2Client, client_token: str) -> tuple[str, dict[str, Any]]:
    """Start the export: its id and its answer, or an error that says how to find it again."""
    from .._export_calls import start_export
    from ._unfinished import ExportNotConfirmedError

    request = _request(run.args, client_token)  # a bad one is refused here, unsent
    try:
        response = start_export(client, request)
    except (Exception, KeyboardInterrupt, EndedBySignal) as error:
        if _nothing_started(error):
            raise
        command = _export_again(run.args, client_token)
        raise ExportNotConfirmedError(error, client_token, command) from error
    document = {k: v for k, v in response.to_boto().items() if k != "ResponseMetadata"}
    # start_export raises ExportWithoutIdError for an answer without one.
    return cast("str", response.export_image_task_id), dict(document)


def _print_started(run: Invocation, task_id: str, document: dict[str, Any]) -> None:
    """The new task's id (or its JSON) on stdout; a failure to write it still names it."""
    from ._unfinished import TaskIdNotWrittenError

    try:
        if run.args.output == "json":
            output.write_document(document, run.out)
        else:
            run.out.write(f"{task_id}\n")
        run.out.flush()
    except OutputError as error:
        discard_pending(run.out)  # the id is said on stderr; nothing more to write at exit
        raise TaskIdNotWrittenError(error, task_id) from error


def _follow_started(run: Invocation, client: EC2Client, task_id: str) -> int:
    """Follow the export just started; a failure to follow says it goes on, and how to follow.

    stderr may be closed or broken: ``run.err`` drops what cannot be written there
    (:class:`.stdout.Diagnostics`), so the export is followed all the same (its id is on stdout).
    """
    from ._unfinished import ExportNotFollowedError

    # Progress lines would break a JSON document: with --output json they go to stderr.
    out = run.err if run.args.output == "json" else run.out
    try:
        return follow(run, client, task_id, out)
    except ExportFailedError:  # followed to its end: deleted
        raise
    except OutputError as error:
        if error.reader_gone:  # | head -1: the reader has the id, and wants no more
            raise
        raise ExportNotFollowedError(error, task_id, _command(run.args, "wait", task_id)) from error
    except (Exception, KeyboardInterrupt, EndedBySignal) as error:
        raise ExportNotFollowedError(error, task_id, _command(run.args, "wait", task_id)) from error


def export(run: Invocation) -> int:
    """Start the export; print its id (or JSON), then, if asked, follow it.

    The ClientToken is made here when none is given, so that any failure once the request may
    have reached EC2 can say the command that finds the export again.
    """
    from uuid import uuid4  # with platform: not for --help

    from ._unfinished import ExportNotFollowedError, TaskIdNotWrittenError

    args = run.args
    client = run.client()  # one client: the demo's exports live in it
    task_id, document = _start(run, client, args.client_token or str(uuid4()))
    following = bool(args.wait or args.timeout or args.interval)
    try:
        _print_started(run, task_id, document)
    except TaskIdNotWrittenError as error:
        if not following or error.error.reader_gone:  # | head -1: the reader wants no more
            raise
        # Not followed: its status says so, not that of a start that failed.
        raise ExportNotFollowedError(error, task_id, _command(args, "wait", task_id)) from error
    if not following:
        return OK
    return _follow_started(run, client, task_id)


def cancel_arguments(command: argparse.ArgumentParser) -> None:
    """``cancel TASK_ID``."""
    command.add_argument(
        "task_id",
        metavar="TASK_ID",
        type=_checked("ExportTaskId"),
        help=f"{EXPORT_IMAGE_TASK_ID_PREFIX}...",
    )


def _status_after_lost_answer(
    client: EC2Client, task_id: str, error: Exception
) -> ExportImageTaskStatus:
    """The task's status if it is being deleted; else ``error``, noting what the task showed."""
    from .._wait_loops import describe_export
    from ..models import ExportImageTaskStatus

    being_deleted = {ExportImageTaskStatus.DELETING, ExportImageTaskStatus.DELETED}
    try:
        status = describe_export(client, task_id).status
    except Exception as failed:
        error.add_note(f"export {task_id} could not be checked: {failed}")
        raise error from None
    if status is None or status not in being_deleted:
        error.add_note(f"export {task_id} is {status}")
        raise error
    return status


def cancel(run: Invocation) -> int:
    """Cancel an active export: it goes on to deleting, then deleted.

    A cancel whose answer was lost (a dropped connection, a 5xx after botocore's retries) may
    have taken effect: the task says, and a task being deleted is reported as such.
    """
    from .._export_calls import cancel_export
    from .._retry import is_transient

    client, task_id = run.client(), run.args.task_id
    try:
        cancel_export(client, task_id)
    except Exception as error:
        if not is_transient(error):
            raise
        status = _status_after_lost_answer(client, task_id, error)
        run.out.write(f"{task_id} {status}: the cancel's answer was lost; the task shows it\n")
        return OK
    run.out.write(f"{task_id} cancelled: deleting, then deleted\n")
    return OK
