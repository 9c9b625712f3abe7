"""Cite this page and embedded citation metadata: one CSL record per page, formatted by a CSL processor.

The real edition is built twice, side by side (the second build proves the output deterministic); the
metadata is read back with extruct (Dublin Core, OpenGraph, JSON-LD) and lxml (Highwire Press tags, which
extruct does not read). A small test root with ``html_baseurl`` checks the absolute URLs. (The pure functions and
the small root on its own: tests/extension/test_cite.py.)
"""

from __future__ import annotations

import datetime as dt
import filecmp
import html
import json
import re
from pathlib import Path
from typing import Any

import extruct
import lxml.html
import pytest
from helpers import (
    citation_in,
    cite_box_of,
    configuration,
    edited_texts,
    finish_build,
    html_text,
    paragraph_citations,
    start_build,
)

from critical_edition.sphinx.citation import cite_this
from critical_edition.sphinx.identity import last_commit_date

ROOT = Path(__file__).parents[2]
BIB = ROOT / "references.bib"
CITE_ROOT = Path(__file__).parent.parent / "roots" / "test-cite"
ROOT_YEAR = last_commit_date(CITE_ROOT)[:4]  # the small root is built where it is: its date is its last commit's
EPOCH = "1795219200"  # 21 November 2026, 00:00 UTC: a build date, which no citation may print
EDITION_DATE = dt.date.fromisoformat(last_commit_date(ROOT))  # the edition's date: the last commit of its sources
YEAR = str(EDITION_DATE.year)
ARTICLE_1 = "articles/tengrinews-2015-over-the-city"
ARTICLE_2 = "articles/qazaqtv-2018-composer"
TEXTS = edited_texts()  # every text of the edition, from its files
HEADLINES = {text.docname: text.headline for text in TEXTS}  # as the source printed them (the block's rubric)
EDITION = configuration()["project"]  # its count and years follow from the texts (test_project checks how)
EDITORS = "The editors of the Kazakh Cinema Edition"

EDITORS_IN_A_SENTENCE = "the editors of the Kazakh Cinema Edition"
# An edited text is a news article published in an edited collection: the article's author (if any) and title,
# the news site and its date, then "in" the edition with its editors and year; no longer CSL's reprint model
# ("Tengrinews, 2015. Reprint, 2026.", which made the news site the publisher of a reprint). Checked against the
# Chicago Manual of Style 17th ed. 14.107, chapter in an edited book (note: 'Author, "Chapter," in *Book*, ed.
# Editor (Place: Publisher, Year), page.'; bibliography: 'Author. "Chapter." In *Book*, edited by Editor, pages.
# Place: Publisher, Year.', as libguides.tru.ca/chicago/book-chapter gives them); the MLA Handbook 9th ed., a
# work in two containers (the core elements repeat for the second container); the APA Publication Manual 7th
# ed. 10.3, "chapter in an edited book, reprinted from another book" (apastyle.apa.org, edited book chapter
# references: "... (Reprinted from ...)") and, in the text, both years as for a republished work
# ("(Kleiser, 1917/2008)"). The unsigned text begins with its news site in Chicago's bibliography (Chicago's
# form for an unsigned newspaper article) and with its title elsewhere; the editors are named as conf.py
# names them. Without html_baseurl a citation gives no address: never one relative to the edition's root, nor
# the address of a copy on the reader's computer.
CHICAGO_BIBLIOGRAPHY = {
    ARTICLE_1: (
        "Kamalova, Gyuzel. “Emir Baigazin to Confess His Love for Almaty in His New Film Over the City.” "
        f"Tengrinews, September 29, 2015. In {EDITION}, edited by {EDITORS_IN_A_SENTENCE}, version 1.0. {YEAR}."
    ),
    ARTICLE_2: (
        "Qazaq TV. “Kazakhstan and China: Joint Film Projects.” 2018. "
        f"In {EDITION}, edited by {EDITORS_IN_A_SENTENCE}, version 1.0. {YEAR}."
    ),
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, edition_html: Path) -> tuple[Path, Path, Path]:
    """The real edition (built once per session), and the small root with a base URL built twice with
    different hash seeds."""
    outs = [tmp_path_factory.mktemp(name) / "html" for name in ("root-a", "root-b")]
    processes = [start_build(CITE_ROOT, outs[0], "1"), start_build(CITE_ROOT, outs[1], "2")]
    for process in processes:
        finish_build(process)
    return edition_html, outs[0], outs[1]


@pytest.fixture(scope="module")
def site(builds: tuple[Path, Path, Path]) -> Path:
    return builds[0]


def page(site: Path, docname: str) -> str:
    return (site / f"{docname}.html").read_text(encoding="utf-8")


def highwire(text: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for meta in lxml.html.fromstring(text).xpath("//meta[starts-with(@name, 'citation_')]"):
        tags.setdefault(meta.get("name"), []).append(meta.get("content"))
    return tags


def metadata(text: str, base_url: str = "") -> dict[str, Any]:
    return extruct.extract(text, base_url=base_url or None, syntaxes=["json-ld", "opengraph", "dublincore"],
                           uniform=False)


def dublin_core(data: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in data["dublincore"]:
        for element in item["elements"] + item["terms"]:
            out.setdefault(element["name"], []).append(element["content"])
    return out


def opengraph(data: dict[str, Any]) -> dict[str, str]:
    return dict(data["opengraph"][0]["properties"])


def scholarly(data: dict[str, Any]) -> dict[str, Any]:
    (item,) = [d for d in data["json-ld"] if d.get("@type") == "ScholarlyArticle"]
    return item


# --- the real edition -----------------------------------------------------------------------------------------


def test_highwire_tags_of_every_text(site: Path) -> None:
    first, second = highwire(page(site, ARTICLE_1)), highwire(page(site, ARTICLE_2))
    assert first["citation_author"] == ["Gyuzel Kamalova"]
    assert "citation_author" not in second  # unsigned: no author is invented
    for text in TEXTS:
        tags = highwire(page(site, text.docname))
        assert tags["citation_title"] == [HEADLINES[text.docname]], text.docname
        assert tags["citation_publication_date"] == [EDITION_DATE.strftime("%Y/%m/%d")]
        assert tags["citation_inbook_title"] == [EDITION]
        assert tags["citation_publisher"] == [EDITORS]
        assert tags["citation_language"] == ["en"]


def test_dublin_core_and_opengraph_of_an_article(site: Path) -> None:
    data = metadata(page(site, ARTICLE_1))
    dc = dublin_core(data)
    assert dc["DC.title"] == [HEADLINES[ARTICLE_1]]
    assert dc["DC.creator"] == ["Gyuzel Kamalova"]
    assert dc["DC.contributor"] == [EDITORS]
    assert dc["DC.date"] == [EDITION_DATE.isoformat()]
    assert dc["DC.language"] == ["en"]
    assert dc["DC.source"] == ["https://en.tengrinews.kz/news/262323"]
    assert "CC BY 4.0" in dc["DC.rights"][0] and "publishers" in dc["DC.rights"][0]
    assert dc["DCTERMS.isPartOf"] == [EDITION]
    og = opengraph(data)
    assert og["og:title"] == HEADLINES[ARTICLE_1]
    assert og["og:type"] == "article"
    assert og["og:site_name"] == "Kazakh Cinema in the News"


def test_json_ld_scholarly_article_based_on_the_news_article(site: Path) -> None:
    first = scholarly(metadata(page(site, ARTICLE_1)))
    assert first["name"] == HEADLINES[ARTICLE_1]
    assert first["author"] == [{"@type": "Person", "name": "Gyuzel Kamalova"}]
    assert first["editor"]["name"] == EDITORS
    assert first["isPartOf"]["@type"] == "Book" and first["isPartOf"]["name"] == EDITION
    assert first["license"] == "https://creativecommons.org/licenses/by/4.0/"
    based_on = first["isBasedOn"]
    assert based_on["@type"] == "NewsArticle"
    assert based_on["url"] == "https://en.tengrinews.kz/news/262323"
    assert based_on["headline"] == HEADLINES[ARTICLE_1]
    assert based_on["publisher"]["name"] == "Tengrinews" and based_on["datePublished"] == "2015-09-29"
    angel = next(m for m in first["mentions"] if m["name"] == "The Wounded Angel")
    assert angel["@type"] == "CreativeWork" and angel["sameAs"] == ["https://www.imdb.com/title/tt4729794/"]

    second = scholarly(metadata(page(site, ARTICLE_2)))
    assert "author" not in second
    assert second["isBasedOn"]["url"].startswith("https://old.qazaqtv.com/en/view/culture/page_195503")
    assert second["isBasedOn"]["datePublished"] == "2018"
    assert {"@type": "Person", "name": "Xian Xinghai"} in second["mentions"]
    assert {"@type": "Place", "name": "Almaty", "sameAs": ["https://www.wikidata.org/wiki/Q35493"]} in second["mentions"]


def test_entity_page_metadata(site: Path) -> None:
    text = page(site, "annotations/person/xian-xinghai")
    assert highwire(text)["citation_title"] == ["Xian Xinghai"]
    assert highwire(text)["citation_inbook_title"] == [EDITION]
    data = metadata(text)
    entry = scholarly(data)
    assert entry["about"] == {"@type": "Person", "name": "Xian Xinghai"}
    assert entry["author"]["name"] == EDITORS
    assert {"@type": "Person", "name": "Bakhytzhan Baikadamov"} in entry["mentions"]
    assert dublin_core(data)["DC.title"] == ["Xian Xinghai"]
    assert opengraph(data)["og:title"] == "Xian Xinghai"
    angel = scholarly(metadata(page(site, "annotations/work/the-wounded-angel")))
    assert angel["about"]["sameAs"] == ["https://www.imdb.com/title/tt4729794/"]


def test_every_page_has_dublin_core_opengraph_and_json_ld(site: Path) -> None:
    pages = [p for p in site.rglob("*.html")
             if p.name not in ("genindex.html", "search.html") and "_static" not in p.parts]
    assert len(pages) > 60
    for path in pages:
        data = metadata(path.read_text(encoding="utf-8"))
        assert dublin_core(data)["DC.title"], path
        assert opengraph(data)["og:site_name"] == "Kazakh Cinema in the News", path
        types = [d["@type"] for d in data["json-ld"]]
        assert types in (["WebPage"], ["ScholarlyArticle"]), (path, types)


def test_chicago_bibliography_of_each_article(site: Path) -> None:
    for docname, expected in CHICAGO_BIBLIOGRAPHY.items():
        markup = citation_in(page(site, docname), "chicago-bibliography")
        assert html_text(markup) == expected
        assert f"<i>{EDITION}</i>" in markup  # the book title in italics


def test_other_styles_of_an_article(site: Path) -> None:
    text = page(site, ARTICLE_1)
    assert html_text(citation_in(text, "mla")) == (
        "Kamalova, Gyuzel. “Emir Baigazin to Confess His Love for Almaty in His New Film Over the City.” "
        f"Tengrinews, 29 Sept. 2015. {EDITION}, edited by {EDITORS_IN_A_SENTENCE}, version 1.0, {YEAR}."
    )
    assert html_text(citation_in(text, "apa")) == (
        f"Kamalova, G. ({YEAR}). Emir Baigazin to confess his love for Almaty in his new film Over the City. "
        f"In {EDITORS_IN_A_SENTENCE} (Ed.), {EDITION} (Version 1.0). "
        "(Reprinted from Tengrinews, 2015, September 29)"
    )
    assert html_text(citation_in(text, "chicago-note")) == (
        "Gyuzel Kamalova, “Emir Baigazin to Confess His Love for Almaty in His New Film Over the City,” "
        f"Tengrinews, September 29, 2015, in {EDITION}, ed. {EDITORS_IN_A_SENTENCE}, version 1.0 ({YEAR})."
    )
    unsigned = page(site, ARTICLE_2)
    assert html_text(citation_in(unsigned, "chicago-note")).startswith("“Kazakhstan and China: Joint Film Projects,” Qazaq TV, "
                                                             f"2018, in {EDITION}, ed. {EDITORS_IN_A_SENTENCE}")
    assert html_text(citation_in(unsigned, "mla")).startswith("“Kazakhstan and China: Joint Film Projects.” Qazaq TV, 2018. ")
    assert html_text(citation_in(unsigned, "apa")).startswith(f"Kazakhstan and China: Joint film projects. ({YEAR}). In the editors")
    for markup in (cite_box_of(text), cite_box_of(unsigned)):  # never a reprint with the news site as its publisher
        assert "repr." not in markup and "Reprint," not in markup and "Edition." not in html_text(markup)
    bibtex = html_text(re.search(r'<pre class="edition-cite-bibtex" id="cite-bibtex">(.*?)</pre>', text, re.S)[1])
    assert bibtex.startswith("@incollection{articles-tengrinews-2015-over-the-city,")
    # a register entry: Chicago cites reference works in notes only, so there is no bibliography form
    entity = page(site, "annotations/person/xian-xinghai")
    assert 'id="cite-chicago-bibliography"' not in entity
    # without an address, as an entry in the edited book (Chicago's "s.v." form repeated the edition's title)
    assert html_text(citation_in(entity, "chicago-note")) == f"{EDITORS}, ed., “Xian Xinghai,” in {EDITION}, version 1.0 ({YEAR})."


def test_cite_box_is_under_the_title_and_accessible(site: Path) -> None:
    for docname in (*HEADLINES, "annotations/person/xian-xinghai"):  # every text, and a register entry
        text = page(site, docname)
        assert text.count('<details class="edition-cite"') == 1
        details = lxml.html.fromstring(text).get_element_by_id("cite-this")
        assert details.getprevious().tag == "h1" and details.getparent().tag == "section"  # under the title
        cite_box = cite_box_of(text)
        assert '<summary class="edition-cite-summary">Cite this page</summary>' in cite_box
        assert cite_box.count('<button type="button" class="edition-cite-copy"') == cite_box.count("<dt>")
        assert 'aria-label="Copy the Chicago (note) citation"' in cite_box
        assert "_static/cite.js" in text and "_static/cite.css" in text
    assert '<details class="edition-cite"' not in page(site, "index")


def test_paragraph_citation(site: Path) -> None:
    cites = paragraph_citations(page(site, ARTICLE_1))
    assert sorted(cites, key=int) == [str(n) for n in range(1, len(cites) + 1)]
    fourth = cites["4"]
    assert html_text(fourth["chicago-note"]).endswith(f"({YEAR}), ¶ 4.")  # no address: the edition declares none
    assert "href" not in fourth["chicago-note"]
    assert html_text(fourth["chicago-note"]).startswith("Gyuzel Kamalova, “Emir Baigazin to Confess")
    assert fourth["mla"] == "(Kamalova, par. 4)"
    assert fourth["apa"] == f"(Kamalova, 2015/{YEAR}, para. 4)"
    assert paragraph_citations(page(site, ARTICLE_2))["4"]["mla"] == "(“Kazakhstan and China,” par. 4)"  # a short title
    assert paragraph_citations(page(site, ARTICLE_2))["4"]["apa"] == f"(“Kazakhstan and China,” 2018/{YEAR}, para. 4)"
    assert "edition-cite-paragraphs" not in page(site, "annotations/person/xian-xinghai")


def test_downloads_exist_and_parse(site: Path) -> None:
    for docname in (*HEADLINES, "annotations/person/xian-xinghai"):  # every text, and a register entry
        text = page(site, docname)
        hrefs = re.findall(r'<a class="edition-cite-download" href="([^"]+)"', text)
        assert [h.rsplit(".", 1)[1] for h in hrefs] == ["bib", "ris", "json"]
        files = [(site / docname).parent / h for h in hrefs]
        assert all(f.is_file() for f in files), hrefs
        bib, ris, csl = (f.read_bytes().decode("utf-8") for f in files)
        (record,) = json.loads(csl)
        assert record["id"] == docname.replace("/", "-")
        assert "URL" not in record and "url = " not in bib and "\r\nUR  - " not in ris  # no address declared
        assert re.search(r"^@incollection\{" + re.escape(record["id"]) + ",$", bib, re.M)
        assert "  title = {{" + record["title"] + "}}," in bib
        assert ris.startswith("TY  - ") and ris.endswith("ER  - \r\n")
        assert f"TI  - {record['title']}\r\n" in ris
    (first,) = json.loads((site / "_downloads/cite/articles-tengrinews-2015-over-the-city.json").read_text())
    assert first["type"] == "chapter" and first["title"] == HEADLINES[ARTICLE_1]
    assert first["author"] == [{"family": "Kamalova", "given": "Gyuzel"}]
    assert first["editor"] == [{"literal": EDITORS}]
    assert first["container-title"] == EDITION and first["version"] == "1.0"
    assert first["issued"] == {"date-parts": [[EDITION_DATE.year, EDITION_DATE.month, EDITION_DATE.day]]}
    assert first["original-publisher"] == "Tengrinews"
    assert first["original-date"] == {"date-parts": [[2015, 9, 29]]}
    (entry,) = json.loads((site / "_downloads/cite/annotations-person-xian-xinghai.json").read_text())
    assert entry["type"] == "entry-encyclopedia" and entry["title"] == "Xian Xinghai" and "author" not in entry


def test_two_builds_give_the_same_citations(builds: tuple[Path, Path, Path]) -> None:
    _, first, second = builds
    pages = sorted(p.relative_to(first) for p in first.rglob("*.html") if "_static" not in p.parts)
    with_box = 0
    for relative in pages:
        a, b = ((out / relative).read_text(encoding="utf-8") for out in (first, second))
        head_a, head_b = (t[: t.index("</head>")] for t in (a, b))
        assert head_a == head_b, relative
        if '<details class="edition-cite"' in a:
            with_box += 1
            assert cite_box_of(a) == cite_box_of(b), relative
    assert with_box == 3  # the article and the two register entries
    comparison = filecmp.dircmp(first / "_downloads" / "cite", second / "_downloads" / "cite")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert len(comparison.same_files) == 3 * with_box


def test_clicking_a_paragraph_number_cites_the_paragraph(site: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no Chromium")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            tab = browser.new_page()
            tab.goto((site / f"{ARTICLE_1}.html").as_uri())
            cite_box = tab.locator("#cite-this")
            assert not cite_box.evaluate("e => e.open")
            tab.locator('a.para-num[href="#p-4"]').click()
            assert cite_box.evaluate("e => e.open")
            assert cite_box.evaluate("e => e.previousElementSibling.id") == "p-4"  # moved under the paragraph
            assert tab.locator("#cite-this summary").inner_text() == "Cite ¶ 4"
            tab.wait_for_function("document.activeElement.tagName === 'SUMMARY'", timeout=2000)  # focus follows
            note = tab.locator("#cite-chicago-note").inner_text()
            assert note.endswith(f"({YEAR}), ¶ 4.") and "file:" not in note  # never the address of a local copy
            intext = tab.locator('[data-style="mla"] .edition-cite-intext').inner_text()
            assert intext == "In the text: (Kamalova, par. 4)"
            tab.locator(".edition-cite-whole").click()
            assert "¶ 4" not in tab.locator("#cite-chicago-note").inner_text()
            assert tab.locator("#cite-this summary").inner_text() == "Cite this page"
            assert cite_box.evaluate("e => e.previousElementSibling.tagName") == "H1"
        finally:
            browser.close()


# --- a small root with html_baseurl: absolute URLs --------------------------------------------------------------


def test_absolute_urls_with_a_base_url(builds: tuple[Path, Path, Path]) -> None:
    out = builds[1]
    url = "https://edition.example/test/articles/report.html"
    text = (out / "articles" / "report.html").read_text(encoding="utf-8")
    tags = highwire(text)
    assert tags["citation_title"] == ["A report on a film & its maker"]  # escaped in the HTML, read back whole
    assert tags["citation_author"] == ["Jane Doe"]
    assert tags["citation_fulltext_html_url"] == [url]
    data = metadata(text, url)
    assert opengraph(data)["og:url"] == url
    assert dublin_core(data)["DC.identifier"] == [url]
    article = scholarly(data)
    assert article["url"] == url and article["@id"] == url
    assert article["isPartOf"]["url"] == "https://edition.example/test/"
    assert article["isBasedOn"] == {
        "@type": "NewsArticle", "headline": "A report on a film & its maker", "name": "A report on a film & its maker",
        "url": "https://news.example/report-1", "datePublished": "2020-03-14",
        "publisher": {"@type": "Organization", "name": "Example News"},
        "author": [{"@type": "Person", "name": "Jane Doe"}],
    }
    assert article["mentions"] == [
        {"@type": "Person", "name": "Ann Smith", "sameAs": ["https://www.wikidata.org/wiki/Q4115189"],
         "url": "https://edition.example/test/annotations/person/ann-smith.html"},
        {"@type": "Place", "name": "Testville", "url": "https://edition.example/test/annotations/place/testville.html"},
    ]
    assert html_text(citation_in(text, "chicago-bibliography")) == (
        "Doe, Jane. “A Report on a Film & Its Maker.” Example News, March 14, 2020. In A Test Edition of One Report, "
        f"edited by the editors of the Test Edition, version 2.0. {ROOT_YEAR}. {url}."
    )
    cite_box = cite_box_of(text)
    assert 'data-address="permanent"' in cite_box
    assert cite_this.ADDRESS_NOTES["permanent"] in html.unescape(cite_box)
    assert f'<a class="edition-cite-url" href="{url}">{url}</a>' in citation_in(text, "mla")
    assert "Film &amp; Its Maker" in citation_in(text, "chicago-bibliography")  # the processor's text is escaped
    assert f"¶ 2, {url}#p-2." in html_text(paragraph_citations(text)["2"]["chicago-note"])
    (record,) = json.loads((out / "_downloads" / "cite" / "articles-report.json").read_text(encoding="utf-8"))
    assert record["URL"] == url
    bib = (out / "_downloads" / "cite" / "articles-report.bib").read_text(encoding="utf-8")
    assert "  title = {{A report on a film \\& its maker}}," in bib


# --- the real edition: its search, its guide to citing, its notes and its bibliography ----------------------------


def test_the_search_does_not_index_the_page_tools(edition_html: Path) -> None:
    # the cite box (Chicago, APA, BibTeX on every page) and the hover cards are tools, not the page's text:
    # a search for "Chicago" finds the page that explains citing, not every page with a cite box
    text = (edition_html / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    def found(term: str) -> set[str]:  # in the pages' text or titles
        hits = [index[part].get(term, []) for part in ("terms", "titleterms")]
        return {index["docnames"][h] for hit in hits for h in ([hit] if isinstance(hit, int) else hit)}
    assert found("chicago") == {"citing"} and "articles/tengrinews-2015-over-the-city" not in found("bibtex")
    assert "annotations/person/emir-baigazin" in found("baigazin")  # the page's own text is indexed


def test_how_to_cite_shows_the_boxs_own_strings(site: Path) -> None:
    citing = lxml.html.fromstring(page(site, "citing"))
    examples = citing.xpath("//dl[contains(@class, 'edition-cite-example')]")
    assert len(examples) == 4
    shown = [(dl, {dt.text_content(): dt.getnext().text_content().strip() for dt in dl.xpath("./dt")}) for dl in examples]
    edition, first, second, paragraph = (forms for _, forms in shown)
    assert edition["Chicago (bibliography)"] == f"{EDITORS}, ed. {EDITION}. Version 1.0. {YEAR}."
    article, unsigned = page(site, ARTICLE_1), page(site, ARTICLE_2)
    labels = {"Chicago (note)": "chicago-note", "Chicago (bibliography)": "chicago-bibliography", "MLA": "mla",
              "APA": "apa"}
    assert set(first) == set(labels)
    for label, key in labels.items():
        assert first[label] == html_text(citation_in(article, key)), label
    assert second["Chicago (note)"] == html_text(citation_in(unsigned, "chicago-note"))
    fourth = paragraph_citations(article)["4"]
    assert paragraph == {"Chicago (note)": html_text(fourth["chicago-note"]), "MLA (in-text)": fourth["mla"],
                         "APA (in-text)": fourth["apa"]}
    # no address: the edition declares none, and a relative one would not resolve where the reader pastes it
    assert not citing.xpath("//dl[contains(@class, 'edition-cite-example')]//a[contains(@class, 'edition-cite-url')]")


def test_notes_cite_a_source_without_author_by_a_short_title(edition_html: Path) -> None:
    page = (edition_html / "articles" / "tengrinews-2015-over-the-city.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", "", html.unescape(page)).split())
    # the style author_year_short_title: an editors' description cited without its brackets, as "[[…], 2016]" did
    assert "[New trilogy planned…, 2016]" in text
    assert "New trilogy planned from Harmony Lessons director Emir Baigazin], 2016]" not in text
    assert "[Kamalova, 2015]" in text  # a source with an author: author and year
    assert "; Berlinale Panorama zeigt „The Wounded Angel“, 2016;" in text  # sources apart by semicolons


def test_citation_labels_are_well_formed(edition_html: Path) -> None:
    """Labels read "[[New trilogy planned from…], 2016]" and "„The…": every citation in the HTML has one pair
    of brackets, balanced quotation marks and an ellipsis only after a whole word of its title."""
    cited = set()
    for path in edition_html.rglob("*.html"):
        page = lxml.html.fromstring(path.read_bytes())
        cited |= {span.text_content() for span in page.xpath("//span[@class='bibtex-citation']")}
    assert len(cited) > 10
    titles = {" ".join(t.split()) for t in re.findall(r"title\s*=\s*\{\{(.*?)\}\},", BIB.read_text(encoding="utf-8"))}
    for cites in cited:
        assert cites.startswith("[") and cites.endswith("]") and cites.count("[") == 1, cites
        assert cites.count("]") == 1 and cites.count("(") == cites.count(")"), cites
        for a, b in ("„“", "«»"):
            assert cites.count(a) == cites.count(b), cites
        for cut in re.findall(r"([^\s\[;]+)…", cites):  # the last word before an ellipsis is a whole word
            cut = cut.replace("’", "'")  # curled in the page, straight in the file
            assert any(re.search(rf"(?<!\w){re.escape(cut)}(?!\w)", t) for t in titles), (cut, cites)


def test_the_bibliography_is_labelled_as_the_notes_cite_and_prints_addresses_readably(edition_html: Path) -> None:
    page = html.unescape((edition_html / "bibliography.html").read_text(encoding="utf-8"))
    labels = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span class="fn-bracket">', page)
    labels = [re.sub(r"<[^>]+>", "", label) for label in labels]
    assert "Kamalova, 2015" in labels and "New trilogy planned…, 2016" in labels and "Xu Wei, 2019" in labels
    assert not any(label.isdigit() for label in labels) and len(set(labels)) == len(labels)
    assert 'href="https://perceptiopt.com/%D0%91' in page and ">https://perceptiopt.com/Байкадамов" in page
    note = html.unescape((edition_html / "articles" / "tengrinews-2015-over-the-city.html").read_text(encoding="utf-8"))
    assert "Kamalova, 2015" in re.sub(r"<[^>]+>", "", note)  # the same words in the notes
