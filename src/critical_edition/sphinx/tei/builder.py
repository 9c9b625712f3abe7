"""The ``tei`` builder: one TEI file per article, put together from its text, header and standOff; the same files
for the HTML pages, each article's page linking to its own."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from .. import markup
from ..domain import (
    bib_entries,
    builds_web_pages,
    edition_data,
    edition_language,
    edition_register,
    text_source,
)
from .elements import TEI_NS, XML_LANG, serialise, sub
from .header import tei_header
from .standoff import Cited, stand_off_element
from .translator import TEITranslator

logger = logging.getLogger(__name__)

DOWNLOAD_DIR = "_downloads/tei"
"""Where an HTML build puts the TEI files, relative to its output directory."""


# --- one article -----------------------------------------------------------------------------------


def article_tei(env: BuildEnvironment, builder: Builder, docname: str) -> bytes:
    """The TEI document of one article, as UTF-8 bytes."""
    doctree = env.get_doctree(docname)
    cited = Cited()
    translator = TEITranslator(doctree, builder, docname, edition_register(env), cited)
    entries = bib_entries(env)
    witness_key = text_source(env, docname, entries)
    root = ET.Element("TEI", {"xmlns": TEI_NS, XML_LANG: edition_language(env.config)})
    texts = list(doctree.findall(markup.edited_text))
    headline = next((r.astext() for t in texts for r in t.findall(nodes.rubric)), "")
    title = env.titles[docname].astext() if docname in env.titles else headline or docname
    text = ET.Element("text")
    body = sub(text, "body")
    for edited in texts:
        body.append(translator.division(edited))
    if not texts:
        sub(body, "p")
    header = tei_header(builder, docname, title, witness_key, entries)
    root.append(header)
    root.append(stand_off_element(translator.register, cited, witness_key, entries))
    root.append(text)
    return serialise(root)


def tei_filename(docname: str) -> str:
    """The name of an article's TEI file: its docname's last part with ``.xml``."""
    return PurePosixPath(docname).name + ".xml"


def write_articles(env: BuildEnvironment, builder: Builder, outdir: Path) -> list[Path]:
    """Write the TEI file of every article to ``outdir``; return the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for docname in sorted(edition_data(env).articles):
        if docname not in env.all_docs:
            continue
        path = outdir / tei_filename(docname)
        data = article_tei(env, builder, docname)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written


class TEIBuilder(Builder):
    """``-b tei``: one TEI P5 file per article (the documents with an edited text)."""

    name = "tei"
    format = "xml"
    epilog = "The TEI files are in %(outdir)s."
    out_suffix = ".xml"
    allow_parallel = True

    def init(self) -> None:
        """Nothing to prepare."""

    def get_outdated_docs(self) -> str:
        """Every article is written on every build: its standOff depends on the whole register."""
        return "all articles"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """The file of a document, relative to the output directory."""
        return tei_filename(docname)

    def write_documents(self, docnames: Any) -> None:
        """The files are written in ``finish``, from the unresolved doctrees."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """Unused: see ``finish``."""

    def finish(self) -> None:
        """Write the TEI file of every article."""
        for path in write_articles(self.env, self, Path(self.outdir)):
            logger.info("TEI: %s", path)


# --- the HTML pages --------------------------------------------------------------------------------


def add_download_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a link to the article's TEI file before its edited text, on HTML pages."""
    if not builds_web_pages(app.builder) or docname not in edition_data(app.env).articles:
        return
    text = next(iter(doctree.findall(markup.edited_text)), None)
    if text is None or text.parent is None:
        return
    uri = relative_uri(app.builder.get_target_uri(docname), f"{DOWNLOAD_DIR}/{tei_filename(docname)}")
    para = nodes.paragraph(classes=["edition-downloads"])
    para += nodes.Text("Download this text: ")
    para += nodes.reference("", "TEI XML", refuri=uri, internal=False, classes=["edition-tei-link"])
    para += nodes.Text(" (TEI P5, with the register and the sources of this text).")
    text.parent.insert(text.parent.index(text), para)


def write_for_html(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, write the TEI files to ``_downloads/tei/`` for the pages' links."""
    if exception is not None or not builds_web_pages(app.builder):
        return
    write_articles(app.env, app.builder, Path(app.outdir, DOWNLOAD_DIR))


def setup(app: Sphinx) -> None:
    """Register this output's builders, directives and events."""
    app.add_builder(TEIBuilder)
    app.connect("doctree-resolved", add_download_link)
    app.connect("build-finished", write_for_html)
