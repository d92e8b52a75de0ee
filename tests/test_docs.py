"""The reference site: ``scripts/docs`` builds it with no warning, and it leaves nothing out.

One build (about 5 s) serves every test here: each public name has its entry in the site's
inventory, and each README section is shown on a page (the guides are the README's sections).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from importlib import import_module
from typing import TYPE_CHECKING

import pytest
from markdown.extensions.toc import slugify

from .test_public_api import SURFACE
from .type_checkers import ROOT

if TYPE_CHECKING:
    from pathlib import Path

_HEADING = re.compile(r"^#{1,6} (?P<title>.+)$", re.MULTILINE)
_FENCED = re.compile(r"^```.*?^```$", re.MULTILINE | re.DOTALL)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [str(ROOT / "scripts" / "docs"), "--site-dir", str(out)],
        env={**os.environ, "DOCS_PYTHON": sys.executable},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr  # --strict: any warning fails the build
    return out


def _inventory(site: Path) -> set[str]:
    """The names the site documents, from its ``objects.inv`` (Sphinx's inventory format)."""
    data = (site / "objects.inv").read_bytes()
    _, _, compressed = data.partition(b"compressed using zlib.\n")
    return {line.split(" ", 1)[0] for line in zlib.decompress(compressed).decode().splitlines()}


def test_every_public_name_has_its_entry_in_the_reference(site: Path) -> None:
    documented = _inventory(site)

    missing = [
        f"{module}.{name}"
        for module in SURFACE
        for name in import_module(module).__all__
        if f"{module}.{name}" not in documented
    ]

    assert missing == []
    assert set(SURFACE) <= documented  # each public module has its page


def test_every_readme_section_is_shown_on_a_page(site: Path) -> None:
    readme = _FENCED.sub("", (ROOT / "README.md").read_text())
    pages = "".join(page.read_text() for page in site.rglob("*.html"))

    _title, *sections = _HEADING.finditer(readme)  # the README's title: the site's name

    hidden = [
        heading["title"]
        for heading in sections
        if f'id="{slugify(heading["title"].replace("`", ""), "-")}"' not in pages
    ]

    assert hidden == []
