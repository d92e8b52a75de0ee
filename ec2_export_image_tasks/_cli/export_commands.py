"""``export``, ``cancel``, and following an export to its end (``wait``, ``export --wait``).

Each option is checked as it is parsed, by the model's own type for its field, so a bad one is
bad usage (exit 2) naming the option and the value, and nothing is sent. The models, pydantic
and botocore are imported by those checks and by the runs, never by the grammar: ``--help``
loads none of them.
"""

from __future__ import annotations

import argparse
import json
import shlex
from typing import TYPE_CHECKING, Any, cast

from ..errors import ExportFailedError
from ..models._facts import (
    DEFAULT_ROLE_NAME,
    EXPORT_IMAGE_TASK_ID_PREFIX,
    IMAGE_ID_PREFIX,
    MAX_DESCRIPTION,
    TAGGED_RESOURCE_TYPE,
    tag_keys_problem,
)
from . import output
from ._aws_spellings import FORMATS, add_cancel_spellings, add_export_spellings
from ._checked import checked, refused
from ._input_json import write_skeleton
from ._query import AWS_CLI_STYLES, add_query_option, query_problem
from ._signals import EndedBySignal
from ._userinfo import without_userinfo
from .arguments import PROG, add_interval, timeout
from .exit_status import BAD_INPUT, OK, aws_said
from .stdout import OutputError, discard_pending

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from botocore.exceptions import ClientError
    from jmespath.exceptions import JMESPathError
    from mypy_boto3_ec2.client import EC2Client

    from ..models import (
        ExportImageRequest,
        ExportImageResponse,
        ExportImageTask,
        ExportImageTaskStatus,
        Tag,
    )
    from ._invocation import Invocation

DRY_RUN_OK = "DryRunOperation"
"""EC2's error code for a dry run it would have carried out."""

CANCEL_ANSWER: dict[str, Any] = {}
"""``CancelExportTask``'s answer as aws-cli reads it: the operation's output has no members, so
botocore's parse is ``ResponseMetadata`` alone, which aws-cli drops. aws-cli prints nothing for
it in json and text; a ``--query`` reads it (``ExportTaskId`` is ``null``)."""

__all__ = [
    "CANCEL_ANSWER",
    "DEMO_WAIT_INTERVAL",
    "DRY_RUN_OK",
    "WAIT_INTERVAL",
    "cancel",
    "cancel_arguments",
    "export",
    "export_arguments",
    "follow",
    "wait",
    "wait_arguments",
]

WAIT_INTERVAL = 15.0
DEMO_WAIT_INTERVAL = 1.0
"""The demo's exports take seconds, not hours: following one polls every second."""


def _tag(text: str) -> Tag:
    from pydantic import ValidationError

    from ..models import Tag

    key, equals, value = text.partition("=")
    if not equals:
        raise argparse.ArgumentTypeError(f"{text!r}: give a tag as KEY=VALUE")
    try:
        return Tag(key=key, value=value)
    except ValidationError as error:
        raise refused(text, error) from None


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
    command.add_argument(
        "task_id",
        metavar="TASK_ID",
        type=checked("ExportImageTaskId"),
        help=f"{EXPORT_IMAGE_TASK_ID_PREFIX}...",
    )
    _add_following(command, wait_option=False)


def wait(run: Invocation) -> int:
    """Follow one export until it completes; exit 0, or the status of how it ended."""
    client = run.client()
    follow(run, client, run.args.task_id, run.out, started=run.clock())
    return OK


def follow(
    run: Invocation,
    client: EC2Client,
    task_id: str,
    out: TextIO,
    *,
    started: float,
    json_lines: bool = False,
) -> ExportImageTask:
    """Print each poll's answer on ``out`` until the export completes; the completed task.

    ``--timeout`` runs from ``started`` (a ``run.clock`` reading): for ``export``, from before
    ``ExportImage``. Each poll is a progress line, or with ``json_lines`` the task as one JSON
    line. Raises what :func:`~ec2_export_image_tasks.wait_for_export` raises (deleted, timed
    out, refused, not found): each has its exit status. Unlike the library, the command line
    owns its client, so each poll is cut short at ``--timeout``'s deadline
    (:func:`._deadline.cut_short_after`): the command ends by it whatever the server does.
    """

    from .._wait_loops import poll_until_done
    from .._waiting import Waiting
    from ._deadline import cut_short_after

    def print_progress(task: ExportImageTask) -> None:
        if json_lines:
            output.write_json_line(task.to_boto(), out)
        else:
            out.write(output.progress_line(task, task.export_image_task_id or "") + "\n")
        out.flush()

    default = DEMO_WAIT_INTERVAL if run.args.demo else WAIT_INTERVAL
    interval = run.args.interval or default
    return poll_until_done(  # returns only once completed; raises otherwise
        client,
        Waiting(task_id, interval=interval, timeout=run.args.timeout, now=started),
        on_progress=print_progress,
        on_retry=run.warn_retry,
        sleep=run.sleep,
        clock=run.clock,
        bound=cut_short_after,
    )


def export_arguments(command: argparse.ArgumentParser) -> None:
    """``export IMAGE_ID --bucket B --format F [...]``."""
    command.add_argument(
        "image_id",
        nargs="?",
        metavar="IMAGE_ID",
        type=checked("ImageId"),
        help=f"{IMAGE_ID_PREFIX}...",
    )
    command.add_argument(
        "--bucket", type=checked("S3BucketName"), help="the S3 bucket to export to (required)"
    )
    command.add_argument("--prefix", help="the key prefix in the bucket, such as exports/")
    command.add_argument(
        "--format", type=str.lower, choices=FORMATS, help="the file's format (required)"
    )
    command.add_argument(
        "--role-name",
        type=checked("RoleName"),
        help=f"the IAM role VM Import/Export uses (default on AWS's side: {DEFAULT_ROLE_NAME})",
    )
    command.add_argument(
        "--description",
        type=checked("Description"),
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
        type=checked("ClientToken"),
        help="makes repeated runs one export (default: a new token per run, told on failure)",
    )
    command.add_argument(
        "--output",
        choices=["json", "text", "jsonl"],
        help="ExportImage's answer, as aws-cli's json or text (with --wait: the task as it "
        "ended), or jsonl: the answer, then one line per poll (default: the task id)",
    )
    add_query_option(command, "the json or text output")
    command.add_argument("--wait", action="store_true", help="follow the export until it ends")
    _add_following(command, wait_option=True)
    add_export_spellings(command)


def _request(args: argparse.Namespace, client_token: str) -> ExportImageRequest:
    from ..models import ExportImageRequest

    tags = args.tag_specifications or (
        [{"ResourceType": TAGGED_RESOURCE_TYPE, "Tags": args.tags}] if args.tags else None
    )
    parameters = {
        "ImageId": args.image_id,
        "DiskImageFormat": args.format.upper(),
        "S3ExportLocation": {"S3Bucket": args.bucket, "S3Prefix": args.prefix},
        "RoleName": args.role_name,
        "Description": args.description,
        "TagSpecifications": tags,
        "ClientToken": client_token,
        "DryRun": args.dry_run or None,
    }
    return ExportImageRequest.model_validate(parameters)


def _command(args: argparse.Namespace, *words: str) -> str | None:
    """This program run with ``words`` and the same connection, as one line for a shell; None
    with ``--demo``, whose endpoint lives in this process: another would not know the export.

    The endpoint URL goes without its userinfo, which botocore never uses: hidden as ``***``,
    it would be a glob, which zsh refuses when it matches no file.
    """
    if args.demo:
        return None
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
    words = (PROG, *connection, *words)
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


def _export_again(args: argparse.Namespace, client_token: str) -> str | None:
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
    if args.tag_specifications:
        words += ["--tag-specifications", json.dumps(args.tag_specifications)]
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
    """Start the export: its id and its answer as aws-cli reads it (botocore's parse, without
    ``ResponseMetadata``), or an error that says how to find it again.

    ``--timeout`` covers the request too: cut short at the deadline, it is an answer lost.
    """
    from .._export_calls import start_export
    from .._waiting import AttemptCutShort
    from ._deadline import cut_short_after
    from ._parsed_pages import answers_parsed
    from ._unfinished import ExportImageUnansweredError, ExportNotConfirmedError

    request = _request(run.args, client_token)  # a bad one is refused here, unsent
    answers: list[dict[str, Any]] = []  # as EC2 sent them: a status in any case, no key added
    error: BaseException
    try:
        with (
            answers_parsed(client, "ExportImage", answers.append),
            cut_short_after(run.args.timeout),
        ):
            response = start_export(client, request)
    except AttemptCutShort:
        error = ExportImageUnansweredError(run.args.timeout)
    except (Exception, KeyboardInterrupt, EndedBySignal) as failed:
        error = failed
    else:
        return _started(response, answers)
    if _nothing_started(error) or run.args.dry_run:  # a dry run starts nothing
        raise error
    command = _export_again(run.args, client_token)
    raise ExportNotConfirmedError(error, client_token, command) from error


def _started(
    response: ExportImageResponse, answers: list[dict[str, Any]]
) -> tuple[str, dict[str, Any]]:
    """The new task's id, and ExportImage's answer as aws-cli prints it."""
    document = {k: v for k, v in answers[-1].items() if k != "ResponseMetadata"}
    # start_export raises ExportWithoutIdError for an answer without one.
    return cast("str", response.export_image_task_id), document


def _aws_style(args: argparse.Namespace) -> str | None:
    """``--output``; with ``--query`` and no ``--output``, json (aws-cli's default); None for
    our default, the task id (``export``) or a line (``cancel``)."""
    return cast("str | None", args.output) or ("json" if args.query is not None else None)


def _query_failed(error: JMESPathError, done: str) -> JMESPathError:
    """``--query`` failed on the answer (an unknown function, a value of the wrong type): bad
    usage all the same, whose line says what was done (the export started, the cancel sent)."""
    from jmespath.exceptions import JMESPathError

    return JMESPathError(f"{error} ({done})")


def _print_started(
    run: Invocation, task_id: str, document: dict[str, Any], *, following: bool
) -> None:
    """The new task's id, or ExportImage's answer as aws-cli prints it, on stdout; a failure
    to write it still names it. With ``--wait``, json and text keep stdout for the task as it
    ends: the id is the first line on stderr, as the progress lines after it are."""
    from jmespath.exceptions import JMESPathError

    from ._unfinished import TaskIdNotWrittenError

    style = _aws_style(run.args)
    try:
        if style in AWS_CLI_STYLES and following:
            run.err.write(f"{task_id}\n")
        elif style in AWS_CLI_STYLES:
            output.write_as_aws_cli(style, document, run.args.query, run.out)
        elif style == "jsonl":
            output.write_json_line(document, run.out)
        else:
            run.out.write(f"{task_id}\n")
        run.out.flush()
    except OutputError as error:
        discard_pending(run.out)  # the id is said on stderr; nothing more to write at exit
        raise TaskIdNotWrittenError(error, task_id) from error
    except JMESPathError as error:
        raise _query_failed(error, f"export {task_id} started") from error


def _follow_started(run: Invocation, client: EC2Client, task_id: str, started: float) -> int:
    """Follow the export just started; a failure to follow says it goes on, and how to follow.

    stderr may be closed or broken: ``run.err`` drops what cannot be written there
    (:class:`.stdout.Diagnostics`), so the export is followed all the same (its id is on stdout).
    """
    from ._unfinished import ExportNotFollowedError

    # Progress lines would break a JSON document or aws-cli's text: with --output json or
    # text they go to stderr, and stdout ends with the task as it ended, --query applied.
    style = _aws_style(run.args)
    out = run.err if style in AWS_CLI_STYLES else run.out
    try:
        task = follow(run, client, task_id, out, started=started, json_lines=style == "jsonl")
    except ExportFailedError as ended:  # followed to its end: deleted
        _print_ended(run, style, ended.task)
        raise
    except OutputError as error:
        if error.reader_gone:  # | head -1: the reader has the id, and wants no more
            raise
        raise ExportNotFollowedError(error, task_id, _command(run.args, "wait", task_id)) from error
    except (Exception, KeyboardInterrupt, EndedBySignal) as error:
        raise ExportNotFollowedError(error, task_id, _command(run.args, "wait", task_id)) from error
    _print_ended(run, style, task)
    return OK


def _print_ended(run: Invocation, style: str | None, task: ExportImageTask) -> None:
    """With json or text, the task as it ended on stdout: what ``--query`` makes of it."""
    from jmespath.exceptions import JMESPathError

    if style not in AWS_CLI_STYLES:
        return
    try:
        output.write_as_aws_cli(style, task.to_boto(), run.args.query, run.out)
    except JMESPathError as error:
        raise _query_failed(error, f"export {task.export_image_task_id} {task.status}") from error


def _would_succeed(run: Invocation, error: ClientError, what: str) -> bool:
    """Whether ``error`` is EC2's answer to ``--dry-run`` that the request would succeed; if so,
    says it in one line: on stdout by default; on stderr with json, text or ``--query``, whose
    stdout stays aws-cli's, empty (there is no answer to print). Any other answer is what it
    would be without the option."""
    if not run.args.dry_run or error.response.get("Error", {}).get("Code") != DRY_RUN_OK:
        return False
    said = run.out if _aws_style(run.args) is None else run.err
    said.write(f"dry run: {what} would succeed (EC2 answered {DRY_RUN_OK})\n")
    return True


def export(run: Invocation) -> int:
    """Start the export; print its id (or JSON), then, if asked, follow it.

    The ClientToken is made here when none is given, so that any failure once the request may
    have reached EC2 can say the command that finds the export again.
    """
    from uuid import uuid4  # with platform: not for --help

    from botocore.exceptions import ClientError

    from ._unfinished import ExportNotFollowedError, TaskIdNotWrittenError

    args = run.args
    if args.generate_cli_skeleton:
        return write_skeleton(run, "ExportImage")
    problem = query_problem(args.query, args.output)
    if problem is not None:
        run.err.write(f"error: {problem}\n")
        return BAD_INPUT
    client = run.client()  # one client: the demo's exports live in it
    started = run.clock()  # --timeout's deadline covers ExportImage, then the polls
    try:
        task_id, document = _start(run, client, args.client_token or str(uuid4()))
    except ClientError as error:
        if _would_succeed(run, error, "the export"):
            return OK
        raise
    following = bool(args.wait or args.timeout or args.interval)
    try:
        _print_started(run, task_id, document, following=following)
    except TaskIdNotWrittenError as error:
        if not following or error.error.reader_gone:  # | head -1: the reader wants no more
            raise
        # Not followed: its status says so, not that of a start that failed; its line says
        # "started" once, with the id.
        failed = error.error
        raise ExportNotFollowedError(failed, task_id, _command(args, "wait", task_id)) from error
    if not following:
        return OK
    return _follow_started(run, client, task_id, started)


def cancel_arguments(command: argparse.ArgumentParser) -> None:
    """``cancel TASK_ID``."""
    command.add_argument(
        "task_id",
        nargs="?",
        metavar="TASK_ID",
        type=checked("ExportTaskId"),
        help=f"{EXPORT_IMAGE_TASK_ID_PREFIX}...",
    )
    command.add_argument(
        "--output",
        choices=list(AWS_CLI_STYLES),
        help="CancelExportTask's answer, as aws-cli prints it: nothing (default: a line)",
    )
    add_query_option(command, "CancelExportTask's answer (an empty object)")
    add_cancel_spellings(command)


def _status_after_lost_answer(
    client: EC2Client, task_id: str, error: Exception
) -> ExportImageTaskStatus:
    """The task's status if it is being deleted; else ``error``, noting what the task showed."""
    from botocore.exceptions import ClientError

    from .._wait_loops import describe_export
    from ..models import ExportImageTaskStatus

    being_deleted = {ExportImageTaskStatus.DELETING, ExportImageTaskStatus.DELETED}
    try:
        status = describe_export(client, task_id).status
    except Exception as failed:
        said = aws_said(failed) if isinstance(failed, ClientError) else str(failed)
        error.add_note(f"export {task_id} could not be checked: {said}")
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
    from jmespath.exceptions import JMESPathError

    from .._export_calls import cancel_export
    from .._retry import is_transient

    if run.args.generate_cli_skeleton:
        return write_skeleton(run, "CancelExportTask")
    client, task_id, style = run.client(), run.args.task_id, _aws_style(run.args)
    try:
        cancel_export(client, task_id)
    except Exception as error:
        if not is_transient(error):
            raise
        status = _status_after_lost_answer(client, task_id, error)
        # Not aws-cli's to say: on stderr when stdout is aws-cli's output.
        said = run.out if style is None else run.err
        said.write(f"{task_id} {status}: the cancel's answer was lost; the task shows it\n")
    else:
        if style is None:
            run.out.write(f"{task_id} cancelled: deleting, then deleted\n")
    if style is not None:
        try:
            output.write_as_aws_cli(style, CANCEL_ANSWER, run.args.query, run.out)
        except JMESPathError as error:
            raise _query_failed(error, f"export {task_id} cancelled") from error
    return OK
