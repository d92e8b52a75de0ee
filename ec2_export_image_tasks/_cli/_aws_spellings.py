"""aws-cli's spellings of the options of ``list``, ``export`` and ``cancel``, beside ours.

``aws ec2 describe-export-image-tasks``, ``export-image`` and ``cancel-export-task`` habits
carry over: each aws-cli option fills the option of ours that means the same (``--image-id``
is ``IMAGE_ID``, ``--filters Name=task-state,Values=active`` is ``--state active``), so that
both send the same request. Given both spellings of one option, the command is bad usage
naming both: neither is chosen silently. Structures are read as aws-cli reads them, shorthand or
JSON (:mod:`._shorthand`), and checked by the model of the request they become.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from ..models._facts import DISK_IMAGE_FORMATS, TASK_STATE_FILTER
from ._checked import checked, problem
from ._input_json import add_input_json
from ._shorthand import ShorthandError, as_list, structure, structures

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "FORMATS",
    "add_cancel_spellings",
    "add_export_spellings",
    "add_list_spellings",
    "reconcile",
]

FORMATS = [disk_image_format.lower() for disk_image_format in DISK_IMAGE_FORMATS]
"""``--format``'s choices; ``--disk-image-format`` takes them in any case, as EC2 does."""


def _read(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An argparse ``type`` (or a conversion after parsing) whose refusal is a usage error."""

    def read(value: Any) -> Any:
        from pydantic import ValidationError  # only once a structure is given

        try:
            return convert(value)
        except ShorthandError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        except ValidationError as error:
            raise argparse.ArgumentTypeError(problem(error)) from None

    return read


def _words_structures(text: str) -> list[dict[str, Any]]:
    """One word of a list of structures: a shorthand or JSON object, or a JSON list of them."""
    return structures([text])


def _flat(groups: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return [item for group in groups for item in group]


def _task_states(items: list[dict[str, Any]]) -> list[str]:
    """``--filters``: the ``task-state`` filter, the only one EC2 reads, as ``--state``'s values."""
    from ..models import Filter

    filters = [
        Filter.model_validate(
            {**item, "Values": as_list(item["Values"])} if "Values" in item else item
        )
        for item in items
    ]
    if len(filters) != 1 or filters[0].name != TASK_STATE_FILTER:
        names = ", ".join(repr(given.name) for given in filters)
        raise ShorthandError(
            f"give one {TASK_STATE_FILTER} filter (EC2 reads no other), got {names or 'none'}"
        )
    return list(filters[0].values)


def _s3_location(value: object) -> dict[str, Any]:
    from ..models import ExportTaskS3LocationRequest

    location = structure(value) if isinstance(value, str) else value
    if not isinstance(location, dict):  # a JSON input's; pydantic would name its own class
        raise argparse.ArgumentTypeError(f"{location!r}: give an object")
    ExportTaskS3LocationRequest.model_validate(location)
    return cast("dict[str, Any]", location)


def _tag_specifications(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..models import TagSpecification

    specifications = [
        {**item, "Tags": as_list(item["Tags"])} if "Tags" in item else item for item in items
    ]
    for specification in specifications:
        TagSpecification.model_validate(specification)
    return specifications


@dataclass(frozen=True)
class _Parameter:
    """A parameter of ``--cli-input-json``: the option it fills, unless one was given."""

    dest: str
    read: Callable[[Any], Any]
    """The JSON value, checked as the option's own value is; ArgumentTypeError if refused."""
    also: tuple[str, ...] = ()
    """Our options that, given, mean the command line gave this parameter."""


def _text(check: Callable[[str], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if not isinstance(value, str):
            raise argparse.ArgumentTypeError(f"{value!r}: give a string")
        return check(value)

    return read


def _texts(check: Callable[[str], Any]) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if not isinstance(value, list):
            raise argparse.ArgumentTypeError(f"{value!r}: give a list")
        items: list[Any] = value  # pyright: ignore[reportUnknownVariableType] (JSON's)
        return [_text(check)(item) for item in items]

    return read


def _objects(value: Any) -> list[list[dict[str, Any]]]:
    """A JSON list of objects, as one word of ``--filters`` or ``--tag-specifications``."""
    items: list[Any] = value if isinstance(value, list) else [None]  # pyright: ignore[reportUnknownVariableType] (JSON's)
    if not all(isinstance(item, dict) for item in items):
        raise argparse.ArgumentTypeError(f"{value!r}: give a list of objects")
    return [items]


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise argparse.ArgumentTypeError(f"{value!r}: give true or false")
    return value


def _format(text: str) -> str:
    if text.lower() not in FORMATS:
        raise argparse.ArgumentTypeError(f"{text!r}: give one of {', '.join(FORMATS)}")
    return text.lower()


_LIST_INPUT = {
    "ExportImageTaskIds": _Parameter("aws_ids", _texts(checked("ExportImageTaskId")), ("ids",)),
    "Filters": _Parameter("aws_filters", _objects, ("state",)),
}
_EXPORT_INPUT = {
    "ClientToken": _Parameter("client_token", _text(checked("ClientToken"))),
    "Description": _Parameter("description", _text(checked("Description"))),
    "DiskImageFormat": _Parameter("aws_format", _text(_format), ("format",)),
    "DryRun": _Parameter("dry_run", _flag),
    "ImageId": _Parameter("aws_image_id", _text(checked("ImageId")), ("image_id",)),
    "RoleName": _Parameter("role_name", _text(checked("RoleName"))),
    "S3ExportLocation": _Parameter("aws_location", _read(_s3_location)),
    "TagSpecifications": _Parameter("aws_tag_specifications", _objects, ("tags",)),
}
_CANCEL_INPUT = {
    "ExportTaskId": _Parameter("aws_task_id", _text(checked("ExportTaskId")), ("task_id",)),
}


def _fill_from_input_json(
    args: argparse.Namespace, parameters: dict[str, _Parameter]
) -> dict[str, str]:
    """Each parameter of ``--cli-input-json`` into its option, unless the command line gave it;
    a parameter this command does not read is refused, not dropped. Returns, for each option
    filled, the parameter's name as a refusal names it (``--cli-input-json: Filters``)."""
    document: dict[str, Any] = args.cli_input_json or {}
    filled: dict[str, str] = {}
    for key, value in document.items():
        parameter = parameters.get(key)
        if parameter is None:
            reads = ", ".join(parameters)
            raise _UsageProblem(
                f"argument --cli-input-json: {key!r} is not a parameter this command reads "
                f"(it reads {reads})"
            )
        if any(getattr(args, dest) is not None for dest in (parameter.dest, *parameter.also)):
            continue  # the command line wins, as in aws-cli
        try:
            setattr(args, parameter.dest, parameter.read(value))
        except argparse.ArgumentTypeError as error:
            raise _UsageProblem(f"argument --cli-input-json: {key}: {error}") from None
        filled[parameter.dest] = f"--cli-input-json: {key}"
    return filled


def add_list_spellings(command: argparse.ArgumentParser) -> None:
    """``--export-image-task-ids ID...`` (``--id``) and ``--filters`` (``--state``)."""
    group = command.add_argument_group("aws-cli's spellings")
    group.add_argument(
        "--export-image-task-ids",
        nargs="+",
        type=checked("ExportImageTaskId"),
        dest="aws_ids",
        metavar="TASK_ID",
        help="as --id",
    )
    group.add_argument(
        "--filters",
        nargs="+",
        type=_read(_words_structures),
        dest="aws_filters",
        metavar="FILTER",
        help=f"as --state: Name={TASK_STATE_FILTER},Values=active,completed (or JSON)",
    )
    add_input_json(group, "DescribeExportImageTasks")
    command.set_defaults(reconcile=_reconcile_list)


def add_export_spellings(command: argparse.ArgumentParser) -> None:
    """``--image-id``, ``--disk-image-format``, ``--s3-export-location``,
    ``--tag-specifications`` and ``--dry-run``; ``--role-name``, ``--description`` and
    ``--client-token`` are spelled as in aws-cli already."""
    group = command.add_argument_group("aws-cli's spellings")
    group.add_argument(
        "--image-id", type=checked("ImageId"), dest="aws_image_id", help="as IMAGE_ID"
    )
    group.add_argument(
        "--disk-image-format",
        type=str.lower,
        choices=FORMATS,
        dest="aws_format",
        help="as --format, in any case",
    )
    group.add_argument(
        "--s3-export-location",
        type=_read(_s3_location),
        dest="aws_location",
        metavar="LOCATION",
        help="as --bucket and --prefix: S3Bucket=B,S3Prefix=P (or JSON)",
    )
    group.add_argument(
        "--tag-specifications",
        nargs="+",
        type=_read(_words_structures),
        dest="aws_tag_specifications",
        metavar="SPECIFICATION",
        help="as --tag: ResourceType=export-image-task,Tags=[{Key=K,Value=V}] (or JSON)",
    )
    group.add_argument(
        "--dry-run",
        action=argparse.BooleanOptionalAction,
        help="only ask EC2 whether the export would start; nothing starts",
    )
    add_input_json(group, "ExportImage")
    command.set_defaults(reconcile=_reconcile_export)


def add_cancel_spellings(command: argparse.ArgumentParser) -> None:
    """``--export-task-id`` (``TASK_ID``); ``CancelExportTask`` has no ``DryRun``."""
    group = command.add_argument_group("aws-cli's spellings")
    group.add_argument(
        "--export-task-id", type=checked("ExportTaskId"), dest="aws_task_id", help="as TASK_ID"
    )
    add_input_json(group, "CancelExportTask")
    command.set_defaults(reconcile=_reconcile_cancel)


def _same_option(args: argparse.Namespace, ours: tuple[str, str], theirs: tuple[str, str]) -> None:
    """Move aws-cli's spelling into ours; both given is bad usage naming both."""
    (our_option, our_dest), (their_option, their_dest) = ours, theirs
    given = getattr(args, their_dest)
    if given is None:
        return
    if getattr(args, our_dest) is not None:
        raise _UsageProblem(f"{our_option} and {their_option} are one option: give one of them")
    setattr(args, our_dest, given)


class _UsageProblem(Exception):  # noqa: N818 (a usage problem, caught here, never raised out)
    """Both spellings of one option, or neither of a required one: the message says which."""


def _required(args: argparse.Namespace, *pairs: tuple[str, str, str]) -> None:
    for ours, theirs, dest in pairs:
        if getattr(args, dest) is None:
            raise _UsageProblem(f"the following arguments are required: {ours} (or {theirs})")


def _converted(option: str, convert: Callable[[Any], Any], value: Any) -> Any:
    try:
        return _read(convert)(value)
    except argparse.ArgumentTypeError as error:
        raise _UsageProblem(f"argument {option}: {error}") from None


def _reconcile_list(args: argparse.Namespace) -> None:
    filled = _fill_from_input_json(args, _LIST_INPUT)
    _same_option(args, ("--id", "ids"), ("--export-image-task-ids", "aws_ids"))
    if args.aws_filters is not None:
        option = filled.get("aws_filters", "--filters")
        args.aws_filters = _converted(option, _task_states, _flat(args.aws_filters))
    _same_option(args, ("--state", "state"), ("--filters", "aws_filters"))


def _reconcile_export(args: argparse.Namespace) -> None:
    filled = _fill_from_input_json(args, _EXPORT_INPUT)
    _same_option(args, ("IMAGE_ID", "image_id"), ("--image-id", "aws_image_id"))
    _same_option(args, ("--format", "format"), ("--disk-image-format", "aws_format"))
    if args.aws_location is not None:
        # From --cli-input-json, --bucket and --prefix each win over their own key; given as
        # --s3-export-location, the location is one option with them.
        from_input = "aws_location" in filled
        for key, option, dest in (
            ("S3Bucket", "--bucket", "bucket"),
            ("S3Prefix", "--prefix", "prefix"),
        ):
            if getattr(args, dest) is None:
                setattr(args, dest, args.aws_location.get(key))
            elif not from_input:
                raise _UsageProblem(f"{option} and --s3-export-location are one option: give one")
    args.tag_specifications = None
    if args.aws_tag_specifications is not None:
        if args.tags is not None:
            raise _UsageProblem("--tag and --tag-specifications are one option: give one of them")
        args.tag_specifications = _converted(
            filled.get("aws_tag_specifications", "--tag-specifications"),
            _tag_specifications,
            _flat(args.aws_tag_specifications),
        )
    _required(
        args,
        ("IMAGE_ID", "--image-id", "image_id"),
        ("--bucket", "--s3-export-location", "bucket"),
        ("--format", "--disk-image-format", "format"),
    )


def _reconcile_cancel(args: argparse.Namespace) -> None:
    _fill_from_input_json(args, _CANCEL_INPUT)
    _same_option(args, ("TASK_ID", "task_id"), ("--export-task-id", "aws_task_id"))
    _required(args, ("TASK_ID", "--export-task-id", "task_id"))


def reconcile(args: argparse.Namespace) -> str | None:
    """aws-cli's spellings moved into ours, or the usage problem that stops the command."""
    step = getattr(args, "reconcile", None)
    if step is None or args.generate_cli_skeleton:  # the skeleton needs no other option
        return None
    try:
        step(args)
    except _UsageProblem as conflict:
        return str(conflict)
    return None
