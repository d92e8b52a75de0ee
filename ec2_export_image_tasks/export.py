"""Start an export, check you may, cancel one: typed, and checked before anything is sent.

As with the paginators, one I/O-free core (the request in, boto3's keywords out; boto3's answer
or error in, a model or this package's error out) and two thin drivers: one over a boto3
client, one (``async_*``) over an aiobotocore client.

Idempotency: every ``ExportImage`` request carries a ``ClientToken``. botocore generates one (a
UUID) when the caller gives none, since the service model marks the member an idempotency
token, and sends the same token on each retry of the call, so a retry after a lost answer does
not start a second export. Pass your own ``ClientToken`` to make separate calls (a re-run
script, say) one export.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, overload

from botocore.exceptions import ClientError
from pydantic import ValidationError

from ._either_form import request_from
from ._error_document import reading_error_documents
from .errors import ExportNotCancellableError, InvalidItemError, TaskNotFoundError
from .models import CancelExportTaskRequest, ExportImageRequest, ExportImageResponse
from .paginator.export_image_tasks import dry_run_permitted

if TYPE_CHECKING:
    from collections.abc import Generator, Mapping
    from typing import Unpack

    from mypy_boto3_ec2.client import EC2Client
    from mypy_boto3_ec2.type_defs import (
        CancelExportTaskRequestTypeDef,
        ExportImageRequestTypeDef,
    )
    from types_aiobotocore_ec2.client import EC2Client as AioEC2Client

TASK_NOT_FOUND = frozenset({"InvalidExportTaskID.NotFound", "InvalidExportTaskID.Malformed"})
"""EC2's codes for a task id it does not know (EC2 API Reference, "Error codes")."""
NOT_CANCELLABLE = frozenset({"IncorrectState"})
"""EC2's code for a resource in the wrong state for the request: a task no longer active."""

__all__ = [
    "NOT_CANCELLABLE",
    "TASK_NOT_FOUND",
    "async_cancel_export",
    "async_check_export_permissions",
    "async_start_export",
    "cancel_export",
    "check_export_permissions",
    "start_export",
]

# The core: what both drivers do before and after their one call.


def _export_request(
    request: ExportImageRequest | None, kwargs: Mapping[str, Any]
) -> ExportImageRequest:
    """The request from either calling form, validated; a bad one raises ``ValidationError``."""
    return request_from(ExportImageRequest, request, kwargs)


def _dry_run_of(request: ExportImageRequest) -> ExportImageRequestTypeDef:
    """``request`` as a permission check: ``DryRun`` set, so EC2 starts nothing."""
    return request.model_copy(update={"dry_run": True}).to_boto()


def _export_response(answer: Mapping[str, Any]) -> ExportImageResponse:
    """boto3's answer as the model; one that breaks the contract is an :class:`InvalidItemError`.

    The export has started all the same: the error carries its id when the answer had one.
    """
    try:
        return ExportImageResponse.model_validate(answer)
    except ValidationError as error:
        raise InvalidItemError.of_item(answer, error, "ExportImageTaskId") from None


def _cancel_request(task_id: str) -> CancelExportTaskRequestTypeDef:
    """``CancelExportTask``'s keywords; an id of the wrong form raises ``ValidationError``."""
    # In boto3's form, so that an error names the field as boto3 users know it.
    return CancelExportTaskRequest.model_validate({"ExportTaskId": task_id}).to_boto()


@contextmanager
def _cancel_refusals(task_id: str) -> Generator[None]:
    """EC2's refusals to cancel, as this package's errors; any other ``ClientError`` as it is."""
    try:
        yield
    except ClientError as error:
        details = error.response.get("Error", {})
        code, message = details.get("Code", ""), details.get("Message", "")
        if code in TASK_NOT_FOUND:
            raise TaskNotFoundError(task_id) from error
        if code in NOT_CANCELLABLE:
            raise ExportNotCancellableError(task_id, code, message) from error
        raise


# The boto3 driver.


@overload
def start_export(client: EC2Client, request: ExportImageRequest, /) -> ExportImageResponse: ...
@overload
def start_export(
    client: EC2Client, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> ExportImageResponse: ...
def start_export(
    client: EC2Client, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> ExportImageResponse:
    """Start exporting an AMI to S3: boto3's keywords or a request model; returns the new task.

    A bad request raises pydantic's ``ValidationError`` (a ``ValueError`` naming the field and
    the value) and sends nothing; what AWS refuses is botocore's ``ClientError`` (with
    ``DryRun=True``, always: ``DryRunOperation``; :func:`check_export_permissions` reads it).
    """
    keywords = _export_request(request, kwargs).to_boto()
    with reading_error_documents(client):
        return _export_response(client.export_image(**keywords))


@overload
def check_export_permissions(client: EC2Client, request: ExportImageRequest, /) -> bool: ...
@overload
def check_export_permissions(
    client: EC2Client, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> bool: ...
def check_export_permissions(
    client: EC2Client, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> bool:
    """Whether the caller may start this export, asked with ``DryRun=True``: nothing starts.

    True for EC2's ``DryRunOperation``, False for ``UnauthorizedOperation``; any other refusal
    (a missing image, say) is raised as botocore's ``ClientError``.
    """
    keywords = _dry_run_of(_export_request(request, kwargs))
    try:
        with reading_error_documents(client):
            client.export_image(**keywords)
    except ClientError as error:
        return dry_run_permitted(error)
    return True


def cancel_export(client: EC2Client, task_id: str) -> None:
    """Cancel an active export; it goes on to ``deleting``, then ``deleted``.

    Raises :class:`TaskNotFoundError` for an id EC2 does not know, and
    :class:`ExportNotCancellableError` for an export already completed, deleting or deleted
    (each from EC2's error, kept as ``__cause__``); any other refusal is botocore's
    ``ClientError``. An id of the wrong form is a ``ValidationError``, sent nowhere.
    """
    keywords = _cancel_request(task_id)
    with _cancel_refusals(task_id), reading_error_documents(client):
        client.cancel_export_task(**keywords)


# The aiobotocore driver: the same calls, awaited.


@overload
async def async_start_export(
    client: AioEC2Client, request: ExportImageRequest, /
) -> ExportImageResponse: ...
@overload
async def async_start_export(
    client: AioEC2Client, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> ExportImageResponse: ...
async def async_start_export(
    client: AioEC2Client, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> ExportImageResponse:
    """The asyncio form of :func:`start_export`."""
    keywords = _export_request(request, kwargs).to_boto()
    with reading_error_documents(client):
        return _export_response(await client.export_image(**keywords))


@overload
async def async_check_export_permissions(
    client: AioEC2Client, request: ExportImageRequest, /
) -> bool: ...
@overload
async def async_check_export_permissions(
    client: AioEC2Client, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> bool: ...
async def async_check_export_permissions(
    client: AioEC2Client, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> bool:
    """The asyncio form of :func:`check_export_permissions`."""
    keywords = _dry_run_of(_export_request(request, kwargs))
    try:
        with reading_error_documents(client):
            await client.export_image(**keywords)
    except ClientError as error:
        return dry_run_permitted(error)
    return True


async def async_cancel_export(client: AioEC2Client, task_id: str) -> None:
    """The asyncio form of :func:`cancel_export`."""
    keywords = _cancel_request(task_id)
    with _cancel_refusals(task_id), reading_error_documents(client):
        await client.cancel_export_task(**keywords)
