r"""What botocore reads to make the EC2 client, cut to what the command line needs and cached.

Making an EC2 client is most of a ``list``'s start, for three reasons, each measured:

- the EC2 model is 5 MB of JSON and some 800 operations, each parsed and given a client method.
  The command line sends three operations; the model cut to them and the shapes they reach is,
  for those three, the same model: botocore serializes the requests and parses the answers
  with it as with its own.
- botocore lists every service it knows (some 1,300 ``stat`` calls over 400 directories)
  before it loads any model, to say "unknown service" when asked for one. The list is the
  same from one run to the next while botocore and the model directories are.
- botocore parses its JSON into ``OrderedDict`` objects: 30 ms for ``endpoints.json`` (1.2 MB)
  alone, read for every client. The same data kept in ``marshal``'s format (that of
  Python's own bytecode cache) reads in 3 ms, as plain dicts (ordered, as every dict is).

All three are kept in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``), one directory per
botocore version and state of the model directories (``~/.aws/models``, ``AWS_DATA_PATH``).
A cache that cannot be written or read only costs the time it would have saved.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, cast

import botocore.session
from botocore.loaders import JSONFileLoader, Loader

__all__ = ["OPERATIONS", "use_model_cache"]

OPERATIONS = ("DescribeExportImageTasks", "ExportImage", "CancelExportTask")
"""Every operation the command line sends."""
SERVICE = "ec2"
TYPE_NAME = "service-2"


def use_model_cache(session: botocore.session.Session) -> None:
    """Have ``session`` make EC2 clients from the cut model and list services from the cache,
    cutting and listing first when the cache does not hold them."""
    botocores: Loader = session.get_component("data_loader")
    directory = _cache_directory(botocores.search_paths)
    if not _holds_cut_model(directory):
        try:
            model = _cut(botocores.load_service_model(SERVICE, TYPE_NAME))
            target = _model_file(directory, model["metadata"]["apiVersion"])
            _write(json.dumps(model).encode(), target)
        except OSError:  # an unwritable cache: this run uses botocore's own loader
            return
    loader = _RememberingLoader(
        directory,
        extra_search_paths=[str(directory), *botocores.search_paths],
        include_default_search_paths=False,
        file_loader=_MarshalledFiles(directory / "files"),
    )
    session.register_component("data_loader", loader)


class _RememberingLoader(Loader):
    """botocore's loader, whose list of known services is read from ``directory`` once made."""

    def __init__(self, directory: Path, **options: Any) -> None:
        super().__init__(**options)
        self._directory = directory

    def list_available_services(self, type_name: str) -> list[str]:
        path = self._directory / f"services-{type_name}.json"
        try:
            services: object = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            services = None
        if isinstance(services, list):
            names = cast("list[object]", services)
            if all(isinstance(name, str) for name in names):
                return cast("list[str]", names)
        listed: list[str] = super().list_available_services(type_name)
        with contextlib.suppress(OSError):  # not written: listed again next time
            _write(json.dumps(listed).encode(), path)
        return listed


class _MarshalledFiles(JSONFileLoader):
    """botocore's JSON files, each parsed once, then read from ``directory`` in ``marshal``'s
    format while the file is unchanged (its size and time)."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    def load_file(self, file_path: str) -> Any:
        # botocore reads file_path + ".json", else + ".json.gz": either may appear or change.
        stamp = [_stamp(file_path + extension) for extension in (".json", ".json.gz")]
        kept = self._directory / f"{hashlib.sha256(file_path.encode()).hexdigest()[:24]}.marshal"
        try:
            kept_stamp, data = marshal.loads(kept.read_bytes())
            if kept_stamp == stamp:
                return data
        except (OSError, ValueError, EOFError, TypeError):
            pass  # not kept yet, or torn: parsed again
        loaded = super().load_file(file_path)
        if loaded is None:
            return None
        data = json.loads(json.dumps(loaded))  # botocore's OrderedDicts as dicts, for marshal
        with contextlib.suppress(OSError, ValueError):  # not kept: parsed again next time
            _write(marshal.dumps((stamp, data)), kept)
        return data


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _cache_directory(search_paths: list[str]) -> Path:
    """The cache of this botocore and this state of its model directories."""
    sources: list[tuple[str, int | None, int | None]] = [
        (path, _modified(Path(path)), _modified(Path(path, SERVICE))) for path in search_paths
    ]
    key = json.dumps([botocore.__version__, sys.version, marshal.version, sources])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(base, "ec2-export-image-tasks", f"botocore-{botocore.__version__}-{digest}")


def _modified(path: Path) -> int | None:
    """When ``path`` last changed (a directory: when an entry was added or removed)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _model_file(directory: Path, api_version: str) -> Path:
    return directory / SERVICE / api_version / f"{TYPE_NAME}.json"


def _holds_cut_model(directory: Path) -> bool:
    """Whether ``directory`` holds one cut model, whole and readable (a torn or foreign file is
    cut again)."""
    try:
        (version,) = os.listdir(directory / SERVICE)
        model: Any = json.loads(_model_file(directory, version).read_text(encoding="utf-8"))
        return sorted(model["operations"]) == sorted(OPERATIONS)
    except (OSError, ValueError, TypeError, KeyError):
        return False


def _cut(model: dict[str, Any]) -> dict[str, Any]:
    """``model`` with only :data:`OPERATIONS` and the shapes they reach, each as it was."""
    shapes: dict[str, Any] = model["shapes"]
    kept: set[str] = set()
    pending = [
        reference["shape"]
        for name in OPERATIONS
        for reference in (
            model["operations"][name].get("input"),
            model["operations"][name].get("output"),
            *model["operations"][name].get("errors", ()),
        )
        if reference is not None
    ]
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        kept.add(name)
        shape = shapes[name]
        references = [shape[key] for key in ("member", "key", "value") if key in shape]
        pending.extend(
            reference["shape"] for reference in [*references, *shape.get("members", {}).values()]
        )
    return {
        **model,
        "operations": {name: model["operations"][name] for name in OPERATIONS},
        "shapes": {name: shapes[name] for name in sorted(kept)},
    }


def _write(content: bytes, target: Path) -> None:
    """Write ``content`` whole or not at all: another run may be reading or writing it too."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
