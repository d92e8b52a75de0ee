"""An export that started, or may have, when the command fails: what the user holds, and the
command that goes on from there.

Once ``ExportImage`` may have reached EC2, no failure may lose the export: each error here
carries what finds it again (the ClientToken and the ``export`` command that sends it again,
or the task id and the ``wait`` command that follows it), and :mod:`.exit_status` says it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._export_calls import CLIENT_TOKEN, client_token_note

if TYPE_CHECKING:
    from .stdout import OutputError

__all__ = [
    "ExportNotConfirmedError",
    "ExportNotFollowedError",
    "TaskIdNotWrittenError",
    "notes_of",
]


def notes_of(error: BaseException) -> list[str]:
    """``error``'s notes, but the library's ClientToken note: the command line says it its way.

    It says it only where the export may have started; the library adds it to every error from
    the call, a refusal that proves nothing started (a 4xx, no credentials) included.
    """
    token = getattr(error, CLIENT_TOKEN, None)
    notes: list[str] = getattr(error, "__notes__", [])
    return [note for note in notes if token is None or note != client_token_note(token)]


class ExportNotConfirmedError(Exception):
    """``ExportImage`` may have started an export, but no answer named it.

    The answer was lost (a dropped connection, a 5xx after every retry), broke the contract,
    named no task, or the user pressed Ctrl-C. ``command`` sends the same request with the same
    ClientToken: it answers with the export, if one started, and starts no other.
    """

    def __init__(self, error: BaseException, client_token: str, command: str) -> None:
        self.error = error
        self.client_token = client_token
        self.command = command
        self.notes = notes_of(error)
        super().__init__(f"the export may have started: {command}")


class ExportNotFollowedError(Exception):
    """``export --wait`` started the export, but following it stopped; the export goes on."""

    def __init__(self, error: BaseException, task_id: str, command: str) -> None:
        self.error = error
        self.task_id = task_id
        self.command = command
        self.notes = notes_of(error)
        super().__init__(f"export {task_id} goes on: {command}")


class TaskIdNotWrittenError(Exception):
    """The export started, but its id could not be written to standard output."""

    def __init__(self, error: OutputError, task_id: str) -> None:
        self.error = error
        self.task_id = task_id
        super().__init__(f"export {task_id} started, but its id could not be written")
