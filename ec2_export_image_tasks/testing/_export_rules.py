"""``ExportImage``'s request and the rules EC2 checks it by, before an export starts."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import ValidationError

from ..models import DiskImageFormat, Tag
from ..models._facts import (
    IMAGE_ID_PATTERN,
    IMAGE_ID_PREFIX,
    MAX_CLIENT_TOKEN,
    MAX_DESCRIPTION,
    TAGGED_RESOURCE_TYPE,
    tag_keys_problem,
)
from ._errors import Ec2Error

if TYPE_CHECKING:
    from collections.abc import Sequence

_DISK_IMAGE_FORMATS = tuple(disk_image_format.value for disk_image_format in DiskImageFormat)
_IMAGE_ID = re.compile(IMAGE_ID_PATTERN)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """One ``ExportImage`` request's parameters, as sent and not yet checked.

    ``tag_specifications`` are (resource type, tags) pairs, each tag a (key, value) pair.
    """

    image_id: str
    disk_image_format: str
    s3_bucket: str
    s3_prefix: str | None = None
    role_name: str | None = None
    description: str | None = None
    tag_specifications: Sequence[tuple[str, Sequence[tuple[str, str]]]] = ()
    client_token: str | None = None
    dry_run: bool = False

    def task(self, task_id: str) -> dict[str, object]:
        """The export task this request starts, in boto3's form, as far as time leaves it be."""
        location = {"S3Bucket": self.s3_bucket}
        if self.s3_prefix is not None:
            location["S3Prefix"] = self.s3_prefix
        task: dict[str, object] = {
            "ExportImageTaskId": task_id,
            "ImageId": self.image_id,
            "S3ExportLocation": location,
        }
        if self.description is not None:
            task["Description"] = self.description
        if tags := [
            {"Key": key, "Value": value}
            for _, pairs in self.tag_specifications
            for key, value in pairs
        ]:
            task["Tags"] = tags
        return task


def without_token(request: ExportRequest) -> ExportRequest:
    """The parameters a client token stands for: all but the token and DryRun."""
    return dataclasses.replace(request, client_token=None, dry_run=False)


def check_client_token(token: str) -> None:
    """EC2's limit on an idempotency token: :data:`MAX_CLIENT_TOKEN` ASCII characters."""
    if len(token) > MAX_CLIENT_TOKEN or not token.isascii():
        raise Ec2Error(
            "InvalidParameterValue",
            f"Value ({token}) for parameter ClientToken is invalid: "
            f"at most {MAX_CLIENT_TOKEN} ASCII characters.",
        )


def check_export(request: ExportRequest, images: set[str], buckets: set[str]) -> None:
    """Refuse what EC2 refuses in an ``ExportImage`` request, in the order it checks."""
    image_id = request.image_id
    if not _IMAGE_ID.fullmatch(image_id):
        raise Ec2Error(
            "InvalidAMIID.Malformed", f'Invalid id: "{image_id}" (expecting "{IMAGE_ID_PREFIX}...")'
        )
    if image_id not in images:
        raise Ec2Error("InvalidAMIID.NotFound", f"The image id '[{image_id}]' does not exist")
    if request.disk_image_format not in _DISK_IMAGE_FORMATS:
        raise Ec2Error(
            "InvalidParameterValue",
            f"Value ({request.disk_image_format}) for parameter DiskImageFormat is invalid. "
            f"Expecting one of {', '.join(_DISK_IMAGE_FORMATS)}.",
        )
    if request.s3_bucket not in buckets:
        raise Ec2Error(
            "InvalidParameter",
            f"The S3 bucket '{request.s3_bucket}' does not exist, "
            "or you do not have permission to write to it.",
        )
    if request.description is not None and len(request.description) > MAX_DESCRIPTION:
        raise Ec2Error(
            "InvalidParameterValue",
            f"The description is {len(request.description)} characters; "
            f"the maximum is {MAX_DESCRIPTION}.",
        )
    for resource_type, tags in request.tag_specifications:
        check_tags(resource_type, tags)
    # Every specification tags the one task: the keys are unique, and counted, across them all.
    problem = tag_keys_problem([key for _, tags in request.tag_specifications for key, _ in tags])
    if problem is not None:
        raise Ec2Error("InvalidParameterValue", f"The tags cannot all be on the task: {problem}.")


def check_tags(resource_type: str, tags: Sequence[tuple[str, str]]) -> None:
    """Tags are checked with the :class:`~..models.Tag` model, as EC2 checks tags."""
    if resource_type != TAGGED_RESOURCE_TYPE:
        raise Ec2Error(
            "InvalidParameterValue",
            f"'{resource_type}' is not a valid taggable resource type for this operation: "
            f"use '{TAGGED_RESOURCE_TYPE}'.",
        )
    for key, value in tags:
        try:
            Tag(key=key, value=value)
        except ValidationError as error:
            reason = error.errors()[0]["msg"]
            raise Ec2Error("InvalidParameterValue", f"Tag {key!r}: {reason}") from None
