"""aws-cli's ``--cli-input-json`` and ``--generate-cli-skeleton`` for one EC2 operation.

The skeleton is what aws-cli prints: botocore's ``ArgumentGenerator`` over the operation's
input shape, as JSON indented by 4. ``--cli-input-json`` takes JSON text or ``file://PATH``,
a document of the operation's parameters; an option given on the command line wins over the
same parameter in it, as in aws-cli.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._shorthand import ShorthandError, load_json
from .exit_status import OK

if TYPE_CHECKING:
    from ._invocation import Invocation

__all__ = ["FILE_PREFIX", "add_input_json", "input_document", "write_skeleton"]

FILE_PREFIX = "file://"


def input_document(text: str) -> dict[str, Any]:
    """An argparse ``type``: the JSON object given, or read from ``file://PATH``."""
    if text.startswith(FILE_PREFIX):
        path = text.removeprefix(FILE_PREFIX)
        if not path:  # Path("") is the current directory: "Is a directory" would puzzle
            raise argparse.ArgumentTypeError(f"{FILE_PREFIX} names no file: give {FILE_PREFIX}PATH")
        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            raise argparse.ArgumentTypeError(f"cannot read {path!r}: {reason}") from None
    try:
        document = load_json(text)
    except ShorthandError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not isinstance(document, dict):
        raise argparse.ArgumentTypeError("give a JSON object of the operation's parameters")
    return document  # pyright: ignore[reportUnknownVariableType] (json's)


def add_input_json(group: argparse._ArgumentGroup, operation: str) -> None:  # pyright: ignore[reportPrivateUsage]
    """``--cli-input-json`` and ``--generate-cli-skeleton [input]``, as aws-cli has them."""
    group.add_argument(
        "--cli-input-json",
        type=input_document,
        metavar="JSON",
        help=f"{operation}'s parameters as JSON, or file://PATH; options given win",
    )
    group.add_argument(
        "--generate-cli-skeleton",
        nargs="?",
        const="input",
        choices=["input"],
        help="print the JSON --cli-input-json takes, and send nothing",
    )


def write_skeleton(run: Invocation, operation: str) -> int:
    """Print ``operation``'s input skeleton as aws-cli does; nothing is sent."""
    from botocore.session import Session  # only the skeleton reads EC2's service model
    from botocore.utils import ArgumentGenerator

    shape = Session().get_service_model("ec2").operation_model(operation).input_shape
    skeleton: object = ArgumentGenerator().generate_skeleton(shape) if shape is not None else {}
    run.out.write(json.dumps(skeleton, indent=4) + "\n")
    return OK
