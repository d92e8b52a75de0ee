"""The user and password an endpoint URL may carry (``http://user:secret@host``), kept unseen.

botocore never uses them (a request is signed, and sent to the host and port alone), yet writes
the URL it was given in its errors and debug log. So the URL goes to botocore without them, and
every message that may quote what was typed hides them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

__all__ = ["hide_userinfo", "shown_url", "without_userinfo"]

HIDDEN = "***"
_AUTHORITY_END = re.compile(r"[/?#]")
# A scheme, then everything up to the last "@" before the path: the userinfo, "@" and all.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]*@")


def without_userinfo(url: str) -> str:
    """``url`` with no ``user:password@``; unchanged when it has none."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def shown_url(url: str) -> str:
    """``url`` as a message may show it: ``http://***@host`` when it has a userinfo.

    Read without urllib, which refuses some of what it must hide (``http://u:p@[::1``).
    """
    scheme, separator, rest = url.partition("://")
    authority = _AUTHORITY_END.split(rest, maxsplit=1)[0]
    if not separator or "@" not in authority:
        return url
    host = authority.rpartition("@")[2]
    return f"{scheme}://{HIDDEN}@{host}{rest[len(authority) :]}"


def hide_userinfo(text: str) -> str:
    """``text`` with the userinfo of each URL in it written as ``***``."""
    return _USERINFO.sub(rf"\1{HIDDEN}@", text)
