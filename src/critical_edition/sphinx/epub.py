"""EPUB output: a language on every page, and a byte-reproducible archive.

Sphinx's EPUB 3 builder is an HTML builder; the edition's web-only parts (the cite box, the data
files, the TEI files, the view switch and hover cards of edition.js) are left out by
``domain.builds_web_pages`` and by the builder itself, which packs no JavaScript. Three things are
left to do here:

- edition.css hangs the paragraph numbers in the page's margin, which a reading system does not
  show, and Sphinx's epub.css doubles the brackets of note marks: edition-epub.css, for EPUB only.
- Sphinx writes ``<html>`` without a language for EPUB, so reading systems cannot choose a
  hyphenation or a voice: the pages get the edition's ``language`` as ``lang`` and ``xml:lang``.
- Sphinx zips the files with their modification times, so two builds of the same sources differ,
  and dates the package from SOURCE_DATE_EPOCH or the clock. The package's ``dcterms:modified`` and
  every entry of the archive carry the edition's date (conf.py or the last commit, as every other
  output does); the archive is rewritten with fixed permissions, ``mimetype`` first and stored.
"""

from __future__ import annotations

import time
import zipfile
from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder

from . import identity
from .domain import edition_language

ZIP_EPOCH = 315532800  # 1980-01-01: the earliest date a zip entry can carry


def is_epub(app: Sphinx) -> bool:
    """Whether this build writes an EPUB."""
    return app.builder.name.startswith("epub")


def add_stylesheet(app: Sphinx) -> None:
    """The EPUB's own corrections to the edition's style sheet (the HTML does not get them)."""
    if is_epub(app):
        app.add_css_file("edition-epub.css")


def page_language(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Declare the edition's language on the root element of every EPUB page."""
    if not is_epub(app):
        return
    lang = escape(app.config.epub_language or edition_language(app.config))
    context["html_tag"] = (
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'lang="{lang}" xml:lang="{lang}">'
    )


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with the package's ``dcterms:modified`` the edition's date (Sphinx takes
    SOURCE_DATE_EPOCH or the clock)."""

    def content_metadata(self) -> dict[str, Any]:
        """The package document's metadata, dated by the edition."""
        metadata = super().content_metadata()
        metadata["date"] = identity.the_moment(self.config).strftime("%Y-%m-%dT%H:%M:%SZ")
        return metadata


def zip_time(config: Any) -> time.struct_time:
    """The edition's date for the archive's entries, no earlier than the earliest a zip entry can carry."""
    return time.gmtime(max(int(identity.the_moment(config).timestamp()), ZIP_EPOCH))


def normalise_archive(path: Path, when: time.struct_time) -> None:
    """Rewrite an EPUB so that it depends on its contents only: fixed dates and modes, mimetype first and stored."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    entries.sort(key=lambda entry: entry[0] != "mimetype")  # stable: the builder's order otherwise
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as target:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=when[:6])
            info.create_system = 3  # Unix, whatever system builds it
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info, data, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)
    tmp.replace(path)


def reproducible_archive(app: Sphinx, exception: Exception | None) -> None:
    """After an EPUB build, make its archive byte-reproducible."""
    if exception is not None or not is_epub(app):
        return
    path = Path(app.outdir, app.config.epub_basename + ".epub")
    if path.is_file():
        normalise_archive(path, zip_time(app.config))


def leave_out_earlier_builds(app: Sphinx) -> None:
    """What an earlier build left in the book's folder is not part of the book: Sphinx's ``.buildinfo.bak`` (kept
    when the settings changed: a new title, a new text) and a book of another name (``epub_basename`` changed)."""
    if not app.builder.name.startswith("epub"):
        return
    stale = [".buildinfo.bak", *sorted(p.name for p in Path(app.outdir).glob("*.epub"))]
    config = app.config
    config.epub_exclude_files = [*config.epub_exclude_files, *(n for n in stale if n not in config.epub_exclude_files)]


def setup(app: Sphinx) -> None:
    """Register this output's events."""
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("builder-inited", leave_out_earlier_builds)
    app.connect("builder-inited", add_stylesheet)
    app.connect("html-page-context", page_language)
    app.connect("build-finished", reproducible_archive)
