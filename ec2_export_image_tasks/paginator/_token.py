"""botocore's resume-token format, read and written without botocore.

botocore writes ``base64(json.dumps({"<input token>": ..., "boto_truncate_amount": n}))``: the
service token that fetched a page and how many of that page's items were already handed out.
Tokens written here are byte-identical, so a token from either resumes in the other.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from typing import cast

from ..errors import InvalidStartingTokenError

TRUNCATE_KEY = "boto_truncate_amount"
_DEPRECATED_SEPARATOR = "___"
MAX_ITEMS_DONE = 2**31 - 1
"""The largest item count a token may carry: AWS's largest Integer, far beyond any page."""
_MAX_DIGITS = len(str(MAX_ITEMS_DONE))


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
        text = base64.b64decode(token.encode("utf-8")).decode("utf-8")
        # Too many digits to be an item count reads as infinity, refused as a count below,
        # rather than as Python's digit-limit ValueError, which would pass the token on raw.
        payload: object = json.loads(text, parse_int=_bounded_int)
    except (ValueError, binascii.Error):
        return None
    except RecursionError:
        raise InvalidStartingTokenError(token, "its JSON nests too deeply to be a token") from None
    return payload


def _bounded_int(digits: str) -> int | float:
    """An item count as written; infinity for more digits than any count has (Python's int()
    would refuse those past 4300 digits with a ValueError, which reads as "not a number")."""
    unsigned = digits.strip().lstrip("+-")
    return math.inf if unsigned.isdigit() and len(unsigned) > _MAX_DIGITS else int(digits)


def _botocore_form(token: str, decoded: dict[str, object], token_key: str) -> Position:
    unexpected = sorted(set(decoded) - {token_key, TRUNCATE_KEY})
    if unexpected:
        raise InvalidStartingTokenError(token, f"unexpected keys {unexpected}")
    if token_key not in decoded:
        raise InvalidStartingTokenError(token, f"{token_key!r} is missing")
    service_token = decoded[token_key]
    if service_token is not None and not isinstance(service_token, str):
        raise InvalidStartingTokenError(token, f"{token_key} must be a string or null")
    if service_token == "":
        raise InvalidStartingTokenError(token, f"{token_key} is empty: an ended listing has none")
    items_done = decoded.get(TRUNCATE_KEY, 0)
    if items_done == math.inf:
        raise InvalidStartingTokenError(token, f"{TRUNCATE_KEY} is too large to be an item count")
    if not isinstance(items_done, int) or isinstance(items_done, bool):
        raise InvalidStartingTokenError(token, f"{TRUNCATE_KEY} must be a whole number")
    return Position(service_token, _item_count(token, items_done))


def _item_count(token: str, items_done: int) -> int:
    if not 0 <= items_done <= MAX_ITEMS_DONE:
        raise InvalidStartingTokenError(
            token, f"the item count {items_done} is not between 0 and {MAX_ITEMS_DONE}"
        )
    return items_done


def _raw_form(token: str) -> Position:
    # botocore's pre-JSON tokens: "<service token>___<items done>"; "None" stands for no token.
    parts = token.split(_DEPRECATED_SEPARATOR)
    if len(parts) > 2:
        raise InvalidStartingTokenError(token, f"more than one {_DEPRECATED_SEPARATOR!r}")
    if len(parts) == 2:
        digits = parts[1].strip().lstrip("+-")
        if digits.isdigit() and len(digits) > _MAX_DIGITS:
            raise InvalidStartingTokenError(token, "the item count after '___' is too large")
        try:
            items_done = int(parts[1])
        except ValueError:
            return Position(token)  # botocore, too, passes it on whole as the service's token
        return Position(_service_token(token, parts[0]), _item_count(token, items_done))
    return Position(_service_token(token, token))


def _service_token(token: str, part: str) -> str | None:
    if not part:
        raise InvalidStartingTokenError(
            token, "the service token is empty: an ended listing has none"
        )
    return None if part == "None" else part
