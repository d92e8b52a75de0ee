"""EC2's own facts about export image tasks, each written once, here.

The models check them, the local endpoint (``testing``) answers by them, the strategies generate
from the models that hold them, and the command line cites them in its help. A fact that changes
at AWS changes here and nowhere else. The enumerations are facts too, and live with their
models: :class:`.ExportImageTaskStatus` and :class:`.DiskImageFormat`; their values are also
here, plain, for the command line's help (a test holds the two equal).

The one ``_``-module of a room that the other rooms read (the layout test names it): the
facts are the models' to keep, and everyone's to cite. Pure constants and one rule: importing
it costs nothing and imports nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal, get_args

if TYPE_CHECKING:
    from collections.abc import Sequence

# EC2 resource ids: a prefix, then 8 or 17 lowercase hex digits (the short and long id forms).
RESOURCE_ID_DIGITS: Final = (17, 8)
IMAGE_ID_PREFIX: Final = "ami-"
EXPORT_IMAGE_TASK_ID_PREFIX: Final = "export-ami-"
EXPORT_INSTANCE_TASK_ID_PREFIX: Final = "export-i-"
"""``CancelExportTask`` also takes an instance export's id."""


def resource_id_pattern(*prefixes: str) -> str:
    """The anchored regex of an id that begins with one of ``prefixes`` (letters and hyphens)."""
    digits = "|".join(f"[0-9a-f]{{{count}}}" for count in RESOURCE_ID_DIGITS)
    prefix = prefixes[0] if len(prefixes) == 1 else f"(?:{'|'.join(prefixes)})"
    return f"^{prefix}(?:{digits})$"


IMAGE_ID_PATTERN: Final = resource_id_pattern(IMAGE_ID_PREFIX)
EXPORT_IMAGE_TASK_ID_PATTERN: Final = resource_id_pattern(EXPORT_IMAGE_TASK_ID_PREFIX)
EXPORT_TASK_ID_PATTERN: Final = resource_id_pattern(
    EXPORT_IMAGE_TASK_ID_PREFIX, EXPORT_INSTANCE_TASK_ID_PREFIX
)
"""What ``CancelExportTask`` takes: an image export's id or an instance export's."""


MAX_DESCRIPTION: Final = 255
"""``ExportImage``'s ``Description``: at most this many characters."""

DEFAULT_ROLE_NAME: Final = "vmimport"
"""The role EC2 uses when ``ExportImage`` names none."""
ROLE_NAME_CHARACTERS: Final = "A-Za-z0-9_+=,.@-"
"""IAM's RoleName, as a regex character class: ``[\\w+=,.@-]`` (IAM API Reference, Role)."""
MAX_ROLE_NAME: Final = 64

MAX_CLIENT_TOKEN: Final = 64
"""EC2's idempotency tokens: "a unique, case-sensitive string of up to 64 ASCII characters"
(Amazon EC2 API Reference, "Ensuring idempotency")."""

RESERVED_TAG_PREFIX: Final = "aws:"
"""No tag key begins with it, in any letter case."""
MAX_TAG_KEY: Final = 127
"""Tag keys are 1 to this many Unicode code points."""
MAX_TAG_VALUE: Final = 256
"""Tag values are 0 to this many Unicode code points."""
MAX_TAGS: Final = 50
"""EC2's limit of tags per resource (Amazon EC2 User Guide, "Tag restrictions")."""

TaggedResourceType = Literal["export-image-task"]
"""The one resource type ``ExportImage``'s ``TagSpecifications`` may name, as a type."""
TAGGED_RESOURCE_TYPE: Final[TaggedResourceType] = get_args(TaggedResourceType)[0]

BUCKET_NAME_LENGTH: Final = (3, 63)
"""S3's general purpose bucket names: this many characters, least and most."""
BUCKET_NAME_CHARACTERS: Final = "a-z0-9.-"
"""What a bucket name holds, as a regex character class; it begins and ends alphanumeric."""
BUCKET_PREFIXES: Final = ("xn--", "sthree-", "amzn-s3-demo-")
"""Prefixes S3 reserves (``sthree-configurator`` begins with ``sthree-``)."""
BUCKET_SUFFIXES: Final = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
"""Suffixes S3 reserves for access point aliases, Multi-Region Access Points, directory and
table buckets."""

TASK_STATES: Final = ("active", "completed", "deleting", "deleted")
"""An export image task's ``Status``: :class:`.ExportImageTaskStatus`'s values, for whoever
must name them without loading the models (the command line's ``--help``)."""
DISK_IMAGE_FORMATS: Final = ("VMDK", "RAW", "VHD")
"""``ExportImage``'s ``DiskImageFormat``: :class:`.DiskImageFormat`'s values, likewise."""

TASK_STATE_FILTER: Final = "task-state"
"""The one filter name ``DescribeExportImageTasks`` documents."""
MAX_PAGE_SIZE: Final = 500
"""The largest ``MaxResults`` EC2 accepts."""


def tag_keys_problem(keys: Sequence[str]) -> str | None:
    """Why tags with these keys cannot all be on one resource, or None when they can."""
    if len(keys) > MAX_TAGS:
        return f"{len(keys)} tags; a resource takes at most {MAX_TAGS}"
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return f"the tag key {key!r} is given twice"
        seen.add(key)
    return None
