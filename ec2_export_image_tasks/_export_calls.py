"""Start an export, check you may, cancel one: typed, and checked before anything is sent.

As with the paginators, one I/O-free core (the request in, boto3's keywords out; boto3's answer
or error in, a model or this package's error out) and two thin drivers: one over a boto3
client, one (``async_*``) over an aiobotocore client.

Idempotency: every ``ExportImage`` request carries a ``ClientToken``, sent the same on each of
botocore's retries, so a retry after a lost answer does not start a second export. When the
caller gives none, one is made here (a UUID, as botocore would make) rather than by botocore,
so that it is known: an error raised once the request may have gone out carries it as
``client_token``, and sending the same request with it again finds that export instead of
starting another. Pass your own ``ClientToken`` to make separate calls (a re-run script, say)
one export.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, overload
from uuid import uuid4

from botocore.exceptions import ClientError
from pydantic import ValidationError

from ._either_form import request_from
from ._error_document import dry_run_permitted, reading_error_documents
from ._paginators import (
    AsyncExportImageTaskPaginator,
    ExportImageTaskPaginator,
)
from .errors import (
    ExportNotCancellableError,
    ExportWithoutIdError,
    InvalidItemError,
    TaskNotFoundError,
)
from .models import (
    CancelExportTaskRequest,
    DescribeExportImageTasksRequest,
    ExportImageRequest,
    ExportImageResponse,
    ExportImageTaskStatus,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Mapping
    from typing import Unpack

    from ._clients import AsyncEC2ClientProtocol, EC2ClientProtocol
    from .models import (
        CancelExportTaskRequestTypeDef,
        ExportImageRequestTypeDef,
        ExportImageTask,
    )

TASK_NOT_FOUND = frozenset({"InvalidExportTaskID.NotFound", "InvalidExportTaskID.Malformed"})
"""EC2's codes for a task id it does not know (EC2 API Reference, "Error codes")."""
NOT_CANCELLABLE = frozenset({"IncorrectState"})
"""EC2's code for a resource in the wrong state for the request: a task no longer active."""
CLIENT_TOKEN = "client_token"
"""The attribute an error raised once ``ExportImage`` may have gone out carries: its ClientToken.

Set on the error as raised (a ``ClientError``, a dropped connection, ``InvalidItemError``, a
``KeyboardInterrupt``), so ``except ClientError`` and the rest keep working; read it with
``getattr(error, CLIENT_TOKEN, None)``.
"""

__all__ = [
    "CLIENT_TOKEN",
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


def _with_client_token(request: ExportImageRequest) -> ExportImageRequest:
    """``request`` with a ClientToken: the caller's, or a new UUID, known before it is sent."""
    if request.client_token is not None:
        return request
    return request.model_copy(update={"client_token": str(uuid4())})


def client_token_note(token: str) -> str:
    """The note on an error raised once ``ExportImage`` with ``token`` may have gone out."""
    return (
        f"ExportImage was sent with ClientToken {token}: sending the same request with it "
        "again answers with the export it started, if it did, and starts no other"
    )


@contextmanager
def _carrying_client_token(token: str) -> Generator[None]:
    """Whatever is raised within carries ``token`` (:data:`CLIENT_TOKEN`, and a note).

    Once the request may have reached EC2, no error proves the export did not start (an answer
    lost, a 5xx after it acted, an interrupt); the token is what finds it again.
    """
    try:
        yield
    except BaseException as error:
        setattr(error, CLIENT_TOKEN, token)
        error.add_note(client_token_note(token))
        _keeping_attributes(error)
        raise


def _keeping_attributes(error: BaseException) -> None:
    """Make ``error`` pickle and copy with its attributes (the ClientToken, the notes).

    botocore's errors rebuild from their constructor's arguments alone, so a ``ClientError`` or
    a dropped connection sent back from a worker process, or copied, would lose the token. Their
    class stays theirs: only this instance's ``__reduce__`` adds the attributes back.
    """
    reduced = type(error).__reduce__(error)
    if isinstance(reduced, str) or len(reduced) != 2:  # a global by name, or state kept
        return
    rebuild, args = reduced

    def with_attributes() -> tuple[Any, ...]:
        state = {name: value for name, value in vars(error).items() if name != "__reduce__"}
        return _rebuilt_with, (rebuild, args, state)

    error.__reduce__ = with_attributes  # type: ignore[method-assign]


def _rebuilt_with(
    rebuild: Callable[..., BaseException], args: tuple[object, ...], state: dict[str, object]
) -> BaseException:
    """An error rebuilt as its class does it, with ``state``, and pickling as it did."""
    error = rebuild(*args)
    vars(error).update(state)
    _keeping_attributes(error)
    return error


def _dry_run_of(request: ExportImageRequest) -> ExportImageRequestTypeDef:
    """``request`` as a permission check: ``DryRun`` set, so EC2 starts nothing."""
    return request.model_copy(update={"dry_run": True}).to_boto()


def _export_response(answer: Mapping[str, Any], client_token: str) -> ExportImageResponse:
    """boto3's answer as the model, naming the export it started.

    One that breaks the contract is an :class:`InvalidItemError` (the export has started all
    the same: the error carries its id when the answer had one); one without an id is an
    :class:`ExportWithoutIdError`, carrying the ClientToken that finds the export.
    """
    try:
        response = ExportImageResponse.model_validate(answer)
    except ValidationError as error:
        raise InvalidItemError.of_item(answer, error, "ExportImageTaskId") from None
    if response.export_image_task_id is None:  # optional in the service model
        raise ExportWithoutIdError(client_token, response)
    return response


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


def _retried(refusal: ExportNotCancellableError) -> bool:
    """Whether botocore sent the cancel more than once before this refusal.

    Then the refusal may answer a retry of a cancel that took effect (its first answer came too
    late, or was a 5xx): the task is no longer active *because* of it. Only the task says.
    """
    cause = refusal.__cause__
    if not isinstance(cause, ClientError):
        return False
    return cause.response.get("ResponseMetadata", {}).get("RetryAttempts", 0) > 0


_CANCELLED = frozenset({ExportImageTaskStatus.DELETING, ExportImageTaskStatus.DELETED})


def _settle_refusal(refusal: ExportNotCancellableError, described: list[ExportImageTask]) -> None:
    """A retried cancel's refusal, given the task as described since: done if it is deleting.

    Raises ``refusal``, noting what the description showed, when the task is not being deleted.
    """
    statuses = [task.status for task in described if task.export_image_task_id == refusal.task_id]
    if statuses and statuses[0] in _CANCELLED:
        return
    seen = f"is {statuses[0]}" if statuses else "was not in the answer"
    refusal.add_note(f"the cancel was sent more than once; described since, the task {seen}")
    raise refusal


def _describe_request(task_id: str) -> DescribeExportImageTasksRequest:
    return DescribeExportImageTasksRequest.model_validate({"ExportImageTaskIds": [task_id]})


@contextmanager
def _describing_for(refusal: ExportNotCancellableError) -> Generator[None]:
    """A description that fails leaves the refusal standing, noting why it was not settled."""
    try:
        yield
    except Exception as failed:
        refusal.add_note(
            f"the cancel was sent more than once; describing the task failed: {failed}"
        )
        raise refusal from refusal.__cause__


# The boto3 driver.


@overload
def start_export(
    client: EC2ClientProtocol, request: ExportImageRequest, /
) -> ExportImageResponse: ...
@overload
def start_export(
    client: EC2ClientProtocol, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> ExportImageResponse: ...
def start_export(
    client: EC2ClientProtocol, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> ExportImageResponse:
    """Start exporting an AMI to S3: boto3's keywords or a request model; returns the new task.

    A bad request raises pydantic's ``ValidationError`` (a ``ValueError`` naming the field and
    the value) and sends nothing; what AWS refuses is botocore's ``ClientError`` (with
    ``DryRun=True``, always: ``DryRunOperation``; :func:`check_export_permissions` reads it).
    An answer without an ``ExportImageTaskId`` raises :class:`ExportWithoutIdError`, whose
    ``client_token`` finds the export if it started.
    """
    sent = _with_client_token(request_from(ExportImageRequest, request, kwargs))
    token = sent.client_token or ""
    with _carrying_client_token(token), reading_error_documents(client):
        return _export_response(client.export_image(**sent.to_boto()), token)


@overload
def check_export_permissions(client: EC2ClientProtocol, request: ExportImageRequest, /) -> bool: ...
@overload
def check_export_permissions(
    client: EC2ClientProtocol, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> bool: ...
def check_export_permissions(
    client: EC2ClientProtocol, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> bool:
    """Whether the caller may start this export, asked with ``DryRun=True``: nothing starts.

    True for EC2's ``DryRunOperation``, False for ``UnauthorizedOperation``; any other refusal
    (a missing image, say) is raised as botocore's ``ClientError``.
    """
    keywords = _dry_run_of(request_from(ExportImageRequest, request, kwargs))
    try:
        with reading_error_documents(client):
            client.export_image(**keywords)
    except ClientError as error:
        return dry_run_permitted(error)
    return True


def cancel_export(client: EC2ClientProtocol, task_id: str) -> None:
    """Cancel an active export; it goes on to ``deleting``, then ``deleted``.

    Raises :class:`TaskNotFoundError` for an id EC2 does not know, and
    :class:`ExportNotCancellableError` for an export already completed, deleting or deleted
    (each from EC2's error, kept as ``__cause__``); any other refusal is botocore's
    ``ClientError``. An id of the wrong form is a ``ValidationError``, sent nowhere.

    A refusal that answers a retry (botocore sent the cancel again: its first answer came too
    late, or was a 5xx) may be the work of the first attempt: the task is described, and one
    that is deleting or deleted is a cancel done.
    """
    keywords = _cancel_request(task_id)
    try:
        with _cancel_refusals(task_id), reading_error_documents(client):
            client.cancel_export_task(**keywords)
    except ExportNotCancellableError as refusal:
        if not _retried(refusal):
            raise
        with _describing_for(refusal):
            described = list(ExportImageTaskPaginator(client).paginate(_describe_request(task_id)))
        _settle_refusal(refusal, described)


# The aiobotocore driver: the same calls, awaited.


@overload
async def async_start_export(
    client: AsyncEC2ClientProtocol, request: ExportImageRequest, /
) -> ExportImageResponse: ...
@overload
async def async_start_export(
    client: AsyncEC2ClientProtocol, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> ExportImageResponse: ...
async def async_start_export(
    client: AsyncEC2ClientProtocol, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> ExportImageResponse:
    """The asyncio form of :func:`start_export`."""
    sent = _with_client_token(request_from(ExportImageRequest, request, kwargs))
    token = sent.client_token or ""
    with _carrying_client_token(token), reading_error_documents(client):
        return _export_response(await client.export_image(**sent.to_boto()), token)


@overload
async def async_check_export_permissions(
    client: AsyncEC2ClientProtocol, request: ExportImageRequest, /
) -> bool: ...
@overload
async def async_check_export_permissions(
    client: AsyncEC2ClientProtocol, /, **kwargs: Unpack[ExportImageRequestTypeDef]
) -> bool: ...
async def async_check_export_permissions(
    client: AsyncEC2ClientProtocol, request: ExportImageRequest | None = None, /, **kwargs: Any
) -> bool:
    """The asyncio form of :func:`check_export_permissions`."""
    keywords = _dry_run_of(request_from(ExportImageRequest, request, kwargs))
    try:
        with reading_error_documents(client):
            await client.export_image(**keywords)
    except ClientError as error:
        return dry_run_permitted(error)
    return True


async def async_cancel_export(client: AsyncEC2ClientProtocol, task_id: str) -> None:
    """The asyncio form of :func:`cancel_export`."""
    keywords = _cancel_request(task_id)
    try:
        with _cancel_refusals(task_id), reading_error_documents(client):
            await client.cancel_export_task(**keywords)
    except ExportNotCancellableError as refusal:
        if not _retried(refusal):
            raise
        tasks = AsyncExportImageTaskPaginator(client).paginate(_describe_request(task_id))
        with _describing_for(refusal):
            described = [task async for task in tasks]
        _settle_refusal(refusal, described)
