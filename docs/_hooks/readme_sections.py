"""The guides are the README's own sections, shown on the site's pages: never a second copy.

A page names a section with a line that is only a link to it, such as
``[The paginator, in the README](../README.md#the-paginator)``: on GitHub the line is that
link; on the site it becomes the section's text (its subsections too, but those another page
names), its headings raised so that the section's own is the page's title (or, on a page
with a title of its own, one of its sections). The README's
``#anchor`` links follow the section to its page, and its links to ``docs/*.md`` and the
changelog are made the site's own. The README's Python snippets are run and
type-checked by ``tests/test_readme.py``, so what the site shows is what the suite tests.

The docstrings' Sphinx roles (``:class:`.LocalEC2```), which Markdown would show as typed, are
shown as the code they name.

A link to a heading the README no longer has fails the build, as does an ``#anchor`` no page
shows: ``scripts/docs`` builds with ``--strict``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_DIRECTIVE = re.compile(r"^\[[^\]\n]+\]\(\.\./README\.md#(?P<slug>[^)\s]+)\)[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^(?P<hashes>#{1,6}) (?P<title>.+)$")
_FENCE = re.compile(r"^(```|~~~)")
_ANCHOR_LINK = re.compile(r"\]\(#(?P<slug>[^)\s]+)\)")
_FILE_LINK = re.compile(r"\]\((?P<path>docs/[^)\s#]+|CHANGELOG\.md)\)")
_ROLE = re.compile(r":(?:attr|class|data|exc|func|meth|mod|obj):<code>[~.]*(?P<name>[^<]+)</code>")
"""A Sphinx role in a rendered docstring (``:class:`.LocalEC2```), which Markdown leaves as is."""
_PAGE_OF_FILE = {"CHANGELOG.md": "changelog.md"}
"""The README's links to files the site shows as pages (and ``docs/*``: the page itself)."""


@dataclass(frozen=True)
class Heading:
    level: int
    slug: str
    line: int
    """Where the heading is, as an index into the README's lines."""


def _slug(title: str) -> str:
    """The heading's anchor, as the site's ``toc`` makes it (and GitHub does, for these)."""
    return slugify(title.replace("`", ""), "-")


def _headings(lines: list[str]) -> list[Heading]:
    """The README's headings, outside fenced code (where ``#`` is a shell comment)."""
    found: list[Heading] = []
    fenced = False
    for number, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and (heading := _HEADING.match(line)):
            found.append(Heading(len(heading["hashes"]), _slug(heading["title"]), number))
    return found


class Readme:
    """The README's sections, and which page shows each heading."""

    def __init__(self, readme: Path, docs: Path) -> None:
        self.lines = readme.read_text().splitlines()
        self.headings = _headings(self.lines)
        self.named: dict[str, str] = {}
        """Each section a page names (by slug), and that page (relative to the docs)."""
        for path in sorted(docs.rglob("*.md")):
            for directive in _DIRECTIVE.finditer(path.read_text()):
                self.named[directive["slug"]] = path.relative_to(docs).as_posix()
        self.page_of: dict[str, str] = {}
        """Every heading shown on the site (by slug), and its page."""
        for slug, page in self.named.items():
            for heading in self._section(slug):
                self.page_of[heading.slug] = page

    def _section(self, slug: str) -> list[Heading]:
        """The section's headings: its own, and its subsections that no other page names."""
        starts = [number for number, heading in enumerate(self.headings) if heading.slug == slug]
        if not starts:
            raise PluginError(f"the docs name a README section that does not exist: #{slug}")
        first = starts[0]
        level = self.headings[first].level
        section = [self.headings[first]]
        for heading in self.headings[first + 1 :]:
            if heading.level <= level or heading.slug in self.named:
                break
            section.append(heading)
        return section

    def text(self, slug: str, page: str, level: int) -> str:
        """The section's Markdown for ``page``: its heading at ``level``, its links the site's."""
        section = self._section(slug)
        following = self.headings[self.headings.index(section[-1]) + 1 :]
        end = following[0].line if following else len(self.lines)
        raised = section[0].level - level
        starts = {heading.line for heading in section}
        lines = [
            line[raised:] if number in starts else line
            for number, line in enumerate(self.lines[section[0].line : end], section[0].line)
        ]
        text = _ANCHOR_LINK.sub(lambda link: self._link(link["slug"], page), "\n".join(lines))
        return _FILE_LINK.sub(lambda link: self._file_link(link["path"], page), text)

    def _link(self, slug: str, page: str) -> str:
        target = self.page_of.get(slug)
        if target is None:
            raise PluginError(f"the README links #{slug}, which no docs page shows")
        if target == page:
            return f"](#{slug})"
        return f"]({posixpath.relpath(target, posixpath.dirname(page) or '.')}#{slug})"

    @staticmethod
    def _file_link(path: str, page: str) -> str:
        target = _PAGE_OF_FILE.get(path) or path.removeprefix("docs/")
        return f"]({posixpath.relpath(target, posixpath.dirname(page) or '.')})"


_readme: Readme | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Read the README and the pages' directives once per build (``mkdocs serve`` too)."""
    global _readme
    docs = Path(config.docs_dir)
    _readme = Readme(docs.parent / "README.md", docs)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Each directive line replaced by the README section it names.

    The section's heading is the page's title, or, on a page with a title of its own, one of its
    sections.
    """
    assert _readme is not None, "on_files runs first"
    readme = _readme
    level = 2 if markdown.startswith("# ") else 1
    return _DIRECTIVE.sub(
        lambda found: readme.text(found["slug"], page.file.src_uri, level), markdown
    )


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The docstrings' Sphinx roles shown as the code they name: ``:class:`.X``` as ``X``."""
    return _ROLE.sub(lambda role: f"<code>{role['name']}</code>", html)
