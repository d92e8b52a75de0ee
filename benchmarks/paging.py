"""Typed paginator versus plain boto3 on the same XML pages, in one process.

Prints the CPU-time ratio typed / plain (median of interleaved runs, GC on, every item fully
validated) twice: without a full collection inside the timed run, and with one (botocore's
loaded service model makes a full collection cost a fifth of a short run, the same on both
sides, which dilutes the ratio); the instruction-count ratio under ``valgrind --tool=callgrind``
(deterministic where CPU time is noisy); items per second; how many pages the fast parse took;
the peak memory of paging 40 pages against 4; and the package's own share of importing its
main names, after ``import boto3, pydantic`` and pydantic's first model.

    .venv/bin/python benchmarks/paging.py [--skip-instructions]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ec2_export_image_tasks import ExportImageTaskPaginator, ExportImageTaskStatus
from ec2_export_image_tasks.paginator._fast_page import counts
from ec2_export_image_tasks.testing import Reply, make_client, page_reply, sample_task

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Mapping

    from mypy_boto3_ec2.client import EC2Client

PAGE_SIZE = 500
CPU_BOUND = 0.6
INSTRUCTIONS_BOUND = 0.55
MEMORY_BOUND = 1.5
IMPORT_BOUND_MS = 20.0
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

    # A scripted handler's client is typed as the package's protocol; plain boto3 needs the stubs'.
    return cast("EC2Client", make_client(answer))


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


@contextmanager
def _collected(*, frozen: bool) -> Generator[None]:
    """A run after a full collection; ``frozen``: the heap left then is never rescanned in it."""
    gc.collect()
    if frozen:
        gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _cpu_seconds(run: Callable[[EC2Client], int], client: EC2Client, full_gc: bool) -> float:
    """One run's CPU time, GC on. Without ``full_gc``, the heap left before the run is frozen
    (a collection inside the run rescans only what the run made); with it, the run ends with
    one full collection of everything, botocore's loaded service model included.
    """
    with _collected(frozen=not full_gc):
        start = time.process_time()
        run(client)
        if full_gc:
            gc.collect()
        return time.process_time() - start


def cpu_ratio(pages: int, rounds: int, full_gc: bool) -> tuple[float, float, float]:
    """Median typed/plain CPU ratio over interleaved rounds, and items/s of each."""
    client = _client(pages)
    for run in (typed, plain_boto3):  # warm both paths
        run(client)
    plain_times: list[float] = []
    typed_times: list[float] = []
    for _ in range(rounds):
        plain_times.append(_cpu_seconds(plain_boto3, client, full_gc))
        typed_times.append(_cpu_seconds(typed, client, full_gc))
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
class _First(pydantic.BaseModel):  # pydantic's own cost of a program's first model
    x: int
_First(x=1)
first_model = time.perf_counter()
from ec2_export_image_tasks import ExportImageTask, ExportImageTaskPaginator  # what users use
ExportImageTask, ExportImageTaskPaginator  # loaded on first use: use them
import sys
end = time.perf_counter()
assert "mypy_boto3_ec2" not in sys.modules, "mypy_boto3_ec2 was imported at run time"
print(end - first_model, first_model - middle, middle - start)
"""


def import_cost_ms(runs: int) -> tuple[float, float, float]:
    """Median wall times, each run a fresh process with bytecode cached: the package's own
    share of an import (after pydantic's first model, which any pydantic program pays), that
    first model, and ``import boto3, pydantic`` (to show how loaded the machine is).

    An installed package has its bytecode compiled; ``PYTHONDONTWRITEBYTECODE`` (set in some
    CI shells) would have every run compile this package from source, so the runs share a
    bytecode cache of their own, written by a first run that is not counted.
    """
    with tempfile.TemporaryDirectory() as cache:
        environment = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": cache,
        }
        probe = [sys.executable, "-c", _IMPORT_PROBE]
        subprocess.check_output(probe, env=environment)
        samples = [
            [float(seconds) for seconds in subprocess.check_output(probe, env=environment).split()]
            for _ in range(runs)
        ]
    share, first_model, base = (
        statistics.median(column) * 1000 for column in zip(*samples, strict=True)
    )
    return share, first_model, base


def _measured_by_callgrind(pages: int) -> None:
    """Run under callgrind: one typed run, then one plain run, each counted alone.

    Counting is on only inside ``itertools.starmap``'s C ``next`` (which nothing else here
    calls), and a profile is dumped as it returns: dump 1 is the typed run, dump 2 the plain.
    The heap is frozen as in the CPU runs without a full collection: a full collection that
    happened to fall in one side's run would otherwise count for that side alone.
    """
    client = _client(pages)
    for run in (typed, plain_boto3):  # warm both paths, as in the CPU runs
        run(client)
    for run in (typed, plain_boto3):
        with _collected(frozen=True):
            next(itertools.starmap(run, [(client,)]))


def instruction_ratio(pages: int) -> float | None:
    """typed / plain instructions (callgrind's Ir), or None where valgrind is not installed."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory, "callgrind.out")
        subprocess.run(
            [
                valgrind,
                "--tool=callgrind",
                "--collect-atstart=no",
                "--toggle-collect=starmap_next",
                "--dump-after=starmap_next",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--callgrind-child",
                str(pages),
            ],
            check=True,
            capture_output=True,
            # One hash seed: dict layouts, and so the instruction counts, are the same each time.
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        return _instructions(Path(f"{out}.1")) / _instructions(Path(f"{out}.2"))


def _instructions(dump: Path) -> int:
    totals = re.search(rb"^totals: (\d+)", dump.read_bytes(), re.MULTILINE)
    if totals is None:
        raise RuntimeError(f"no totals in callgrind's {dump}")
    return int(totals[1])


def main() -> int:
    parser = argparse.ArgumentParser(description="Typed paginator versus plain boto3.")
    parser.add_argument("--pages", type=int, default=10, help="pages per CPU run")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved CPU runs")
    parser.add_argument("--skip-instructions", action="store_true", help="no callgrind run")
    parser.add_argument("--callgrind-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.callgrind_child:
        _measured_by_callgrind(args.callgrind_child)
        return 0

    ratio, plain_rate, typed_rate = cpu_ratio(args.pages, args.rounds, full_gc=False)
    full_gc_ratio = cpu_ratio(args.pages, args.rounds, full_gc=True)[0]
    fast_pages, aside_pages = counts.fast, sum(counts.stepped_aside.values())
    instructions = None if args.skip_instructions else instruction_ratio(4)
    small, large = peak_memory(4), peak_memory(40)
    share_ms, first_model_ms, base_ms = import_cost_ms(7)
    checks = [
        (
            f"CPU typed / plain, no full GC (median of {args.rounds})",
            f"{ratio:.3f}",
            ratio <= CPU_BOUND,
            f"<= {CPU_BOUND}",
        ),
        # The same full collection on both sides only dilutes the ratio: shown, not bound.
        (
            f"CPU typed / plain, one full GC (median of {args.rounds})",
            f"{full_gc_ratio:.3f}",
            True,
            "",
        ),
        (
            "instructions typed / plain (callgrind, 4 pages)",
            "skipped" if instructions is None else f"{instructions:.3f}",
            instructions is None or instructions <= INSTRUCTIONS_BOUND,
            f"<= {INSTRUCTIONS_BOUND}",
        ),
        ("items/s plain boto3", f"{plain_rate:,.0f}", True, ""),
        ("items/s typed", f"{typed_rate:,.0f}", True, ""),
        ("typed pages parsed fast / left to botocore", f"{fast_pages} / {aside_pages}", True, ""),
        ("peak memory, 4 pages", f"{small / 1e6:.1f} MB", True, ""),
        ("peak memory, 40 pages", f"{large / 1e6:.1f} MB", True, ""),
        (
            "peak memory 40 / 4 pages",
            f"{large / small:.2f}",
            large / small <= MEMORY_BOUND,
            f"<= {MEMORY_BOUND}",
        ),
        ("import boto3, pydantic (for scale)", f"{base_ms:.1f} ms", True, ""),
        ("pydantic's first model (any pydantic program's)", f"{first_model_ms:.1f} ms", True, ""),
        (
            "the package's own import share",
            f"{share_ms:.1f} ms",
            share_ms <= IMPORT_BOUND_MS,
            f"<= {IMPORT_BOUND_MS:.0f} ms",
        ),
    ]
    for name, value, ok, bound in checks:
        verdict = ("ok " if ok else "OUT") if bound else "   "
        print(f"{verdict} {name:<50} {value:>12}  {bound}")
    return 0 if all(ok for _, _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
