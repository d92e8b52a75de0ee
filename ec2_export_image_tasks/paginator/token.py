"""botocore's resume-token format, read and written without botocore.

botocore writes ``base64(json.dumps({"<input token>": ..., "boto_truncate_amount": n}))``: the
service token that fetched a page and how many of that page's items were already handed out.
Tokens written here are byte-identical, so a token from either resumes in the other.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import cast

from ..errors import InvalidStartingTokenError

TRUNCATE_KEY = "boto_truncate_amount"
_DEPRECATED_SEPARATOR = "___"


@dataclass(frozen=True, slots=True)
class Position:
    """Where paging stands: the service token of a page, and how many of its items are done."""

    service_token: str | None
    items_done: int = 0


def encode(position: Position, token_key: str) -> str:
    """Write ``position`` as botocore's ``TokenEncoder`` would, byte for byte."""
    token: dict[str, object] = {token_key: position.service_token}
    if position.items_done:
        token[TRUNCATE_KEY] = position.items_done
    return base64.b64encode(json.dumps(token).encode("utf-8")).decode("utf-8")


def decode(token: str, token_key: str) -> Position:
    """Read a StartingToken as botocore does, but reject what botocore would fail on late.

    A token in botocore's form must be exactly that form; anything else is taken, as botocore
    takes it, for a raw service NextToken (optionally with botocore's old ``___<n>`` suffix).
    """
    decoded = _json_payload(token)
    if isinstance(decoded, dict) and (token_key in decoded or TRUNCATE_KEY in decoded):
        return _botocore_form(token, cast("dict[str, object]", decoded), token_key)
    if decoded is not None and not isinstance(decoded, dict):
        raise InvalidStartingTokenError(token, "it decodes to JSON that is not an object")
    return _raw_form(token)


def _json_payload(token: str) -> object | None:
    try:
        payload: object = json.loads(base64.b64decode(token.encode("utf-8")).decode("utf-8"))
    except (ValueError, binascii.Error):
        return None
    return payload


def _botocore_form(token: str, decoded: dict[str, object], token_key: str) -> Position:
    unexpected = sorted(set(decoded) - {token_key, TRUNCATE_KEY})
    if unexpected:
        raise InvalidStartingTokenError(token, f"unexpected keys {unexpected}")
    if token_key not in decoded:
        raise InvalidStartingTokenError(token, f"{token_key!r} is missing")
    service_token = decoded[token_key]
    if service_token is not None and not isinstance(service_token, str):
        raise InvalidStartingTokenError(token, f"{token_key} must be a string or null")
    items_done = decoded.get(TRUNCATE_KEY, 0)
    if not isinstance(items_done, int) or isinstance(items_done, bool) or items_done < 0:
        raise InvalidStartingTokenError(token, f"{TRUNCATE_KEY} must be a whole number >= 0")
    return Position(service_token, items_done)


def _raw_form(token: str) -> Position:
    # botocore's pre-JSON tokens: "<service token>___<items done>"; "None" stands for no token.
    parts = token.split(_DEPRECATED_SEPARATOR)
    if len(parts) > 2:
        raise InvalidStartingTokenError(token, f"more than one {_DEPRECATED_SEPARATOR!r}")
    if len(parts) == 2:
        try:
            items_done = int(parts[1])
        except ValueError:
            return Position(token)  # botocore, too, passes it on whole as the service's token
        if items_done < 0:
            raise InvalidStartingTokenError(token, "the item count after '___' is negative")
        return Position(_service_token(parts[0]), items_done)
    return Position(_service_token(token))


def _service_token(part: str) -> str | None:
    return None if part == "None" else part
