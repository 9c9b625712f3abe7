"""EPUB output: the same book as the PDF, with a cover and a title page, a language on every page, and a
byte-reproducible archive.

Sphinx's EPUB 3 builder is an HTML builder; the edition's web-only parts (the cite box, the data
files, the TEI files, the view switch and hover cards of edition.js) are left out by
``domain.builds_web_pages`` and by the builder itself, which packs no JavaScript. What is left to do:

- **The book, not the site.** The EPUB holds the pages the PDF holds, in its order (``core.book``: the
  introduction, ``edition_print_front``, the texts, ``edition_print_back``, each page with the pages its
  own contents list): the root page's contents are rewritten in that order, which gives the spine, the
  navigation document, toc.ncx and the root page's own list of contents; a page outside the book (the
  editors' reference, the downloads) is not written, and a link to it from a page of the book goes to its
  permanent address on the web (``html_baseurl``) or, where the edition has declared none, is no link.
  The archive holds the pages of the book and the files they use, nothing else (not the theme's unused
  icons, nor what an earlier build left in the folder: a page, Sphinx's ``.buildinfo.bak``, a book of
  another ``epub_basename``).
- **A cover and a title page.** The cover is drawn from the title page's words (``core.cover``) and turned
  into PNG by ``rsvg-convert``, declared as the package's ``cover-image``, with a cover page first in the
  spine; an edition's own ``epub_cover`` wins. Where rsvg-convert is missing the cover is the SVG itself
  (EPUB 3 allows it; some reading systems do not show it in their libraries), said in an info message.
  The title page and its verso say what the PDF's say (``identity.title_page``).
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

import posixpath
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator, Set
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from lxml import etree
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ...core.book import BookMatter, book_matter, pages_with_their_contents
from ...core.citation import page_url
from ...core.cover import CoverText, cover_svg
from ...core.model import Problem
from .. import fragments, identity
from ..domain import edition_data, edition_language
from ..report import warn

ZIP_EPOCH = 315532800  # 1980-01-01: the earliest date a zip entry can carry
TITLE_PAGE = "edition-title-page"
"""The title page's name in the book (``.xhtml``); no page of an edition may take it."""
COVER = "_images/edition-cover"
"""The drawn cover's path in the book, without its suffix (``.png``, or ``.svg`` without rsvg-convert)."""
COVER_TEMPLATE = "edition-epub-cover.html"
"""The cover page's template (the package's): the cover image, described by its words."""
CONVERTER = "rsvg-convert"
"""The program that turns the cover's SVG into PNG (Debian ``librsvg2-bin``, which nox -s docs installs)."""
OPF = "{http://www.idpf.org/2007/opf}"
RESOURCE = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
"""A file a style sheet uses: ``url(...)`` or ``@import "..."``."""
SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)


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


# --- what the book holds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Book:
    """The pages of the edition an EPUB holds: its matter (None: no book order, every page) and every page."""

    matter: BookMatter | None
    pages: frozenset[str]


def the_book(env: BuildEnvironment, config: Config) -> Book:
    """The book the edition's settings declare, as the PDF is (``core.book``): the root page, its matter, and
    the pages their contents list."""
    root, includes = config.root_doc, env.toctree_includes
    texts = edition_data(env).articles
    matter = book_matter(includes.get(root, []), texts, config.edition_print_front, config.edition_print_back)
    if matter is None:
        return Book(None, frozenset(env.found_docs))
    return Book(matter, frozenset({root, *pages_with_their_contents(matter.pages, includes)}))


def web_address(config: Config, docname: str) -> str:
    """A page's permanent address in the HTML edition; "" when the edition has declared none (``html_baseurl``)."""
    return page_url(config.html_baseurl or "", docname + (config.html_file_suffix or ".html"))


def contents_in_book_order(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The root page's contents list the book's pages in the book's order, under one caption: the spine, the
    navigation document and toc.ncx follow them. Pages listed together in a toctree stay in one list with its
    depth and visibility."""
    book = _book(app)
    if book is None or book.matter is None or docname != app.config.root_doc:
        return
    toctrees = list(doctree.findall(addnodes.toctree))
    listing = {page: (toctree, title) for toctree in toctrees for title, page in toctree["entries"]}
    groups: list[tuple[addnodes.toctree, list[tuple[str | None, str]]]] = []
    for page in book.matter.pages:
        if page not in listing:  # not in a toctree of this doctree (an "only" block left it out): as Sphinx lists
            return
        toctree, title = listing[page]
        if groups and groups[-1][0] is toctree:
            groups[-1][1].append((title, page))
        else:
            groups.append((toctree, [(title, page)]))
    if not groups:
        return
    lists = []
    for index, (toctree, entries) in enumerate(groups):
        listed = toctree.deepcopy()
        listed["entries"], listed["includefiles"] = entries, [page for _, page in entries]
        listed["caption"] = "Contents" if index == 0 else None
        lists.append(nodes.compound("", listed, classes=["toctree-wrapper"]))
    wrappers = [toctree.parent if isinstance(toctree.parent, nodes.compound) else toctree for toctree in toctrees]
    wrappers[0].replace_self(lists)
    for wrapper in wrappers[1:]:
        wrapper.parent.remove(wrapper)


def links_out_of_the_book(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A link to a page the book does not hold goes to that page on the web (``html_baseurl``); where the edition
    has declared no address, its words stay and the link goes: never a link to a file the book lacks."""
    builder, book = app.builder, _book(app)
    if not isinstance(builder, EditionEpubBuilder) or book is None or book.matter is None:
        return
    suffix = builder.out_suffix
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        path, _, fragment = uri.partition("#")
        if not path.endswith(suffix) or SCHEME.match(path):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))[: -len(suffix)]
        if target in book.pages or target not in app.env.all_docs:
            continue
        if address := web_address(app.config, target):
            reference["refuri"] = address + (f"#{fragment}" if fragment else "")
            reference["internal"] = False
        else:
            reference.replace_self(reference.children[:] or [nodes.Text(reference.astext())])


def _book(app: Sphinx) -> Book | None:
    """The book this EPUB build holds (None in any other build)."""
    return getattr(app.builder, "book", None) if isinstance(app.builder, EditionEpubBuilder) else None


# --- the title page and the cover -------------------------------------------------------------------------


def title_page_body(config: Config) -> str:
    """The title page and its verso, as the PDF prints them: title, subtitle, editors, year; release and date,
    the editors who are persons, rights, licence, the edition's address."""
    page = identity.title_page(config)
    return fragments.render(
        "epub-title-page.html", page=page, project=config.project, release=config.release, today=config.today
    )


def cover_text(config: Config) -> CoverText:
    """The cover's words: the title page's title, subtitle and editors, and the edition's date."""
    page = identity.title_page(config)
    return CoverText(page.title, page.subtitle, page.names, config.today)


def draw_cover(svg: str, folder: Path) -> tuple[str, Problem | None]:
    """Write the cover into the book's ``folder``: a PNG drawn by rsvg-convert, else the SVG, with the reason."""
    target = folder / f"{COVER}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (target, target.with_suffix(".svg")):
        stale.unlink(missing_ok=True)
    program = shutil.which(CONVERTER)
    problem = None
    if program is None:
        problem = Problem("unmade-picture", f"{CONVERTER} is not installed: the EPUB's cover is an SVG picture, "
                          "which some reading systems do not show", severity="info")  # fmt: skip
    else:
        done = subprocess.run([program, "--format", "png", "--output", str(target)], input=svg.encode("utf-8"),
                              capture_output=True, check=False)  # fmt: skip
        if done.returncode == 0:
            return f"{COVER}.png", None
        message = done.stderr.decode("utf-8", "replace").strip()
        problem = Problem("unmade-picture", f"{CONVERTER} could not draw the EPUB's cover: {message}")
    target.with_suffix(".svg").write_text(svg, encoding="utf-8")
    return f"{COVER}.svg", problem


# --- the builder --------------------------------------------------------------------------------------------


@contextmanager
def _settings(config: Config, **values: Any) -> Iterator[None]:
    """Settings that Sphinx's builder reads at one step, given for that step only."""
    before = {name: config[name] for name in values}
    for name, value in values.items():
        config[name] = value
    try:
        yield
    finally:
        for name, value in before.items():
            config[name] = value


def files_used(outdir: Path, pages: list[str]) -> set[str]:
    """The files (relative to ``outdir``, / form) that ``pages`` use: style sheets, pictures, and what those use."""
    found: set[str] = set()
    queue = list(pages)
    while queue:
        name = queue.pop()
        path = outdir / name
        if name in found or not path.is_file():
            continue
        found.add(name)
        if name.endswith(".css"):
            uses = [a or b for a, b in RESOURCE.findall(path.read_text(encoding="utf-8", errors="replace"))]
        elif name.endswith((".xhtml", ".svg")):
            root = etree.parse(str(path)).getroot()
            uses = [value for element in root.iter() if isinstance(element.tag, str)
                    for key, value in element.attrib.items()
                    if key in ("src", "{http://www.w3.org/1999/xlink}href", "poster", "data")
                    or (key == "href" and etree.QName(element).localname in ("link", "image"))]  # fmt: skip
        else:
            uses = []
        for use in uses:
            use = use.split("#")[0]
            if use and not SCHEME.match(use) and not use.startswith("/"):
                queue.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), use)))
    return found


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, writing the book the PDF is (``the_book``), with a cover and a title page, and
    the package's ``dcterms:modified`` the edition's date (Sphinx takes SOURCE_DATE_EPOCH or the clock)."""

    book: Book
    cover: str = ""  # the drawn cover's path in the book, once drawn

    def content_metadata(self) -> dict[str, Any]:
        """The package document's metadata, dated by the edition."""
        metadata = super().content_metadata()
        metadata["date"] = identity.the_moment(self.config).strftime("%Y-%m-%dT%H:%M:%SZ")
        return metadata

    def prepare_writing(self, docnames: Set[str]) -> None:
        """Settle which pages the book holds, once every page has been read."""
        self.book = the_book(self.env, self.config)
        super().prepare_writing(docnames)

    def write_documents(self, docnames: Set[str]) -> None:
        """Write the pages of the book only."""
        super().write_documents({name for name in docnames if name in self.book.pages})

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        """The title page first in the spine and the navigation, before the root page and the edition's own."""
        super().toc_add_files(refnodes)
        refnodes.insert(0, {"level": 1, "refuri": TITLE_PAGE + self.out_suffix, "text": "Title page"})

    def handle_finish(self) -> None:
        """Write the title page and draw the cover, then the package, the navigation and the archive."""
        self.handle_page(TITLE_PAGE, {"title": "Title page", "body": title_page_body(self.config)}, "page.html")
        if not self.config.epub_cover:
            self.cover, problem = draw_cover(cover_svg(cover_text(self.config)), Path(self.outdir))
            if problem is not None:
                warn(problem, None)
        super().handle_finish()

    def build_content(self) -> None:
        """The package document with the book's files only, its cover declared as EPUB 3 declares it, and the
        title page and the root page's contents in its guide (Sphinx would name the first page of the spine)."""
        outdir = Path(self.outdir)
        cover = tuple(self.config.epub_cover) or (self.cover, COVER_TEMPLATE)
        pages = [ref["refuri"] for ref in self.refnodes if "#" not in ref["refuri"]]
        pages += [name + self.out_suffix for name, *_ in self.domain_indices]
        pages += ["genindex" + self.out_suffix] if self.use_index else []
        used = files_used(outdir, [*pages, cover[0]])
        files = (path.relative_to(outdir).as_posix() for path in outdir.rglob("*") if path.is_file())
        unused = sorted(name for name in files if name not in used)
        guide = self.config.epub_guide or (
            ("title-page", TITLE_PAGE + self.out_suffix, "Title page"),
            ("toc", self.config.root_doc + self.out_suffix, "Table of Contents"),
        )
        with _settings(self.config, epub_cover=cover, epub_guide=guide,
                       epub_exclude_files=[*self.config.epub_exclude_files, *unused]):  # fmt: skip
            super().build_content()
        declare_cover_image(outdir / "content.opf", cover[0])


def declare_cover_image(opf: Path, image: str) -> None:
    """Give the cover image's manifest item ``properties="cover-image"`` (Sphinx writes only EPUB 2's meta)."""
    tree = etree.parse(str(opf))
    for item in tree.iterfind(f"{OPF}manifest/{OPF}item"):
        if item.get("href") == image:
            item.set("properties", "cover-image")
    tree.write(str(opf), xml_declaration=True, encoding="UTF-8")


# --- the archive --------------------------------------------------------------------------------------------


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


def setup(app: Sphinx) -> None:
    """Register this output's events."""
    app.add_builder(EditionEpubBuilder, override=True)
    app.connect("builder-inited", add_stylesheet)
    app.connect("html-page-context", page_language)
    app.connect("doctree-resolved", contents_in_book_order)
    app.connect("doctree-resolved", links_out_of_the_book, priority=900)  # after "mentioned in" lists are made
    app.connect("build-finished", reproducible_archive)
