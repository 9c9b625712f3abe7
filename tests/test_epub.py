"""The EPUB 3 of the real edition: EPUBCheck passes it clean, names keep their language tags, and two
builds give the same bytes, whatever SOURCE_DATE_EPOCH they see (the book is dated by the edition).

EPUBCheck is Debian's ``epubcheck`` package (``nox -s tests`` and ``nox -s docs`` install it); its
/usr/bin/epubcheck is the jar itself, which runs only where binfmt hands jars to Java, so a jar is run
with ``java -jar``.
"""

from __future__ import annotations

import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from helpers import EPOCH, ROOT, configuration, edited_texts, epubcheck_command, sphinx_build
from lxml import etree

from critical_edition.sphinx.identity import last_commit_date

XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPF = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
ADDRESS = re.compile(r"[a-z][a-z0-9+.-]*://", re.I)
NON_LATIN = re.compile("[\u0400-\u052f\u0590-\u08ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
ARTICLE = "articles/tengrinews-2015-over-the-city.xhtml"


def build_epub(out: Path, epoch: str = EPOCH) -> Path:
    """A clean EPUB build of the edition, as nox -s docs makes it (-W -n), with SOURCE_DATE_EPOCH ``epoch``."""
    result = sphinx_build("-W", "--keep-going", "-n", "-b", "epub", "-d", out / "doctrees", ROOT, out / "epub",
                          env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    (book,) = (out / "epub").glob("*.epub")
    return book


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two clean builds, at least two seconds apart (a zip entry's time has two-second steps), the second with
    another SOURCE_DATE_EPOCH: the book's dates are the edition's, not the build environment's."""
    first = build_epub(tmp_path_factory.mktemp("epub-1"))
    time.sleep(max(0.0, 2.1 - (time.time() - first.stat().st_mtime)))
    return first, build_epub(tmp_path_factory.mktemp("epub-2"), epoch=str(int(EPOCH) - 3 * 365 * 86400))


@pytest.fixture(scope="module")
def book(books: tuple[Path, Path]) -> zipfile.ZipFile:
    """The first build's archive, open."""
    return zipfile.ZipFile(books[0])


def pages(book: zipfile.ZipFile) -> dict[str, etree._Element]:
    """Every XHTML page of the book, parsed as XML (EPUB's XHTML must be well-formed)."""
    return {name: etree.fromstring(book.read(name)) for name in book.namelist() if name.endswith(".xhtml")}


def language(element: etree._Element) -> str | None:
    """The language that applies to an element: its own lang or xml:lang, or its nearest ancestor's."""
    for node in (element, *element.iterancestors()):
        if found := node.get("lang") or node.get(XML_LANG):
            return found
    return None


def non_latin_texts(root: etree._Element) -> list[tuple[str, etree._Element]]:
    """Every piece of text in Cyrillic, CJK or Arabic script in a page's body, with the element it is in."""
    found = []
    for element in root.iter(f"{XHTML}*"):
        if element.text and NON_LATIN.search(element.text):
            found.append((element.text, element))
        parent = element.getparent()
        if element.tail and NON_LATIN.search(element.tail) and parent is not None:
            found.append((element.tail, parent))
    return found


def untagged(texts: list[tuple[str, etree._Element]]) -> list[str]:
    """The texts whose language is English by default: the page's, not their own."""
    return [text.strip()[:60] for text, owner in texts if (language(owner) or "en").startswith("en")]


# --- validity ---------------------------------------------------------------------------------------------


def test_epubcheck_finds_no_error_and_no_warning(books: tuple[Path, Path]) -> None:
    result = subprocess.run([*epubcheck_command(), "--failonwarnings", str(books[0])],
                            capture_output=True, text=True, check=False)
    report = result.stdout + result.stderr
    assert "Messages: 0 fatals / 0 errors / 0 warnings" in report, report
    assert result.returncode == 0, report


def test_archive_starts_with_the_stored_mimetype(books: tuple[Path, Path], book: zipfile.ZipFile) -> None:
    first = book.infolist()[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
    assert book.read(first) == b"application/epub+zip"
    assert books[0].read_bytes()[30:38] == b"mimetype"  # right after the first local header, as readers expect


def test_two_builds_are_byte_identical_whatever_source_date_epoch_they_see(books: tuple[Path, Path]) -> None:
    first, second = (zipfile.ZipFile(b) for b in books)
    assert [(i.filename, i.date_time) for i in first.infolist()] == [(i.filename, i.date_time)
                                                                     for i in second.infolist()]
    assert books[0].read_bytes() == books[1].read_bytes()
    day = tuple(int(part) for part in last_commit_date(ROOT).split("-"))
    assert {i.date_time for i in first.infolist()} == {(*day, 0, 0, 0)}  # the edition's date, every entry


# --- metadata ---------------------------------------------------------------------------------------------


def test_metadata_names_the_edition_as_it_names_itself(book: zipfile.ZipFile) -> None:
    opf = etree.fromstring(book.read("content.opf"))

    def dc(name: str) -> str:
        return str(opf.findtext(f"opf:metadata/dc:{name}", namespaces=OPF))

    assert dc("title") == configuration()["project"]  # with the number and years of the texts (test_project)
    assert dc("creator") == dc("publisher") == "The editors of the Kazakh Cinema Edition"
    assert dc("language") == "en"
    assert "CC BY 4.0" in dc("rights") and "property of their publishers" in dc("rights")
    assert "unknown" not in {dc("description"), dc("contributor"), dc("identifier")}
    # a fixed identifier, the one toc.ncx repeats (EPUBCheck NCX-001), and the edition's date
    identifier = opf.find("opf:metadata/dc:identifier", namespaces=OPF)
    assert identifier is not None and identifier.get("id") == opf.get("unique-identifier")
    assert identifier.text == "c5292ff2-c021-5a5e-b795-3d121eb5bced"
    assert f'name="dtb:uid" content="{identifier.text}"' in book.read("toc.ncx").decode()
    modified = opf.findtext("opf:metadata/opf:meta[@property='dcterms:modified']", namespaces=OPF)
    assert modified == f"{last_commit_date(ROOT)}T00:00:00Z"  # the edition's date, not the build's environment


# --- languages --------------------------------------------------------------------------------------------


def test_every_page_declares_the_edition_language(book: zipfile.ZipFile) -> None:
    wrong = {name: (root.get("lang"), root.get(XML_LANG)) for name, root in pages(book).items()
             if (root.get("lang"), root.get(XML_LANG)) != ("en", "en")}
    assert not wrong, wrong


def test_non_latin_names_keep_their_language_tags(book: zipfile.ZipFile) -> None:
    """Names in the register (Cyrillic, Chinese, Arabic-script Kazakh) and in the articles carry lang, as in HTML."""
    found = pages(book)
    names = [(text, owner) for name, root in found.items() if name.startswith("annotations/")
             for dd in root.iterfind(f".//{XHTML}dl/{XHTML}dd")
             if (dt := dd.getprevious()) is not None and "".join(dt.itertext()).startswith("Names")
             for text, owner in non_latin_texts(dd)]
    assert {language(owner) for _, owner in names} >= {"ru", "kk-Cyrl", "kk-Arab", "zh-Hans"}
    assert not untagged(names)
    arabic = [owner for text, owner in names if re.search("[\u0600-\u06ff]", text)]
    assert arabic and all(owner.get("dir") == "rtl" for owner in arabic)
    # an article's notes: the Chinese title of a source is tagged in the book as on the web
    article = found["articles/qazaqtv-2018-composer.xhtml"]
    chinese = [owner for text, owner in non_latin_texts(article) if re.search("[\u4e00-\u9fff]", text)]
    assert "zh-Hans" in {language(owner) for owner in chinese}


def test_all_non_latin_text_carries_lang(book: zipfile.ZipFile) -> None:
    # as in the HTML (test_browser); an address shown as a link's text is no language
    missing = {name: [text for text in found if not ADDRESS.match(text)]
               for name, root in pages(book).items() if (found := untagged(non_latin_texts(root)))}
    missing = {name: found for name, found in missing.items() if found}
    assert not missing, missing


# --- what the web edition has and a book must not -----------------------------------------------------------


def test_no_script_and_no_remote_resource(book: zipfile.ZipFile) -> None:
    assert not [name for name in book.namelist() if name.endswith(".js")]
    for name, root in pages(book).items():
        assert root.find(f".//{XHTML}script") is None, name
        for element in root.iter(f"{XHTML}img", f"{XHTML}link", f"{XHTML}source", f"{XHTML}iframe"):
            address = element.get("src") or element.get("href") or ""
            assert not re.match(r"[a-z]+:", address), (name, address)


def test_every_text_shows_the_reading_text_without_the_web_tools(book: zipfile.ZipFile) -> None:
    texts = [f"{text.docname}.xhtml" for text in edited_texts()]
    assert ARTICLE in texts
    for name in texts:
        xhtml = book.read(name).decode()
        assert 'class="edited-text"' in xhtml and 'id="p-1"' in xhtml and 'class="para-num"' in xhtml, name
        # the cite box, the hover cards and the Diplomatic switch (made by edition.js) are the web edition's
        assert "edition-cite" not in xhtml and "edition-cards" not in xhtml and "edition-view-switch" not in xhtml
        assert "_downloads/" not in xhtml, name  # the data files and the cite downloads are not in the book
    assert b"para-num" in book.read("_static/edition-epub.css")  # the numbers sit inside the text, not off it


def test_the_book_does_not_link_to_itself_but_the_web_pages_do(book: zipfile.ZipFile, books: tuple[Path, Path],
                                                            edition_html: Path) -> None:
    assert "kazakh-cinema-edition.epub" not in book.read("index.xhtml").decode()
    assert books[0].name == "kazakh-cinema-edition.epub"
    noxfile = (ROOT / "noxfile.py").read_text(encoding="utf-8")
    for page in ("index.html", "downloads.html"):
        html = (edition_html / page).read_text(encoding="utf-8")
        links = re.findall(r'<p class="edition-books">.*?</p>', html)
        assert len(links) == 1, page
        for name in ("kazakh-cinema-edition.pdf", "kazakh-cinema-edition.epub"):
            assert f'href="_downloads/{name}"' in links[0], (page, links)
            assert f"/{name}\"" in noxfile  # the docs session builds it and copies it there
