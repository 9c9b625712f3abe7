"""The map and the timeline in the books: the PDF and the EPUB carry both pictures, drawn without links, in
figures with captions; no page of either speaks of a picture it lacks; a PDF whose picture cannot be made says
so with a warning, never in silence (a small edition's LaTeX and EPUB: tests/extension/test_print_figures.py)."""

from __future__ import annotations

import math
import posixpath
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import Build
from docutils.utils import smartquotes
from helpers import ROOT, between, edited_texts, pdf_text
from lxml import etree

from critical_edition.core import export
from critical_edition.core.register import Register, load_register

SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = {"opf": "http://www.idpf.org/2007/opf"}
MAP_CAPTION = "Each dot is a place of the register"
TIMELINE_CAPTION = "Timeline of the dated facts, earliest at the top"
ABSENT = re.compile(r"drawn in the HTML edition|scrolls sideways|\bclick|links to its page|links to the place", re.I)
"""What the books must not say of their pictures: that one is elsewhere, or what a reader of a web page does."""


def register() -> Register:
    """The edition's register, from its files."""
    return load_register(ROOT / "annotations", ROOT)


def mapped_names() -> list[str]:
    """The names of the register's places with coordinates as the prose prints them (an apostrophe curled, as
    Sphinx's smart quotes curl it): the labels of the map."""
    return [
        "".join(smartquotes.educate_tokens([("plain", p.name)], attr="qDe", language="en"))
        for p in register().of_kind("place")
        if p.coordinates
    ]


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """Each font of a PDF: its name (with its subset's tag) and whether it is embedded."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [(line.split()[0], line.split()[-5]) for line in lines[2:]]


# --- the PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def latex(edition_pdf_build: Build) -> Path:
    """The LaTeX folder of the real edition's PDF build (which must have succeeded)."""
    folder, result = edition_pdf_build
    assert result.returncode == 0, result.stderr
    return folder


def book_pdf(latex: Path) -> Path:
    (tex,) = latex.glob("*.tex")
    return tex.with_suffix(".pdf")


def page_with(pdf: Path, words: str) -> int:
    """The number of the first page of a PDF whose text holds the words."""
    pages = pdf_text(pdf).split("\f")
    return next(number for number, text in enumerate(pages, start=1) if words in " ".join(text.split()))


@pytest.mark.parametrize(("name", "caption"), [("edition-map-index", MAP_CAPTION),
                                               ("edition-timeline-index", TIMELINE_CAPTION)])  # fmt: skip
def test_pdf_sets_each_picture_in_a_figure_with_its_caption(latex: Path, name: str, caption: str) -> None:
    tex = book_pdf(latex).with_suffix(".tex").read_text(encoding="utf-8")
    figures = re.findall(r"\\begin\{figure\}.*?\\end\{figure\}", tex, re.S)
    (figure,) = [f for f in figures if f"\\sphinxincludegraphics{{{{{name}}}.pdf}}" in f]
    assert caption in " ".join(between(figure, "\\caption{", "\\end{figure}").split())
    assert (latex / f"{name}.pdf").read_bytes().startswith(b"%PDF-")


def test_pdf_draws_the_pictures_with_their_fonts_embedded(latex: Path) -> None:
    book = fonts(book_pdf(latex))
    for name in ("edition-map-index", "edition-timeline-index"):
        own = fonts(latex / f"{name}.pdf")
        assert own and all(embedded == "yes" for _, embedded in own), own
        assert all(font.split("+", 1)[1].startswith("FreeSans") for font, _ in own), own  # the book's sans font
        assert set(own) <= set(book), f"{name}: its fonts (with their subset tags) are not in the book"


def test_pdf_map_page_shows_every_place_with_coordinates_as_a_label(latex: Path) -> None:
    pdf = book_pdf(latex)
    text = pdf_text(pdf, page_with(pdf, MAP_CAPTION))
    names = mapped_names()
    assert names
    for name in names:  # the list under the map writes "Name: 43.28° N"; the picture writes the name alone
        assert re.search(rf"^{re.escape(name)}$", text, re.M), name


def test_pdf_timeline_page_shows_the_decades_of_the_register_s_facts(latex: Path) -> None:
    pdf = book_pdf(latex)
    text = pdf_text(pdf, page_with(pdf, TIMELINE_CAPTION))
    years = [f.earliest.year for f in export.timeline(register())]
    first, last = math.floor(min(years) / 10) * 10, math.floor(max(years) / 10) * 10
    axis = {int(line) for line in text.split() if re.fullmatch(r"\d{3}0", line)}  # the axis: the decades alone
    assert set(range(first, last + 1, 10)) <= axis


def test_pdf_says_nothing_of_a_picture_it_lacks(latex: Path) -> None:
    text = " ".join(pdf_text(book_pdf(latex)).split())
    assert not ABSENT.findall(text)
    for words, caption in (("the map", MAP_CAPTION), ("The picture draws", TIMELINE_CAPTION)):
        assert words in text and caption in text  # the pages speak of each picture, and the book has it


# --- the EPUB ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def epub(edition_epub: Path) -> zipfile.ZipFile:
    """The real edition's EPUB, as nox -s docs builds it (-W -n); the archive, open."""
    return zipfile.ZipFile(edition_epub)


def manifest(epub: zipfile.ZipFile) -> dict[str, str]:
    """The package document's manifest: each file's path in the archive and its media type."""
    opf = next(name for name in epub.namelist() if name.endswith(".opf"))
    root = etree.fromstring(epub.read(opf))
    base = posixpath.dirname(opf)
    return {posixpath.join(base, i.get("href")): i.get("media-type") for i in root.iterfind(".//opf:item", OPF)}


def page_text(root: etree._Element) -> str:
    body = root.find(f"{XHTML}body")
    assert body is not None
    return " ".join("".join(body.itertext()).split())


@pytest.mark.parametrize(("page", "caption"), [("map.xhtml", MAP_CAPTION), ("timeline.xhtml", TIMELINE_CAPTION)])
def test_epub_page_shows_its_picture_as_an_svg_of_the_manifest(epub: zipfile.ZipFile, page: str, caption: str) -> None:
    root = etree.fromstring(epub.read(page))
    (figure,) = [f for f in root.iter(f"{XHTML}figure") if f.find(f"{XHTML}img") is not None]
    img = figure.find(f"{XHTML}img")
    assert img is not None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), img.get("src", "")))
    assert manifest(epub)[path] == "image/svg+xml"
    svg = etree.fromstring(epub.read(path))
    assert svg.get("role") == "img" and not list(svg.iter(f"{SVG}a"))  # an image: no links to follow
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and img.get("alt") == desc.text and not ABSENT.search(desc.text or "")
    assert caption in " ".join("".join(figure.find(f"{XHTML}figcaption").itertext()).split())  # type: ignore[union-attr]
    if page == "map.xhtml":
        labels = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
        assert labels == mapped_names()


def test_epub_says_nothing_of_a_picture_it_lacks(epub: zipfile.ZipFile) -> None:
    texts = {f"{t.docname}.xhtml" for t in edited_texts()}  # the sources' words: their "picture" is a film
    pages = {n: etree.fromstring(epub.read(n)) for n in epub.namelist() if n.endswith(".xhtml")}
    package = etree.fromstring(epub.read("content.opf"))
    cover = {i.get("href") for i in package.iterfind(".//opf:item", OPF) if i.get("properties") == "cover-image"}
    shown = {
        name
        for name, root in pages.items()
        if any(img.get("src", "").endswith(".svg") and img.get("src") not in cover for img in root.iter(f"{XHTML}img"))
    }  # the cover is an SVG where rsvg-convert is missing: a picture of the book, not of the edition
    assert shown == {"map.xhtml", "timeline.xhtml"}
    for name, root in pages.items():
        text = page_text(root)
        assert not ABSENT.findall(text), name
        links = {posixpath.normpath(posixpath.join(posixpath.dirname(name), a.get("href", "").split("#")[0]))
                 for a in root.iter(f"{XHTML}a")}  # fmt: skip
        for words, home in ((r"\bthe map\b", "map.xhtml"), (r"\bthe picture\b", "timeline.xhtml")):
            if name not in texts and re.search(words, text, re.I):  # a page about a picture has it or links to it
                assert name == home or home in links, (name, words)
