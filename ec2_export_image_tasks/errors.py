"""The package's one exception hierarchy; each error carries what a caller needs to act on it.

Bad *input* (a request, a model built by hand) raises pydantic's ``ValidationError``, a
``ValueError`` naming the field and the value. The classes here are for what goes wrong while
paging.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, cast, get_args

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from pydantic import ValidationError

    from .models import ExportImageResponse, ExportImageTask

__all__ = [
    "EmptyPagesError",
    "ExportFailedError",
    "ExportImageTasksError",
    "ExportNotCancellableError",
    "ExportWithoutIdError",
    "InvalidItemError",
    "InvalidStartingTokenError",
    "IteratorConsumedError",
    "PaginationCycleError",
    "RegionError",
    "RegionsFailedError",
    "StatusMissingError",
    "TaskNotFoundError",
    "WaitTimeoutError",
]


def _rebuilt(cls: type[BaseException], args: tuple[object, ...]) -> BaseException:
    """An error of ``cls`` with its message ``args``, made without calling ``__init__``."""
    error = cls.__new__(cls)
    error.args = args
    return error


class ExportImageTasksError(Exception):
    """Root of every error this package raises itself.

    Errors pickle and copy with every attribute, so they cross process boundaries (a
    ``ProcessPoolExecutor`` worker's ``WaitTimeoutError`` reaches the caller as itself).
    Python's default rebuilds an exception by calling ``type(error)(*error.args)``, which does
    not fit a constructor that takes what the message is made from; so the message and the
    attributes are restored as they are, without calling ``__init__`` again.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return _rebuilt, (type(self), self.args), self.__dict__

    def __copy__(self) -> Self:
        # Rebuilt as for pickling, but sharing the attributes themselves, not pickled forms.
        rebuild, args, _ = self.__reduce__()
        clone = cast("Self", rebuild(*args))
        clone.__dict__.update(self.__dict__)
        return clone


class _PortableValidationError:
    """Pickles as the ``ValidationError`` it was made from, on every supported pydantic.

    Before pydantic 2.14.2 a ``ValidationError`` holding an error of a custom type (``percent``,
    ``tag_key_reserved``) pickles but cannot be unpickled; rebuilt with each custom error as a
    ``PydanticCustomError``, it reads the same: types, locations, inputs, messages.
    """

    def __init__(self, error: ValidationError) -> None:
        from pydantic_core import PydanticCustomError
        from pydantic_core.core_schema import ErrorType

        known = frozenset(get_args(ErrorType))
        self.title = error.title
        self.line_errors = [
            {"type": found["type"], "loc": found["loc"], "input": found["input"]}
            | ({"ctx": found["ctx"]} if "ctx" in found else {})
            if found["type"] in known
            else {
                "type": PydanticCustomError(
                    found["type"],  # pyright: ignore[reportArgumentType] - not a literal, rebuilt
                    found["msg"],  # pyright: ignore[reportArgumentType]
                    found.get("ctx"),
                ),
                "loc": found["loc"],
                "input": found["input"],
            }
            for found in error.errors(include_url=False)
        ]

    def __reduce__(self) -> tuple[Any, ...]:
        from pydantic import ValidationError

        return ValidationError.from_exception_data, (self.title, self.line_errors)


def first_problem(error: ValidationError) -> tuple[str, object, str]:
    """The first failure in ``error``: its field path (``Tags.0.Key``), the value, the reason.

    The value is ``object``: it is whatever was given where the field was wanted, any type.
    """
    first = error.errors()[0]
    return ".".join(str(part) for part in first["loc"]), first["input"], first["msg"]


def problem_text(error: ValidationError) -> str:
    """``invalid Tags.0.Key 'aws:x': <reason>``: the first failure, in one phrase."""
    field, value, reason = first_problem(error)
    return f"invalid {field} {value!r}: {reason}"


class InvalidItemError(ExportImageTasksError, ValueError):
    """An item the service returned breaks a documented constraint.

    Carries the item's id, the first offending field and value, the raw item as boto3 parsed
    it, and pydantic's full ``ValidationError`` (every failed field, not only the first).
    ``raw_item`` and ``value`` are typed ``object`` where they hold what the service sent: an
    item that broke the contract may hold anything there.
    """

    def __init__(
        self, *, item_id: str | None, raw_item: Mapping[str, object], error: ValidationError
    ) -> None:
        self.item_id = item_id
        self.raw_item = raw_item
        self.validation_error = error
        self.field: str
        self.value: object
        self.field, self.value, _ = first_problem(error)
        more = error.error_count() - 1
        also = f" (and {more} more: see .validation_error)" if more else ""
        super().__init__(f"item {item_id or '<no id>'}: {problem_text(error)}{also}")

    @classmethod
    def of_item(
        cls, raw_item: Mapping[str, object], error: ValidationError, id_key: str | None
    ) -> Self:
        """The error for ``raw_item``, its id read from ``id_key`` when that holds a string."""
        item_id = raw_item.get(id_key) if id_key else None
        return cls(
            item_id=item_id if isinstance(item_id, str) else None, raw_item=raw_item, error=error
        )

    def __reduce__(self) -> tuple[Any, ...]:
        rebuild, args, state = super().__reduce__()
        portable = _PortableValidationError(self.validation_error)
        return rebuild, args, {**state, "validation_error": portable}


class InvalidStartingTokenError(ExportImageTasksError, ValueError):
    """``PaginationConfig.StartingToken`` is neither botocore's token form nor a raw token."""

    def __init__(self, token: str, reason: str) -> None:
        self.token = token
        self.reason = reason
        """What is wrong with it, such as ``more than one '___'``."""
        self.shown: str = (
            token if len(token) <= 1000 else f"{token[:200]}... ({len(token)} characters)"
        )
        """The token as a message quotes it: whole, or its start if it is very long."""
        super().__init__(f"PaginationConfig.StartingToken {self.shown!r} is malformed: {reason}")


class PaginationCycleError(ExportImageTasksError):
    """The service returned a NextToken it had returned before; paging on would never end.

    Every item before the repeat was handed out once. Resuming cannot get past the loop: the
    resume token asks for the repeated NextToken again, whose pages were already handed out.
    """

    def __init__(self, token: str) -> None:
        self.token = token
        super().__init__(
            f"the service returned NextToken {token!r} a second time, so its listing loops; "
            "stopped before handing out the same tasks again. Every task before this point was "
            "handed out once; resuming would only go round the loop: list again later, from the "
            "start"
        )


class EmptyPagesError(ExportImageTasksError):
    """The service sent page after page without an item, each with a new NextToken.

    Such a listing may never end. Everything sent was handed out, and ``resume_token``
    (the iterator's too) goes on from the last NextToken, for a caller who wants to; from
    ``build_full_result()``, which hands out nothing when it fails, it is where the call began
    (None: from the start).
    """

    def __init__(self, pages: int, resume_token: str | None) -> None:
        self.pages = pages
        self.resume_token = resume_token
        super().__init__(
            f"the service sent {pages} pages in a row without a task, each with a new "
            "NextToken; stopped rather than page on without end"
        )


class IteratorConsumedError(ExportImageTasksError, RuntimeError):
    """A page iterator (or a many-region listing) was iterated a second time; each pages once.

    Iterating again would otherwise restart from a stale token, or yield nothing, silently.
    """

    def __init__(
        self,
        again: str = "call paginate() again, with PaginationConfig={'StartingToken': "
        "it.resume_token} to continue where it stopped",
    ) -> None:
        super().__init__(f"this iterator has already been iterated; {again}")


class RegionError(ExportImageTasksError):
    """Paging one region failed; the other regions went on.

    ``resume_token`` is the region's StartingToken for exactly the tasks it did not yield (None
    when it failed before its first page: start that region again).
    """

    def __init__(self, region: str, error: Exception, resume_token: str | None = None) -> None:
        self.region = region
        self.error = error
        self.resume_token = resume_token
        resume = "; resume it from .resume_token" if resume_token is not None else ""
        super().__init__(f"{region}: {type(error).__name__}: {error}{resume}")


class RegionsFailedError(ExceptionGroup[RegionError], ExportImageTasksError):
    """Some regions could not be paged; the tasks of every other region were yielded.

    An ``ExceptionGroup`` of one :class:`RegionError` per failed region: ``except*
    RegionError`` handles them, the traceback shows each region's own error, and
    ``except RegionsFailedError`` works as for any other error.
    """

    def __new__(cls, failures: Sequence[RegionError]) -> Self:
        listed = "; ".join(str(failure) for failure in failures)
        return super().__new__(cls, f"{len(failures)} region(s) failed: {listed}", failures)

    def __init__(self, failures: Sequence[RegionError]) -> None:
        self.failures: tuple[RegionError, ...] = tuple(failures)
        """Each failed region with its error (``exceptions``, typed as the leaves they are)."""
        super().__init__(self.message, self.failures)

    def derive(self, excs: Sequence[RegionError]) -> RegionsFailedError:  # type: ignore[override]
        """The same error over some of the regions (what ``except*`` and ``split`` make)."""
        return RegionsFailedError(excs)

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.failures,), self.__dict__


class ExportFailedError(ExportImageTasksError):
    """The export being waited for was cancelled or failed: it is deleting or deleted."""

    def __init__(self, task: ExportImageTask) -> None:
        self.task = task
        reason = f": {task.status_message}" if task.status_message else ""
        super().__init__(f"export {task.export_image_task_id} is {task.status}{reason}")


class WaitTimeoutError(ExportImageTasksError, TimeoutError):
    """The export was still active when the wait ran out; ``last_seen`` is how it stood.

    ``last_seen`` is None when EC2 never showed the task before the deadline; ``polls`` counts
    the polls started, and ``why`` says how the last one ended when it did not answer.
    """

    def __init__(
        self,
        task_id: str,
        timeout: float,
        last_seen: ExportImageTask | None,
        *,
        polls: int = 0,
        why: str | None = None,
    ) -> None:
        self.task_id = task_id
        self.timeout = timeout
        self.last_seen = last_seen
        self.polls = polls
        self.why = why
        if last_seen is None:
            stood = "not seen yet"
        else:
            at = f" at {last_seen.progress}%" if last_seen.progress is not None else ""
            # Status is optional in EC2's model: a task without one is no "None".
            status = last_seen.status or "without a status"
            stood = f"still {status}{at}"
        because = f" ({why})" if why else ""
        super().__init__(f"export {task_id} {stood} after {timeout:g} s{because}")


class TaskNotFoundError(ExportImageTasksError, LookupError):
    """The service answered, but not with the task asked for."""

    def __init__(self, task_id: str) -> None:
        self.task_id = task_id
        super().__init__(f"export image task {task_id} was not found")


class StatusMissingError(ExportImageTasksError):
    """The export being waited for came back without a ``Status``, poll after poll.

    The service model leaves ``Status`` optional, so one such answer is waited out; several in a
    row mean the wait can never decide, and it stops instead of polling forever.
    """

    def __init__(self, task: ExportImageTask, polls: int) -> None:
        self.task = task
        self.polls = polls
        super().__init__(
            f"export {task.export_image_task_id} had no Status in {polls} answers in a row"
        )


class ExportNotCancellableError(ExportImageTasksError):
    """EC2 refused to cancel an export that is no longer active: completed, deleting or deleted.

    ``code`` and ``message`` are EC2's answer (``IncorrectState``), kept as sent.
    """

    def __init__(self, task_id: str, code: str, message: str) -> None:
        self.task_id = task_id
        self.code = code
        self.message = message
        super().__init__(
            f"export {task_id} is no longer active, so it cannot be cancelled "
            f"(EC2 {code}: {message})"
        )


class ExportWithoutIdError(ExportImageTasksError):
    """ExportImage's answer named no export: there is no id to print or to follow.

    The export may have started all the same: ``client_token`` is the ClientToken the request
    was sent with (sending the same request with it again answers with that export, if it
    started, and starts no other), and ``response`` is the answer as it came.
    """

    def __init__(self, client_token: str, response: ExportImageResponse) -> None:
        self.client_token = client_token
        self.response = response
        super().__init__(
            "AWS answered ExportImage without an ExportImageTaskId; the export may have "
            f"started: ExportImage with ClientToken {client_token} again finds it"
        )
