"""botocore's EC2 model cut to the operations the command line sends, cached on disk.

The EC2 model is 5 MB of JSON and some 800 operations: parsing it and building a client method
for each is most of a ``list``'s start (about 300 ms of 500 on a loaded machine). The command
line sends three operations. The model cut to them and the shapes they reach is, for those
three, the same model: botocore serializes the requests and parses the answers with it as
with its own. It is cut once per botocore and per model on disk, then read from the user's
cache (``$XDG_CACHE_HOME``, else ``~/.cache``) as the first of the loader's search paths.
A cache that cannot be written or read only costs the time it would have saved.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import botocore.session
    from botocore.loaders import Loader

__all__ = ["OPERATIONS", "use_cut_model"]

OPERATIONS = ("DescribeExportImageTasks", "ExportImage", "CancelExportTask")
"""Every operation the command line sends."""
SERVICE = "ec2"
TYPE_NAME = "service-2"


def use_cut_model(session: botocore.session.Session) -> None:
    """Have ``session``'s EC2 clients made from the cut model, cutting it when no cache has it."""
    loader: Loader = session.get_component("data_loader")
    directory = _cache_directory(loader)
    if not _holds_cut_model(directory):
        try:
            _write(directory, _cut(loader.load_service_model(SERVICE, TYPE_NAME)))
        except OSError:  # an unwritable cache: this run uses the whole model
            return
    loader.search_paths.insert(0, str(directory))


def _cache_directory(loader: Loader) -> Path:
    """Where the cut of the model botocore would load now lives: one per botocore version and
    per state of every EC2 model on its search paths (``~/.aws/models``, ``AWS_DATA_PATH``)."""
    import botocore

    sources: list[tuple[str, int | None]] = []
    for path in loader.search_paths:
        try:
            sources.append((path, os.stat(Path(path, SERVICE)).st_mtime_ns))
        except OSError:
            sources.append((path, None))
    key = json.dumps([botocore.__version__, sources])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(base, "ec2-export-image-tasks", f"botocore-models-{digest}")


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


def _write(directory: Path, model: dict[str, Any]) -> None:
    """Write ``model`` whole or not at all: another run may be reading or writing it too."""
    target = _model_file(directory, model["metadata"]["apiVersion"])
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(model, file)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
