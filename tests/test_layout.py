"""The house's dependency rules, as the README's Layout section states them.

- ``models`` is pure data: it imports no boto3 or botocore.
- The generic paging engine imports no model: ``paginator`` loads without them.
- Rooms depend on each other's public names only: a ``_``-named module is imported only from
  inside the package that holds it, and a module inside a ``_``-named package (the command
  line) only from inside that package.
- Runtime imports stay light: type stubs are imported for type checkers only.
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
    """Every module ``path`` imports, as absolute names, run-time and type-checking alike."""
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
            found.append(base)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
    return found


SOURCES = sorted(PACKAGE_DIR.rglob("*.py"))


SHARED_FACTS = {
    f"{PACKAGE}.models._export_image",
    f"{PACKAGE}.models._request",
    f"{PACKAGE}.models._tag",
}
"""The models' modules that hold EC2's facts (id forms, limits, tag rules), read by every room."""


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
        module = imported if _is_module(imported) else imported.rpartition(".")[0]
        if owner is None or not imported.startswith(f"{PACKAGE}.") or module in SHARED_FACTS:
            continue
        assert importer == owner or importer.startswith(f"{owner}."), (
            f"{importer} reaches into {imported}, private to {owner}"
        )


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
