"""Scripted services for the paginator's tests: pages a test spells out, answered as EC2 would."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from ec2_export_image_tasks import (
    DescribeExportImageTasksRequest,
    DescribeExportImageTasksResponse,
    ExportImageTask,
)
from ec2_export_image_tasks.paginator import PaginatorSpec
from ec2_export_image_tasks.testing import (
    Ec2Error,
    Handler,
    Reply,
    error_reply,
    page_reply,
)

Task = Mapping[str, object]
EXPORT_IMAGE_TASKS = PaginatorSpec(
    operation_name="describe_export_image_tasks",
    result_key="ExportImageTasks",
    token_key="NextToken",
    item_model=ExportImageTask,
    page_model=DescribeExportImageTasksResponse,
    request_model=DescribeExportImageTasksRequest,
    item_id_key="ExportImageTaskId",
)
"""EC2's spec, as botocore's paginators-1.json and the package's models make it: the cursor's
tests drive it without a client, and the EC2 paginator must hold exactly this."""
INTERNAL_ERROR = Ec2Error("InternalError", "injected", 500)


def task_id(number: int) -> str:
    return f"export-ami-{number:017x}"


def ids(*numbers: int) -> list[str | None]:
    """The ids of the tasks numbered ``numbers``, typed as a run's ids are."""
    return [task_id(number) for number in numbers]


def good(number: int) -> dict[str, object]:
    """A valid task in boto3's form, with the id ``task_id(number)``."""
    return {"ExportImageTaskId": task_id(number), "Status": "active", "Progress": "5"}


def page(tasks: Sequence[Task], next_token: str | None) -> Reply:
    """EC2's answer; an empty ``next_token`` is written ``<nextToken/>``, as EC2 may end a list."""
    reply = page_reply(tasks, next_token)
    return Reply(reply.status, reply.body.replace(b"<nextToken></nextToken>", b"<nextToken/>"))


@dataclass
class ScriptedPages:
    """Answers the Nth request with the Nth scripted page, or with an error in its place."""

    pages: Sequence[tuple[Sequence[Task], str | None] | Ec2Error]
    requests: list[Mapping[str, str]] = field(default_factory=list[Mapping[str, str]])

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(parameters)
        scripted = self.pages[len(self.requests) - 1]
        if isinstance(scripted, Ec2Error):
            return error_reply(scripted)
        return page(*scripted)


@dataclass
class ShapedListing:
    """A listing of ``total`` tasks that the service cuts into pages of its own choosing.

    The page starting at offset ``o`` holds ``sizes[o % len(sizes)]`` tasks (never more than
    ``MaxResults``), and is fetched with NextToken ``"at-<o>"``, so that any run over the same
    listing sees the same pages. The last page ends with ``last_token`` (None: no NextToken;
    ``""``: ``<nextToken/>``). The request numbers in ``failing`` get a 500 instead.
    """

    total: int
    sizes: Sequence[int]
    last_token: str | None = None
    failing: Collection[int] = ()
    requests: list[Mapping[str, str]] = field(default_factory=list[Mapping[str, str]])

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(parameters)
        if len(self.requests) - 1 in self.failing:
            return error_reply(INTERNAL_ERROR)
        start = int(parameters.get("NextToken", "at-0").removeprefix("at-"))
        size = min(self.sizes[start % len(self.sizes)], int(parameters.get("MaxResults", 500)))
        end = min(start + size, self.total)
        next_token = f"at-{end}" if end < self.total else self.last_token
        return page([good(n) for n in range(start, end)], next_token)


@dataclass
class ChangingListing:
    """A filtered listing whose tasks may leave it between runs, as an active task completes.

    Tasks ``0..total-1`` not in ``left``, in pages of ``size``. The NextToken names the first
    task of the next page (``from-<n>``), so the service's own token skips nothing when a task
    leaves: only a count of the tasks handed out from a page can.
    """

    total: int
    size: int
    left: set[int] = field(default_factory=set[int])

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        first = int(parameters.get("NextToken", "from-0").removeprefix("from-"))
        listed = [number for number in range(first, self.total) if number not in self.left]
        rest = listed[self.size :]
        next_token = f"from-{rest[0]}" if rest else None
        return page([good(number) for number in listed[: self.size]], next_token)


@dataclass
class EmptyPagesWithFreshTokens:
    """A broken server: ``tasks_at`` maps a request number to its tasks; every other page is
    empty; each page carries a NextToken never sent before (``t1``, ``t2``, ...), "forever".

    A test's forever is ``forever`` requests: then the listing ends, so that a paginator with
    no bound finishes, and fails its test, instead of hanging it.
    """

    tasks_at: Mapping[int, int] = field(default_factory=dict[int, int])
    forever: int = 1000
    requests: list[Mapping[str, str]] = field(default_factory=list[Mapping[str, str]])

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests.append(parameters)
        number = len(self.requests) - 1
        tasks = [good(self.tasks_at[number])] if number in self.tasks_at else []
        return page(tasks, f"t{number + 1}" if number + 1 < self.forever else None)


@dataclass
class Failing:
    """``handler``, but its ``request``-th request (counting from 0) gets a 500, or with
    ``interrupt``, is where Ctrl-C arrives."""

    handler: Handler
    request: int
    interrupt: bool = False
    requests: int = 0

    def __call__(self, action: str, parameters: Mapping[str, str]) -> Reply:
        self.requests += 1
        if self.requests - 1 == self.request:
            if self.interrupt:
                raise KeyboardInterrupt
            return error_reply(INTERNAL_ERROR)
        return self.handler(action, parameters)
