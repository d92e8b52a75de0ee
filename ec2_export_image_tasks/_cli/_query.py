"""``--query``: a JMESPath expression, compiled as the options are read, applied as aws-cli does.

A bad expression is bad usage, refused before anything is sent; one that fails on the data (an
unknown function, a value of the wrong type) is bad usage too, once the data is there.
``jmespath`` is a botocore dependency.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jmespath.parser import ParsedResult

__all__ = ["AWS_CLI_STYLES", "add_query_option", "apply", "query", "query_problem"]

AWS_CLI_STYLES = ("json", "text")
"""The ``--output`` styles printed as aws-cli prints them: the only ones ``--query`` applies to."""


def query(text: str) -> ParsedResult:
    """argparse's type for ``--query``: the compiled expression, or a usage error naming it."""
    import jmespath
    from jmespath.exceptions import JMESPathError

    try:
        return jmespath.compile(text)
    except JMESPathError as error:
        # Its first line says what is wrong; the next ones point at it in the expression.
        reason = str(error).splitlines()[0].removesuffix(", for expression:").removesuffix(":")
        raise argparse.ArgumentTypeError(f"invalid JMESPath {text!r}: {reason}") from None


def add_query_option(command: argparse.ArgumentParser, applied_to: str) -> None:
    """``--query``, compiled as it is parsed; ``applied_to`` says to what, in its help."""
    command.add_argument(
        "--query",
        type=query,
        metavar="JMESPATH",
        help=f"print what this JMESPath expression makes of {applied_to}, as aws-cli does",
    )


def query_problem(expression: ParsedResult | None, style: str | None) -> str | None:
    """Why ``--query`` means nothing with ``--output style`` (only json and text are queried,
    as in aws-cli); None if it does, or when there is no query."""
    if expression is not None and style is not None and style not in AWS_CLI_STYLES:
        return f"argument --query: applies to --output json or text, not {style}"
    return None


def apply(expression: ParsedResult | None, document: object) -> object:
    """What ``--query`` makes of ``document``: the document itself when there is no query."""
    return document if expression is None else expression.search(document)
