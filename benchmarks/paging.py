"""Typed paginator versus plain boto3 on the same XML pages, in one process.

Prints the CPU-time ratio (median of interleaved runs, default GC settings, every item fully
validated), items per second for both, the peak memory of paging 40 pages against 4 pages,
and what importing the package's main names adds over ``import boto3, pydantic``.

    .venv/bin/python benchmarks/paging.py
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import tracemalloc
from typing import TYPE_CHECKING

from ec2_export_image_tasks import ExportImageTaskPaginator, ExportImageTaskStatus
from ec2_export_image_tasks.testing import Reply, answer_with, make_client, page_reply, sample_task

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from mypy_boto3_ec2.client import EC2Client

PAGE_SIZE = 500
CPU_BOUND = 1.10
MEMORY_BOUND = 1.5
IMPORT_BOUND_MS = 50.0
# An account's mix: one task in five still exporting (with progress and a message).
STATUSES = (
    [ExportImageTaskStatus.ACTIVE]
    + [ExportImageTaskStatus.COMPLETED] * 3
    + [ExportImageTaskStatus.DELETED]
)


def _page_xml(page: int, last_page: int) -> bytes:
    numbers = range(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
    tasks = [sample_task(n, STATUSES[n % len(STATUSES)]).to_boto() for n in numbers]
    next_token = f"page-{page + 1}" if page < last_page else None
    return page_reply(tasks, next_token).body


def _client(pages: int) -> EC2Client:
    """A real EC2 client whose requests are answered from prebuilt pages at before-send."""
    bodies = [_page_xml(page, pages - 1) for page in range(pages)]

    def answer(action: str, parameters: Mapping[str, str]) -> Reply:
        page = int(parameters.get("NextToken", "page-0").removeprefix("page-"))
        return Reply(200, bodies[page])

    client = make_client()
    answer_with(client, answer)
    return client


def plain_boto3(client: EC2Client) -> int:
    count = 0
    for page in client.get_paginator("describe_export_image_tasks").paginate():
        for _task in page["ExportImageTasks"]:
            count += 1
    return count


def typed(client: EC2Client) -> int:
    count = 0
    for _task in ExportImageTaskPaginator(client).paginate():
        count += 1
    return count


def _cpu_seconds(run: Callable[[EC2Client], int], client: EC2Client) -> float:
    start = time.process_time()
    run(client)
    return time.process_time() - start


def cpu_ratio(pages: int, rounds: int) -> tuple[float, float, float]:
    """Median typed/plain CPU ratio over interleaved rounds, and items/s of each."""
    client = _client(pages)
    for run in (typed, plain_boto3):  # warm both paths
        run(client)
    plain_times: list[float] = []
    typed_times: list[float] = []
    for _ in range(rounds):
        plain_times.append(_cpu_seconds(plain_boto3, client))
        typed_times.append(_cpu_seconds(typed, client))
    ratios = [t / p for t, p in zip(typed_times, plain_times, strict=True)]
    items = pages * PAGE_SIZE
    return (
        statistics.median(ratios),
        items / statistics.median(plain_times),
        items / statistics.median(typed_times),
    )


def peak_memory(pages: int) -> int:
    client = _client(pages)
    typed(client)  # warm caches, so only paging is measured
    tracemalloc.start()
    typed(client)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


_IMPORT_PROBE = """
import time
start = time.perf_counter()
import boto3, pydantic
middle = time.perf_counter()
from ec2_export_image_tasks import ExportImageTask, ExportImageTaskPaginator  # what users use
import sys
end = time.perf_counter()
assert "mypy_boto3_ec2" not in sys.modules, "mypy_boto3_ec2 was imported at run time"
print(end - middle)
"""


def import_cost_ms(runs: int) -> float:
    """Median wall time that ``import ec2_export_image_tasks`` adds, each run a fresh process."""
    samples = [
        float(subprocess.check_output([sys.executable, "-c", _IMPORT_PROBE], text=True))
        for _ in range(runs)
    ]
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description="Typed paginator versus plain boto3.")
    parser.add_argument("--pages", type=int, default=10, help="pages per CPU run")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved CPU runs")
    args = parser.parse_args()

    ratio, plain_rate, typed_rate = cpu_ratio(args.pages, args.rounds)
    small, large = peak_memory(4), peak_memory(40)
    added_ms = import_cost_ms(7)
    checks = [
        (
            f"CPU time typed / plain boto3 (median of {args.rounds})",
            f"{ratio:.3f}",
            ratio <= CPU_BOUND,
            f"<= {CPU_BOUND}",
        ),
        ("items/s plain boto3", f"{plain_rate:,.0f}", True, ""),
        ("items/s typed", f"{typed_rate:,.0f}", True, ""),
        ("peak memory, 4 pages", f"{small / 1e6:.1f} MB", True, ""),
        ("peak memory, 40 pages", f"{large / 1e6:.1f} MB", True, ""),
        (
            "peak memory 40 / 4 pages",
            f"{large / small:.2f}",
            large / small <= MEMORY_BOUND,
            f"<= {MEMORY_BOUND}",
        ),
        (
            "import time added",
            f"{added_ms:.1f} ms",
            added_ms <= IMPORT_BOUND_MS,
            f"<= {IMPORT_BOUND_MS:.0f} ms",
        ),
    ]
    for name, value, ok, bound in checks:
        verdict = ("ok " if ok else "OUT") if bound else "   "
        print(f"{verdict} {name:<45} {value:>12}  {bound}")
    return 0 if all(ok for _, _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
