"""The EPUB is the PDF's book (core.book), with a cover (core.cover) and a title page: the rules alone, and a small
root whose contents list an editors' page that is not part of the book, in another order than the book's.

The real edition's EPUB is tested in test_epub.py (slow).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from critical_edition.core.book import BookMatter, book_matter, pages_with_their_contents
from critical_edition.core.cover import HEIGHT, MARGIN, WIDTH, CoverText, cover_svg, lines
from critical_edition.sphinx.print import epub

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
BASE = "https://edition.example/book/"
BOOK = {"version": "0.1", "epub_copyright": "2025"}


# --- the rules ----------------------------------------------------------------------------------------------


def test_the_book_is_the_front_matter_the_texts_and_the_back_matter_in_their_lists_order() -> None:
    contents = ["a-text", "reference", "bibliography", "principles", "b-text", "licence"]
    matter = book_matter(contents, {"b-text", "a-text"}, ["principles", "unlisted"], ["licence", "bibliography"])
    assert matter == BookMatter(("principles",), ("a-text", "b-text"), ("licence", "bibliography"))
    assert matter.pages == ("principles", "a-text", "b-text", "licence", "bibliography")  # no "reference"
    assert book_matter(contents, {"a-text"}, [], []) is None  # no book order declared: the contents as they stand


def test_a_page_of_the_book_brings_the_pages_it_lists_depth_first_each_once() -> None:
    includes = {"register": ["persons", "places"], "persons": ["person/a"], "places": ["person/a", "place/b"]}
    found = pages_with_their_contents(["text", "register", "map"], includes)
    assert found == ["text", "register", "persons", "person/a", "places", "place/b", "map"]


def test_cover_lines_are_even_and_fit_the_cover() -> None:
    assert lines("The editors of the Kazakh Cinema Edition", 58.0, WIDTH - 2 * MARGIN) == [
        "The editors of the", "Kazakh Cinema Edition"]  # fmt: skip
    assert lines("Short", 150.0, 1240.0) == ["Short"]
    assert lines("Antidisestablishmentarianism-and-more stays whole", 150.0, 1240.0)[0].startswith("Antidis")


def test_the_cover_is_well_formed_svg_that_escapes_and_repeats_its_words() -> None:
    words = CoverText("Kazakh Cinema & <Film>", "A Critical Edition of Two Reports, 2015–2018", "The editors", "1 May 2026")
    svg = cover_svg(words)
    assert svg == cover_svg(words)  # the same words, the same picture
    root = etree.fromstring(svg.encode("utf-8"))
    assert (root.get("width"), root.get("height")) == (str(WIDTH), str(HEIGHT))
    shown = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for part in ("Kazakh Cinema & <Film>", "2015–2018", "The editors", "1 May 2026"):
        assert part.split()[-1] in shown, part
    assert root.get("aria-label", "").startswith("Kazakh Cinema & <Film> A Critical Edition")


def test_a_long_title_is_set_smaller_rather_than_run_off_the_cover() -> None:
    svg = cover_svg(CoverText(" ".join(["Word"] * 40), "", "E", "2026"))
    sizes = {float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)}
    assert max(sizes) < 150.0 and svg.count('font-weight="bold"') <= 4


# --- a small root ---------------------------------------------------------------------------------------------


def _archive(app: SphinxTestApp) -> zipfile.ZipFile:
    (book,) = Path(app.outdir).glob("*.epub")
    return zipfile.ZipFile(book)


def _spine(book: zipfile.ZipFile) -> list[str]:
    opf = etree.fromstring(book.read("content.opf"))
    hrefs = {item.get("id"): item.get("href") for item in opf.iter(f"{OPF}item")}
    return [hrefs[ref.get("idref")] for ref in opf.iter(f"{OPF}itemref")]


@pytest.mark.sphinx("epub", testroot="epub-book", freshenv=True, confoverrides=BOOK)
def test_the_book_holds_its_pages_in_its_order_and_not_the_editors_page(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    book = _archive(app)
    # the contents list "editing, notes, preface": the book is the preface (front), then the notes (back)
    assert _spine(book) == ["epub-cover.xhtml", "edition-title-page.xhtml", "index.xhtml", "preface.xhtml",
                            "notes.xhtml", "genindex.xhtml"]  # fmt: skip
    assert "editing.xhtml" not in book.namelist()
    nav = etree.fromstring(book.read("nav.xhtml"))
    assert [a.get("href") for a in nav.iterfind(f".//{XHTML}nav/{XHTML}ol/{XHTML}li/{XHTML}a")] == [
        "edition-title-page.xhtml", "index.xhtml", "preface.xhtml", "notes.xhtml"]  # fmt: skip
    index = book.read("index.xhtml").decode()
    assert index.index('href="preface.xhtml"') < index.index('href="notes.xhtml"') and "editing" not in index
    # the theme's icons that no page uses are not in the book
    assert not {"_static/basic.css", "_static/plus.png", "_static/minus.png"} & set(book.namelist())


@pytest.mark.sphinx("epub", testroot="epub-book", freshenv=True, confoverrides=BOOK)
def test_a_link_to_a_page_outside_the_book_keeps_its_words_without_an_address(app: SphinxTestApp) -> None:
    app.build()
    book = _archive(app)
    preface = book.read("preface.xhtml").decode()
    assert "Editing the book" in preface and "its second section" in preface
    assert not re.search(r'href="[^"]*editing', preface + book.read("notes.xhtml").decode())
    assert 'href="notes.xhtml"' in preface  # a link inside the book stays


@pytest.mark.sphinx("epub", testroot="epub-book", freshenv=True, confoverrides={**BOOK, "html_baseurl": BASE})
def test_a_link_to_a_page_outside_the_book_goes_to_the_web_edition(app: SphinxTestApp) -> None:
    app.build()
    book = _archive(app)
    preface, notes = book.read("preface.xhtml").decode(), book.read("notes.xhtml").decode()
    assert f'href="{BASE}editing.html"' in preface and f'href="{BASE}editing.html#marking"' in preface
    assert f'href="{BASE}editing.html#marking"' in notes
    assert "The edition online: <a " in book.read("edition-title-page.xhtml").decode()


@pytest.mark.sphinx("epub", testroot="epub-book", freshenv=True, confoverrides=BOOK)
def test_the_cover_and_the_title_page(app: SphinxTestApp) -> None:
    app.build()
    book = _archive(app)
    opf = etree.fromstring(book.read("content.opf"))
    (cover,) = [item for item in opf.iter(f"{OPF}item") if "cover-image" in (item.get("properties") or "")]
    drawn = "image/png" if shutil.which(epub.CONVERTER) else "image/svg+xml"
    assert cover.get("media-type") == drawn and cover.get("href") in book.namelist()
    if drawn == "image/png":
        assert book.read(cover.get("href"))[:8] == b"\x89PNG\r\n\x1a\n"
    assert f'src="{cover.get("href")}"' in book.read("epub-cover.xhtml").decode()
    page = etree.fromstring(book.read("edition-title-page.xhtml"))
    text = " ".join(" ".join(page.itertext()).split())
    assert page.findtext(f".//{XHTML}h1") == "A Small Book"
    for part in ("Its Subtitle", "The editors of the Small Book", "2025", "Release 0.1 of 14 March 2025",
                 "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"):  # fmt: skip
        assert part in text, part


@pytest.mark.sphinx("epub", testroot="epub-book", freshenv=True, confoverrides=BOOK)
def test_without_the_converter_the_cover_is_its_svg_and_the_build_says_so(
    app: SphinxTestApp, status, warning, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(epub, "CONVERTER", "no-such-rsvg-convert")
    app.build()
    assert "WARNING" not in warning.getvalue() and "[edition.unmade-picture]" not in warning.getvalue()
    assert "the EPUB's cover is an SVG picture" in status.getvalue()
    book = _archive(app)
    assert "_images/edition-cover.svg" in book.namelist() and "_images/edition-cover.png" not in book.namelist()
    assert 'href="_images/edition-cover.svg" media-type="image/svg+xml" properties="cover-image"' in book.read(
        "content.opf").decode()  # fmt: skip
