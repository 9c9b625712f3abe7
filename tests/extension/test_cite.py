"""Cite this page, on a small root and in the pure functions: the citation records and what the CSL processor
makes of them, the cite box of an edition without a permanent address, the book's citations, and citeproc-py left
as it is for anyone else (the real edition's citations: tests/edition/test_cite.py)."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import citation_in, cite_box_of, finish_build, html_text, paragraph_citations, start_build

from critical_edition.core import citation
from critical_edition.core.model import Entity
from critical_edition.sphinx.citation import cite_this, csl

CITE_ROOT = Path(__file__).parent.parent / "roots" / "test-cite"
EPOCH = "1795219200"  # 21 November 2026, 00:00 UTC: a build date, which no citation may print


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small root built without html_baseurl: the edition has declared no permanent address."""
    out = tmp_path_factory.mktemp("root-no-base") / "html"
    finish_build(start_build(CITE_ROOT, out, "0", "-D", "html_baseurl="))
    return out


# --- the pure functions -------------------------------------------------------------------------------------------


def test_the_edition_date_is_the_configured_one_or_the_last_commits() -> None:
    assert citation.edition_date("2025-03-14", "2026-12-06", {"SOURCE_DATE_EPOCH": EPOCH})[0] == dt.date(2025, 3, 14)
    assert citation.edition_date("", "2026-12-06", {"SOURCE_DATE_EPOCH": EPOCH})[0] == dt.date(2026, 12, 6)
    assert citation.edition_date("", "", {"SOURCE_DATE_EPOCH": EPOCH})[0] == dt.date(2026, 11, 21)  # outside git


def test_dates_publishers_and_urls() -> None:
    assert citation.date_parts("2015-09-29") == {"date-parts": [[2015, 9, 29]]}
    assert citation.date_parts("2016-02") == {"date-parts": [[2016, 2]]}
    assert citation.date_parts("2018?") == {"date-parts": [[2018]], "circa": True}
    assert citation.date_parts("about 2018") is None
    assert citation.publisher_name("Qazaq TV (English site), culture section") == "Qazaq TV"
    assert citation.publisher_name("Tengrinews (English edition)") == "Tengrinews"
    assert citation.page_url("", "articles/a.html") == ""  # never a relative address
    assert citation.page_url("https://x.example/ed/", "articles/a.html") == "https://x.example/ed/articles/a.html"


def _edition() -> citation.Edition:
    editors = (citation.Editor("The editors", collective=True),)
    return citation.Edition("An Edition", editors, "1.0", "en", dt.date(2026, 11, 21), base_url="https://x.example/")


def test_uncertain_original_date_is_marked_by_the_style() -> None:
    source = citation.Source("k", "A headline", publisher="A Site", date="2018?")
    record = citation.article_record(_edition(), "a", "https://x.example/a.html", "A headline", source)
    assert record["original-date"] == {"date-parts": [[2018]], "circa": True}
    assert "<i>A Site</i>. “A Headline.” [2018?]. In <i>An Edition</i>, edited by the editors, version 1.0. 2026." in (
        csl.format_citation(record, "chicago-notes-bibliography", "bibliography"))
    assert csl.format_citation(record, "apa", "citation", "3") == "(“A headline,” ca. 2018/2026, para. 3)"


def test_register_entry_record_and_data_formats() -> None:
    entity = Entity("x-y", "person", "Xi & Yu", "A gloss of ten characters.", ("s",), authority={"wikidata": "Q1"})
    record = citation.entity_record(_edition(), "annotations-person-x-y", "https://x.example/p.html", entity)
    assert record["type"] == "entry-encyclopedia" and record["title"] == "Xi & Yu"
    bib = citation.bibtex(record)
    assert "  title = {{Xi \\& Yu}}," in bib and "  editor = {{The editors}}," in bib
    assert citation.ris(record).startswith("TY  - ENCYC\r\nTI  - Xi & Yu\r\n")
    assert json.loads(citation.csl_json(record)) == [record]
    page = citation.PageCitation("annotations/person/x-y", "entity", record, "https://x.example/p.html", entity=entity)
    data = cite_this.json_ld(page, _edition())
    assert data["about"] == {"@type": "Person", "name": "Xi & Yu", "sameAs": ["https://www.wikidata.org/wiki/Q1"]}
    head = cite_this.metadata_html(page, _edition())
    assert '<meta name="citation_title" content="Xi &amp; Yu" />' in head
    assert "Xi & Yu" not in head.split("application/ld+json")[1]  # "&" escaped inside the script, too


REGISTER_NAMES = (
    "Emir Baigazin", "Over the City", "The Wounded Angel", "Ministry of Culture and Sport", "Berlinale 2013", "ARTE",
    "Xi Jinping's speech at Nazarbayev University", "over the city", "Composer: a film", "Who? Really?", "Title.",
    "«Квота»", "Квота", "冼星海", "A & B <c>", "Amangeldy (symphony)", "Two  spaces", "Aslan trilogy", "Ǵ and ǵ",
)


@pytest.mark.parametrize("url", ["https://x.example/p-é.html", ""])
@pytest.mark.parametrize("name", REGISTER_NAMES)
def test_a_register_entrys_citations_from_the_pattern_are_the_processors_own(name: str, url: str) -> None:
    # each style formats the register's record once with placeholders; a page's name is put in only where the
    # processor would print it unchanged, else the processor formats the page's record itself (an edition without
    # an address: Chicago's note cites the entry as a chapter, ``_as_the_style_cites_it``)
    entity = Entity("x-y", "person", name, "A gloss of ten characters.", ("s",))
    record = citation.entity_record(_edition(), "annotations-person-x-y", url, entity)
    for _label, style_id, form in csl.STYLES.values():
        quick = csl._by_pattern(record, style_id, form)
        own = csl.format_citation(csl._as_the_style_cites_it(record, style_id, form), style_id, form)
        assert quick is None or quick == own, (name, style_id, form)
    if name in ("Emir Baigazin", "Over the City", "The Wounded Angel", "Ministry of Culture and Sport", "冼星海"):
        assert all(csl._by_pattern(record, s, f) is not None for _l, s, f in csl.STYLES.values()), name


def test_punctuation_moves_inside_double_quotation_marks_only() -> None:
    assert csl.punctuation_in_quote("“A Title”. In") == "“A Title.” In"
    assert csl.punctuation_in_quote("“A Title”, in") == "“A Title,” in"
    assert csl.punctuation_in_quote("the editors’. Next") == "the editors’. Next"


# --- the small root: its book, and no html_baseurl (no address at all) --------------------------------------------


def test_a_book_cites_the_web_pages_not_its_own_files(tmp_path: Path) -> None:
    """The EPUB of the small root with a base URL: every address it gives under the edition's is a web page's
    (``.html``), never the book's own ``.xhtml`` file, which does not exist on the web."""
    source = tmp_path / "source"
    shutil.copytree(CITE_ROOT, source)
    with (source / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n```{edition-citation} articles/report\n```\n")  # a page of the book that cites a text
    finish_build(start_build(source, tmp_path / "epub", "0", "-b", "epub", "-D", "copyright=2026", "-D", "version=2.0"))
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "epub").glob("**/*.xhtml"))
    addresses = re.findall(r"https://edition\.example/test/[^\s\"'<>)]*", pages)
    assert "https://edition.example/test/articles/report.html" in addresses
    assert [a for a in addresses if ".xhtml" in a] == []


def test_without_a_base_url_the_box_gives_no_address_and_says_why(unaddressed: Path) -> None:
    text = (unaddressed / "articles" / "report.html").read_text(encoding="utf-8")
    cite_box = cite_box_of(text)
    assert 'data-address="none"' in cite_box
    assert cite_this.ADDRESS_NOTES["none"] in html.unescape(cite_box)  # the static HTML says why there is none
    assert cite_this.ADDRESS_NOTES["permanent"] not in html.unescape(cite_box)
    for style in ("chicago-note", "chicago-bibliography", "mla", "apa"):
        assert "report.html" not in citation_in(text, style) and "edition-cite-url" not in citation_in(text, style), style
    assert "report.html" not in cite_box.split('id="cite-bibtex"')[1].split("</pre>")[0]
    assert html_text(paragraph_citations(text)["2"]["chicago-note"]).endswith("¶ 2.")
    assert "https://edition.example" not in cite_box


def test_readable_urls_decode_letters_only() -> None:
    encoded = "https://kaznai.kz/en/%D0%B8%D1%81%D1%82%D0%BE%D1%80%D0%B8%D1%8F/"
    assert citation.readable_url(encoded) == "https://kaznai.kz/en/история/"
    assert citation.readable_url("https://x.example/a%20b%2Fc%3F") == "https://x.example/a%20b%2Fc%3F"
    assert citation.readable_url("https://x.example/%C2%A0%D0") == "https://x.example/%C2%A0%D0"  # NBSP, a bad byte
    assert citation.readable_url("https://x.example/%e4%b8%ad") == "https://x.example/中"
    linked = cite_this.linked_address(f"Seen at {encoded}.", encoded, encoded)
    assert linked == f'Seen at <a class="edition-cite-url" href="{encoded}">https://kaznai.kz/en/история/</a>.'


CITEPROC_LEFT_ALONE = """
import inspect, sys
import citeproc, citeproc.formatter.html, citeproc.frontend, citeproc.model, citeproc.source.json
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc.source.json import CiteProcJSON


def citeproc_state():
    found = {}
    for module in [m for n, m in sorted(sys.modules.items()) if n.split(".")[0] == "citeproc"]:
        for name, value in vars(module).items():
            found[(module.__name__, name)] = value
            if inspect.isclass(value):
                found |= {(module.__name__, name, attr): member for attr, member in vars(value).items()}
    return found


def plain_chicago(record):  # citeproc-py as anyone else uses it
    style = CitationStylesStyle("chicago-notes-bibliography", locale="en-US", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([record]), citeproc.formatter.html)
    bibliography.register(Citation([CitationItem(record["id"])]))
    return str(bibliography.bibliography()[0])


record = {"id": "k", "type": "article-newspaper", "title": "A film", "author": [{"family": "Kamalova", "given": "Gyuzel"}],
          "container-title": "Tengrinews", "issued": {"date-parts": [[2015, 9, 29]]}}
before, plain = citeproc_state(), plain_chicago(dict(record))
import critical_edition
from critical_edition.sphinx.citation import csl
from sphinx.cmd.build import build_main
ours = csl.format_citation(dict(record), "chicago-notes-bibliography", "bibliography")
status = build_main(["-q", "-b", "html", "-d", sys.argv[2] + "/doctrees", sys.argv[1], sys.argv[2] + "/html"])
after = citeproc_state()
print(status, [str(key) for key in before if after.get(key, None) is not before[key]])
print(plain)
print(ours)
"""


def test_the_extension_leaves_citeproc_as_it_is_for_anyone_else(tmp_path: Path) -> None:
    # citeproc-py is adapted by subclassing for our styles only: importing the extension, formatting with it and
    # building an edition change none of citeproc-py's modules or classes, and its own formatting stays its own
    result = subprocess.run([sys.executable, "-c", CITEPROC_LEFT_ALONE, str(CITE_ROOT), str(tmp_path)],
                            capture_output=True, text=True, check=True, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    status, plain, ours = result.stdout.splitlines()
    assert status == "0 []"
    assert "Kamalova, G." in plain  # citeproc-py's own reading of the style, initials (no initialize="false")
    assert ours.startswith("Kamalova, Gyuzel. “A Film.” <i>Tengrinews</i>")  # ours, as Chicago prints it
    assert "Jane Doe" in (tmp_path / "html" / "articles" / "report.html").read_text(encoding="utf-8")
