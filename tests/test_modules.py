"""Every public module says what it exports: ``__all__``, which type checkers and docs read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "ec2_export_image_tasks"


def _public_modules() -> list[Path]:
    """Modules with no ``_``-prefixed part below the package (``__init__`` and ``__main__`` are
    public: they are the package and ``python -m``)."""
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if not any(
            part.startswith("_") and part not in ("__init__.py", "__main__.py")
            for part in path.relative_to(PACKAGE).parts
        )
    )


def _declares_all(path: Path) -> bool:
    for node in ast.parse(path.read_text()).body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets):
            return True
    return False


@pytest.mark.parametrize("path", _public_modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_public_module_declares_all(path: Path) -> None:
    assert _declares_all(path)
