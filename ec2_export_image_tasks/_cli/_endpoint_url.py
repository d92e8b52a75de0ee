"""What makes an endpoint URL one botocore can send to: the same check wherever the URL comes
from (``--endpoint-url``, or ``AWS_ENDPOINT_URL`` and the config file, read by botocore)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ._userinfo import shown_url

__all__ = ["endpoint_url_problem"]


def endpoint_url_problem(url: str) -> str | None:
    """Why botocore could not use ``url``, without its user and password; None if it can.

    botocore takes a port out of range or a scheme other than http(s), then fails as it sends:
    with a traceback, or "an HTTP Client raised an unhandled exception".
    """
    from botocore.utils import is_valid_endpoint_url, is_valid_ipv6_endpoint_url  # only if given

    try:
        valid = is_valid_endpoint_url(url) or is_valid_ipv6_endpoint_url(url)
        parts = urlsplit(url)
    except ValueError:  # urllib cannot even split it ("http://[::1")
        return f"not a URL: {shown_url(url)!r}"
    if not valid:
        return f"not a URL: {shown_url(url)!r}"
    try:
        parts.port  # noqa: B018  # read for its check
    except ValueError:
        return f"{shown_url(url)!r}: the port must be a number from 0 to 65535"
    if parts.scheme.lower() not in ("http", "https"):
        return f"{shown_url(url)!r}: the scheme must be http or https"
    return None
