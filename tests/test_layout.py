"""The house's dependency rules, as the README's Layout section states them.

- ``models`` is pure data: it imports no boto3 or botocore.
- The generic paging engine imports no model: ``paginator`` loads without them.
- Rooms depend on each other's public names only: a ``_``-named module is imported only from
  inside the package that holds it, and a module inside a ``_``-named package (the command
  line) only from inside that package. One module is read by every room by design: the
  models' ``_facts``, EC2's facts written once.
- Runtime imports stay light: type stubs are imported for type checkers only.
- No import circles: no module imports one that imports it back, directly or through others,
  even for type checkers alone or inside a function.
- No class's ``__annotations__`` edited by hand: Python 3.14 defers them.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import ec2_export_image_tasks

PACKAGE_DIR = Path(ec2_export_image_tasks.__file__).parent
PACKAGE = PACKAGE_DIR.name


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every name ``path`` imports, absolute, run-time and type-checking alike.

    ``from a import b`` is ``a.b``: the module ``a.b``, or the name ``b`` of module ``a``.
    """
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
    return found


SOURCES = sorted(PACKAGE_DIR.rglob("*.py"))


SHARED_FACTS = f"{PACKAGE}.models._facts"
"""EC2's facts: the models keep them, every room reads them (the one exception, by design)."""


def _is_module(name: str) -> bool:
    path = PACKAGE_DIR.parent.joinpath(*name.split("."))
    return path.is_dir() or path.with_suffix(".py").is_file()


def _private_to(imported: str) -> str | None:
    """The package that ``imported`` is private to, if any: a ``_``-named module or package is
    private to its parent, and every module beneath a ``_``-named package to that package."""
    parts = imported.split(".")
    for depth, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            beneath = depth + 1 < len(parts) and _is_module(imported)
            return ".".join(parts[: depth + 1] if beneath else parts[:depth])
    return None


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE_DIR)))
def test_a_private_module_is_imported_only_inside_its_own_package(path: Path) -> None:
    importer = _module_name(path)
    for imported in _imports(path):
        owner = _private_to(imported)
        shared = imported == SHARED_FACTS or imported.startswith(f"{SHARED_FACTS}.")
        if owner is None or not imported.startswith(f"{PACKAGE}.") or shared:
            continue
        assert importer == owner or importer.startswith(f"{owner}."), (
            f"{importer} reaches into {imported}, private to {owner}"
        )


def _package_graph() -> dict[str, set[str]]:
    """Each module of the package, and the package's modules it imports, in any way.

    An imported name counts as the module that holds it: ``from .arguments import parse`` is
    ``cli.arguments``. A module's own package is no import of its (Python loads it first).
    """
    modules = {_module_name(path): path for path in SOURCES}

    def home(name: str) -> str | None:
        parts = name.split(".")
        prefixes = (".".join(parts[:end]) for end in range(len(parts), 0, -1))
        return next((prefix for prefix in prefixes if prefix in modules), None)

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        homes = {home(name) for name in _imports(path)}
        graph[module] = {found for found in homes if found is not None and found != module}
    return graph


def _circle(graph: dict[str, set[str]]) -> list[str] | None:
    """A chain of imports that comes back to where it started, if ``graph`` holds one."""
    cleared: set[str] = set()  # leads to no circle

    def follow(module: str, chain: list[str]) -> list[str] | None:
        if module in chain:
            return [*chain[chain.index(module) :], module]
        if module in cleared:
            return None
        for imported in sorted(graph[module]):
            found = follow(imported, [*chain, module])
            if found is not None:
                return found
        cleared.add(module)
        return None

    return next(filter(None, (follow(module, []) for module in sorted(graph))), None)


def test_no_modules_import_each_other_in_a_circle() -> None:
    # A circle makes the import order matter and the modules one unit: what both sides need
    # belongs in a module below both.
    circle = _circle(_package_graph())

    assert circle is None, "import circle: " + " -> ".join(circle or [])


def test_a_circle_through_others_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

    assert _circle(graph) == ["a", "b", "c", "a"]
    assert _circle({**graph, "c": set()}) is None


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE_DIR)))
def test_no_module_edits_annotations_by_hand(path: Path) -> None:
    # Python 3.14 evaluates annotations on first use (PEP 649): a class's __annotations__ may
    # not exist yet while it is made. What pydantic reads is written in the class body.
    assert "__annotations__" not in path.read_text()


def _loaded_after(statement: str) -> set[str]:
    script = f"import sys\n{statement}\nprint('\\n'.join(sys.modules))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_the_models_load_without_boto3_or_botocore() -> None:
    loaded = _loaded_after("import ec2_export_image_tasks.models")

    assert not {"boto3", "botocore"} & loaded


def test_the_generic_engine_loads_without_the_models() -> None:
    loaded = _loaded_after("import ec2_export_image_tasks.paginator")

    assert f"{PACKAGE}.models" not in loaded


@pytest.mark.parametrize(
    "path",
    sorted((PACKAGE_DIR / "models").rglob("*.py")),
    ids=lambda path: path.name,
)
def test_no_model_module_mentions_boto3_even_for_type_checking_alone(path: Path) -> None:
    # Stubs (mypy_boto3_ec2) are allowed for typing; the libraries themselves are not.
    assert not any(
        name.split(".")[0] in {"boto3", "botocore", "aiobotocore"} for name in _imports(path)
    )


def test_no_module_loads_a_type_stub_package_at_run_time() -> None:
    every_module = (
        "import importlib, pkgutil, ec2_export_image_tasks as package\n"
        "for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "    if not module.name.endswith('__main__'):\n"
        "        importlib.import_module(module.name)"
    )
    loaded = _loaded_after(every_module)

    stubs = {"mypy_boto3_ec2", "types_aiobotocore_ec2", "botocore_stubs", "aiobotocore_stubs"}
    assert f"{PACKAGE}.testing.aio" in loaded  # every module, the optional ones too
    assert not stubs & {name.split(".")[0] for name in loaded}
