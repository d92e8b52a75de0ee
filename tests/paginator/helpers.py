"""Scripted services for the paginator's tests: pages a test spells out, answered as EC2 would."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ec2_export_image_tasks.testing import (
    Ec2Error,
    Reply,
    answer_with,
    error_reply,
    make_client,
    page_reply,
)

if TYPE_CHECKING:
    from mypy_boto3_ec2.client import EC2Client

Task = Mapping[str, object]


def task_id(number: int) -> str:
    return f"export-ami-{number:017x}"


@dataclass
class ScriptedPages:
    """Answers the Nth request with the Nth scripted page, or with an error in its place."""

    pages: Sequence[tuple[Sequence[Task], str | None] | Ec2Error]
    requests: list[Mapping[str, str]] = field(default_factory=list[Mapping[str, str]])

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(parameters)
        page = self.pages[len(self.requests) - 1]
        if isinstance(page, Ec2Error):
            return error_reply(page)
        tasks, next_token = page
        return page_reply(tasks, next_token)


def scripted_client(
    *pages: tuple[Sequence[Task], str | None] | Ec2Error,
) -> tuple[EC2Client, ScriptedPages]:
    """A real client whose requests get ``pages`` in turn, and the script (for its requests)."""
    script = ScriptedPages(pages)
    client = make_client()
    answer_with(client, script)
    return client, script
