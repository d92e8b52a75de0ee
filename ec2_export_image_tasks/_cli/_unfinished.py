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
    "DEMO_FORGETS",
    "ExportImageUnansweredError",
    "ExportNotConfirmedError",
    "ExportNotFollowedError",
    "TaskIdNotWrittenError",
    "notes_of",
]

DEMO_FORGETS = "no other command can find it: the demo forgets its exports when this process ends"
"""Said instead of a command with ``--demo``: each process has its own demo endpoint, so a
command run later would ask one that never saw this export."""


def notes_of(error: BaseException) -> list[str]:
    """``error``'s notes, but the library's ClientToken note: the command line says it its way.

    It says it only where the export may have started; the library adds it to every error from
    the call, a refusal that proves nothing started (a 4xx, no credentials) included.
    """
    token = getattr(error, CLIENT_TOKEN, None)
    notes: list[str] = getattr(error, "__notes__", [])
    return [note for note in notes if token is None or note != client_token_note(token)]


class ExportImageUnansweredError(Exception):
    """``--timeout``'s deadline came before ``ExportImage`` answered: the request was cut short,
    so whether the export started is unknown (the deadline's status, 6)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        super().__init__(f"ExportImage had not answered when --timeout's {timeout:g} s passed")


class ExportNotConfirmedError(Exception):
    """``ExportImage`` may have started an export, but no answer named it.

    The answer was lost (a dropped connection, a 5xx after every retry), broke the contract,
    named no task, came after the deadline, or the user pressed Ctrl-C. ``command`` sends the
    same request with the same ClientToken: it answers with the export, if one started, and
    starts no other (None with ``--demo``, whose exports no other process sees).
    """

    def __init__(self, error: BaseException, client_token: str, command: str | None) -> None:
        self.error = error
        self.client_token = client_token
        self.command = command
        self.notes = notes_of(error)
        finds = f"this finds it without starting another: {command}" if command else DEMO_FORGETS
        self.how_to_go_on = f"the export may have started; {finds}"
        super().__init__(self.how_to_go_on)


class ExportNotFollowedError(Exception):
    """``export --wait`` started the export, but following it stopped; the export goes on.

    ``command`` follows it (None with ``--demo``, whose exports no other process sees).
    """

    def __init__(self, error: BaseException, task_id: str, command: str | None) -> None:
        self.error = error
        self.task_id = task_id
        self.command = command
        self.notes = notes_of(error)
        started = f"export {task_id} started"
        self.how_to_go_on = (
            f"{started} and goes on; follow it with: {command}"
            if command
            else f"{started}; {DEMO_FORGETS}"
        )
        super().__init__(self.how_to_go_on)


class TaskIdNotWrittenError(Exception):
    """The export started, but its id could not be written to standard output."""

    def __init__(self, error: OutputError, task_id: str) -> None:
        self.error = error
        self.task_id = task_id
        super().__init__(f"export {task_id} started, but its id could not be written")
