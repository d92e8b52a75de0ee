"""How fast the command line starts: ``--help`` beside ``python -c pass``, and ``list`` beside
aws-cli v1's ``aws ec2 describe-export-image-tasks`` for the same listing.

Every figure is the median wall time of interleaved runs, each a fresh process, of an installed
copy of the package (a wheel built from this tree, installed with ``uv pip install --target``
into a temporary directory), its bytecode cached as an installation's is (a first run that is
not counted writes it: ``PYTHONDONTWRITEBYTECODE`` would otherwise have every run compile from
source). ``list`` and aws-cli both ask a loopback HTTP server that answers every request with
one page of the package's own ``testing`` tasks, in EC2's XML.

aws-cli v1 comes from the package index (``pip install awscli``) into a temporary venv, unless
``--aws`` names an ``aws`` to use.

    .venv/bin/python benchmarks/startup.py [--rounds 15] [--aws PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from ec2_export_image_tasks import ExportImageTaskStatus
from ec2_export_image_tasks.testing import page_reply, sample_task

if TYPE_CHECKING:
    from collections.abc import Generator, Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
HELP_BOUND_MS = 80.0
LIST_BOUND = 0.7
TASKS = 50
"""Tasks in the one page every request is answered with: an account's listing, not a stress."""


def _page() -> bytes:
    statuses = list(ExportImageTaskStatus)
    tasks = [sample_task(n, statuses[n % len(statuses)]).to_boto() for n in range(TASKS)]
    return page_reply(tasks).body


@contextmanager
def _endpoint() -> Generator[str]:
    """A loopback EC2 answering every request with the same page; its URL."""
    body = _page()

    class Answer(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # http.server's name for it
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "text/xml;charset=UTF-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _run(command: Sequence[str], *args: str, env: Mapping[str, str]) -> None:
    """Run ``uv`` or ``pip`` quietly; their own output only if they fail."""
    done = subprocess.run([*command, *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def _installed_copy(directory: Path) -> Path:
    """This tree built as a wheel and installed (without its dependencies, which this venv
    has) into ``directory``; its ``ec2-export-image-tasks`` script."""
    uv = [sys.executable, "-m", "uv"]
    wheels = directory / "dist"
    _run(uv, "build", "--quiet", "--wheel", "--out-dir", str(wheels), str(ROOT), env=os.environ)
    (wheel,) = wheels.glob("*.whl")
    site = directory / "site"
    install = ["pip", "install", "--quiet", "--python", sys.executable, "--no-deps"]
    _run(uv, *install, "--target", str(site), str(wheel), env=os.environ)
    return site / "bin" / "ec2-export-image-tasks"


def _aws_cli(directory: Path) -> Path:
    """aws-cli v1, from the package index, in a venv of its own."""
    venv = directory / "awscli"
    _run([sys.executable, "-m", "venv"], str(venv), env=os.environ)
    _run(
        [str(venv / "bin" / "python"), "-m", "pip"], "install", "--quiet", "awscli", env=os.environ
    )
    return venv / "bin" / "aws"


def _environment(cache: Path, site: Path) -> dict[str, str]:
    """Bytecode and the command line's model cache in ``cache``; the installed copy first on
    the path; dummy credentials, and nothing read from the user's AWS files or a metadata
    service."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name != "PYTHONDONTWRITEBYTECODE" and not name.startswith("AWS_")
    }
    return {
        **kept,
        "PYTHONPYCACHEPREFIX": str(cache),
        "PYTHONPATH": str(site),
        "XDG_CACHE_HOME": str(cache),  # the cut EC2 model, written by the first run too
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
    }


def _seconds(command: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """The wall time and the CPU time (user and system) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime


def medians(
    commands: Mapping[str, Sequence[str]], env: Mapping[str, str], rounds: int
) -> dict[str, tuple[float, float]]:
    """Each command's median wall and CPU times over ``rounds``, the commands taking turns,
    after one uncounted run each (which writes the caches)."""
    for command in commands.values():
        _seconds(command, env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            samples[name].append(_seconds(command, env))
    return {
        name: (statistics.median(t[0] for t in times), statistics.median(t[1] for t in times))
        for name, times in samples.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="How fast the command line starts.")
    parser.add_argument("--rounds", type=int, default=15, help="interleaved runs of each")
    parser.add_argument("--aws", type=Path, help="an aws-cli v1 to use (default: installed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary, _endpoint() as url:
        directory = Path(temporary)
        script = str(_installed_copy(directory))
        aws = str(args.aws or _aws_cli(directory))
        env = _environment(directory / "pycache", directory / "site")
        figures = medians(
            {
                "floor": [sys.executable, "-c", "pass"],
                "help": [script, "--help"],
                "list": [script, "--endpoint-url", url, "list", "--output", "json"],
                "aws": [
                    aws,
                    "ec2",
                    "describe-export-image-tasks",
                    "--endpoint-url",
                    url,
                    "--output",
                    "json",
                ],
            },
            env,
            args.rounds,
        )
        version = subprocess.run([aws, "--version"], env=env, capture_output=True, text=True)
    help_ms = figures["help"][0] * 1000
    ratio = figures["list"][0] / figures["aws"][0]
    cpu_ratio = figures["list"][1] / figures["aws"][1]
    aws_name = version.stdout.split()[0]
    checks = [
        *(
            (f"{name} (wall, CPU)", figures[key], True, "")
            for name, key in (
                ("python -c pass, the floor", "floor"),
                ("ec2-export-image-tasks --help", "help"),
                (f"list, {TASKS} tasks, loopback", "list"),
                (f"{aws_name}, the same listing", "aws"),
            )
        ),
        (
            "--help, wall",
            f"{help_ms:.0f} ms",
            help_ms <= HELP_BOUND_MS,
            f"<= {HELP_BOUND_MS:.0f} ms",
        ),
        ("list / aws-cli, wall", f"{ratio:.2f}", ratio <= LIST_BOUND, f"<= {LIST_BOUND}"),
        ("list / aws-cli, CPU (steadier on a busy machine)", f"{cpu_ratio:.2f}", True, ""),
    ]
    print(f"medians of {args.rounds} interleaved runs, bytecode cached, installed copy")
    for name, value, ok, bound in checks:
        if isinstance(value, tuple):
            value = f"{value[0] * 1000:.0f} ms, {value[1] * 1000:.0f} ms"
        verdict = ("ok " if ok else "OUT") if bound else "   "
        print(f"{verdict} {name:<50} {value:>16}  {bound}")
    return 0 if all(ok for _, _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
