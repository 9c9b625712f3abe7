"""The EPUB 3 of the real edition: EPUBCheck passes it clean, names keep their language tags, and two
builds give the same bytes, whatever SOURCE_DATE_EPOCH they see (the book is dated by the edition).

EPUBCheck is Debian's ``epubcheck`` package (``nox -s tests`` and ``nox -s docs`` install it); its
/usr/bin/epubcheck is the jar itself, which runs only where binfmt hands jars to Java, so a jar is run
with ``java -jar``.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from helpers import EPOCH, ROOT, configuration, edited_texts, epubcheck_command, sphinx_build
from lxml import etree

from critical_edition.profile import load_profile
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
def books(edition_epub: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two clean builds, at least two seconds apart (a zip entry's time has two-second steps), the second with
    another SOURCE_DATE_EPOCH: the book's dates are the edition's, not the build environment's. The first is the
    session's (conftest), which build_epub would make alike."""
    first = edition_epub
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


# --- the book the PDF is: its pages, their order, its cover and title page ------------------------------------

NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
PACKAGE_FILES = {"mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", "nav.xhtml"}
STYLE_SHEET_USES = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def contents(root: Path = ROOT) -> list[str]:
    """The pages the root page's toctrees list, in their order (index.md, as MyST writes a toctree)."""
    index = (root / "index.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^(`{3,}|:{3,})\{toctree\}[^\n]*\n(.*?)^\1", index, re.M | re.S)
    return [line.strip() for _, block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith(":")]  # fmt: skip


def book_order(root: Path = ROOT) -> list[str]:
    """The pages the PDF sets after its introduction, as conf.py and index.md declare them: the front matter
    (edition_print_front), the texts in the toctree's order, the back matter (edition_print_back)."""
    conf, listed = configuration(root), contents(root)
    return [*(page for page in conf["edition_print_front"] if page in listed), *(t.docname for t in edited_texts(root)),
            *(page for page in conf["edition_print_back"] if page in listed)]  # fmt: skip


def package(book: zipfile.ZipFile) -> etree._Element:
    return etree.fromstring(book.read("content.opf"))


def manifest(book: zipfile.ZipFile) -> dict[str, etree._Element]:
    """The package's items by their id."""
    return {item.get("id"): item for item in package(book).iterfind("opf:manifest/opf:item", namespaces=OPF)}


def spine(book: zipfile.ZipFile) -> list[str]:
    """The files of the spine, in its order."""
    items = manifest(book)
    return [items[ref.get("idref")].get("href") for ref in package(book).iterfind("opf:spine/opf:itemref",
                                                                                  namespaces=OPF)]  # fmt: skip


def top_level(names: list[str]) -> list[str]:
    """The pages among ``names`` (files of the book) that the root page lists or that are the root page."""
    pages = {*contents(), "index"}
    return [name.removesuffix(".xhtml") for name in names if name.removesuffix(".xhtml") in pages]


def test_spine_nav_and_toc_follow_the_books_order_as_the_pdf_does(book: zipfile.ZipFile,
                                                                   edition_pdf_build: tuple[Path, object]) -> None:
    expected = ["index", *book_order()]
    assert "principles" in expected and "colophon" in expected and expected.index("colophon") > 2
    order = spine(book)
    assert order[:3] == ["epub-cover.xhtml", "edition-title-page.xhtml", "index.xhtml"]
    assert top_level(order) == expected
    # the pages a page of the book lists (the register's entries) follow it, before the next page of the book
    current = ""
    for name in order[3:]:
        if name.removesuffix(".xhtml") in expected:
            current = name
        elif name != "genindex.xhtml":
            assert name.startswith(current.rsplit("/", 1)[0] + "/"), (current, name)
    nav = etree.fromstring(book.read("nav.xhtml"))
    listed = [a.get("href") for a in nav.iterfind(f".//{XHTML}nav/{XHTML}ol/{XHTML}li/{XHTML}a")]
    assert listed[0] == "edition-title-page.xhtml" and top_level(listed) == expected
    ncx = etree.fromstring(book.read("toc.ncx"))
    points = [p.find(f"{NCX}content").get("src") for p in ncx.iterfind(f"{NCX}navMap/{NCX}navPoint")]
    assert top_level(points) == expected
    # the PDF: its .tex opens each page with a label, in the order BookOrder gives them (written before TeX runs)
    latex, _ = edition_pdf_build
    tex = (latex / "kazakh-cinema-edition.tex").read_text(encoding="utf-8")
    printed = re.findall(r"\\label\{\\detokenize\{([^}]*)::doc\}\}", tex)
    assert [page for page in printed if page in expected[1:]] == expected[1:]


def test_the_book_holds_its_pages_and_the_files_they_use_nothing_else(book: zipfile.ZipFile) -> None:
    names = set(book.namelist())
    hrefs = {item.get("href") for item in manifest(book).values()}
    assert names == PACKAGE_FILES | hrefs
    pages = {name for name in names if name.endswith(".xhtml")} - {"nav.xhtml"}
    assert pages == set(spine(book))
    left_out = [page for page in contents() if page not in book_order()]
    assert not [page for page in left_out if f"{page}.xhtml" in names]  # the editors' reference, the downloads
    used, queue = set(), sorted(pages)
    while queue:
        name = queue.pop()
        if name in used or name not in names:
            continue
        used.add(name)
        if name.endswith(".css"):
            uses = [a or b for a, b in STYLE_SHEET_USES.findall(book.read(name).decode("utf-8"))]
        elif name.endswith((".xhtml", ".svg")):
            root = etree.fromstring(book.read(name))
            uses = [element.get("src") or element.get("href") or element.get("{http://www.w3.org/1999/xlink}href")
                    for element in root.iter(f"{XHTML}link", f"{XHTML}img", "{http://www.w3.org/2000/svg}image")]
        else:
            uses = []
        queue += [posixpath.normpath(posixpath.join(posixpath.dirname(name), use.partition("#")[0]))
                  for use in uses if use and not ADDRESS.match(use)]  # fmt: skip
    assert not names - PACKAGE_FILES - used  # every other file is a page of the spine or used by one


def test_every_link_resolves_in_the_book_or_is_a_web_address(book: zipfile.ZipFile) -> None:
    found = pages(book)
    ids = {name: {e.get("id") for e in root.iter() if e.get("id")} for name, root in found.items()}
    dangling = []
    for name, root in found.items():
        for link in root.iter(f"{XHTML}a"):
            href = link.get("href")
            if href is None or re.match(r"https?://", href):  # the sources' own addresses include http ones
                continue
            path, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target not in ids or (fragment and fragment not in ids[target]):
                dangling.append(f"{name}: {href}")
    assert not dangling, dangling[:20]


def test_the_cover_is_declared_and_shown_first(book: zipfile.ZipFile) -> None:
    items = manifest(book)
    (cover,) = [item for item in items.values() if item.get("properties") == "cover-image"]
    meta = package(book).find("opf:metadata/opf:meta[@name='cover']", namespaces=OPF)
    assert meta is not None and items[meta.get("content")] is cover  # EPUB 2's declaration names the same file
    image = book.read(cover.get("href"))
    if cover.get("media-type") == "image/png":  # drawn by rsvg-convert, as nox -s docs builds it
        assert image[:8] == b"\x89PNG\r\n\x1a\n" and image[16:24] == (1600).to_bytes(4, "big") + (2560).to_bytes(4, "big")
    else:
        assert cover.get("media-type") == "image/svg+xml" and b"<svg" in image[:200]
    first = etree.fromstring(book.read(spine(book)[0]))
    assert [img.get("src") for img in first.iter(f"{XHTML}img")] == [cover.get("href")]


def test_the_title_page_says_what_the_pdfs_says(book: zipfile.ZipFile) -> None:
    conf = configuration()
    title, _, subtitle = conf["project"].partition(": ")
    declared, _problems = load_profile(ROOT / "edition-profile.yaml")  # the editors are the profile's
    editors = [editor.name for editor in declared.editors] or [conf["author"]]
    date = last_commit_date(ROOT)
    day = time.strftime(conf["today_fmt"], time.strptime(date, "%Y-%m-%d"))
    root = etree.fromstring(book.read("edition-title-page.xhtml"))
    text = " ".join(" ".join(root.itertext()).split())
    assert root.findtext(f".//{XHTML}h1") == title
    for part in (subtitle, *editors, date[:4], f"Release {conf['release']} of {day}.", "CC BY 4.0",
                 "https://creativecommons.org/licenses/by/4.0/"):  # fmt: skip
        assert part in text, part
