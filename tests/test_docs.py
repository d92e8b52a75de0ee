"""The reference site: ``scripts/docs`` builds it with no warning, and it leaves nothing out.

One build of the site (about 5 s) serves the first tests: each public name has its entry in the
site's inventory, and each README section is shown on a page (the guides are the README's
sections). The last build small projects in-process, to specify the hook that shows them.
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
from mkdocs.commands.build import build
from mkdocs.config import load_config  # pyright: ignore[reportUnknownVariableType]  # its **kwargs
from mkdocs.exceptions import Abort

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


README_OF_A_PROJECT = """\
# project

## Using it

See [the fine print](#the-fine-print) and the [docs](docs/more.md).

### Details

```sh
# not a heading
```

## The fine print

Small.
"""


def _build(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A project with the README above and ``pages``, built with the site's hook."""
    (tmp_path / "README.md").write_text(README_OF_A_PROJECT)
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: project\nstrict: true\nvalidation: {anchors: warn}\n"
        f"hooks: [{ROOT / 'docs' / '_hooks' / 'readme_sections.py'}]\n"
    )
    build(load_config(str(tmp_path / "mkdocs.yml")))
    return tmp_path / "site"


def test_a_page_shows_the_readme_section_it_links_with_the_links_made_the_sites(
    tmp_path: Path,
) -> None:
    site = _build(
        tmp_path,
        {
            "index.md": "[Using it](../README.md#using-it)\n",
            "more.md": "# More\n\n[The fine print](../README.md#the-fine-print)\n",
        },
    )

    index = (site / "index.html").read_text()
    more = (site / "more" / "index.html").read_text()
    assert '<h1 id="using-it">' in index  # the section's heading, the page's title
    assert '<h2 id="details">' in index  # its subsection, one level up
    assert 'href="more/#the-fine-print"' in index  # the anchor, on the page that shows it
    assert 'href="more/"' in index  # docs/more.md, the site's page
    assert "Small." not in index
    assert '<h2 id="the-fine-print">' in more  # below the page's own title


def test_a_page_naming_a_section_the_readme_does_not_have_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        _build(tmp_path, {"index.md": "[Gone](../README.md#gone)\n"})

    assert "a README section that does not exist: #gone" in caplog.text


def test_a_readme_link_to_a_section_no_page_shows_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        _build(tmp_path, {"index.md": "[Using it](../README.md#using-it)\n"})

    assert "the README links #the-fine-print, which no docs page shows" in caplog.text
