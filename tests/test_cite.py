"""Cite this page and embedded citation metadata: one CSL record per page, formatted by a CSL processor.

The real edition is built twice, side by side (the second build proves the output deterministic); the
metadata is read back with extruct (Dublin Core, OpenGraph, JSON-LD) and lxml (Highwire Press tags, which
extruct does not read). A small test root with ``html_baseurl`` checks the absolute URLs.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import extruct
import lxml.html
import pytest

from critical_edition.core import citation
from critical_edition.core.model import Entity
from critical_edition.sphinx import cite, csl

ROOT = Path(__file__).parent.parent
CITE_ROOT = Path(__file__).parent / "roots" / "test-cite"
EPOCH = "1795219200"  # 21 November 2026, 00:00 UTC: the release date printed in every citation
ARTICLE_1 = "articles/tengrinews-2015-over-the-city"
ARTICLE_2 = "articles/qazaqtv-2018-composer"
HEADLINES = {
    ARTICLE_1: "Emir Baigazin to confess his love for Almaty in his new film Over the City",
    ARTICLE_2: "Kazakhstan and China: Joint film projects",
}
EDITION = "Kazakh Cinema in the News: A Critical Edition of Two Reports, 2015–2018"
EDITORS = "The editors of the Kazakh Cinema Edition"

# Reviewed against the Chicago Manual of Style, 18th ed., bibliography form of a chapter in an edited book
# (author inverted; chapter title in quotation marks, headline-style capitals, period inside the quotation
# mark; "In" + italic book title, version, "edited by"; the original publication as CSL's reprint model:
# original publisher and year, "Reprint", year of the edition; URL). The second text is unsigned: the
# official style lists it under the editors of the volume with "ed." (a literal name is one name, hence not
# "eds."), as citeproc-js, the reference CSL processor, does too. Without html_baseurl the URL is relative
# to the edition's root: a canonical base URL must be configured before the edition is published.
CHICAGO_BIBLIOGRAPHY = {
    ARTICLE_1: (
        "Kamalova, Gyuzel. “Emir Baigazin to Confess His Love for Almaty in His New Film Over the City.” In "
        f"{EDITION}, version 1.0, edited by {EDITORS}. Tengrinews, 2015. Reprint, 2026. "
        "articles/tengrinews-2015-over-the-city.html."
    ),
    ARTICLE_2: (
        f"{EDITORS}, ed. “Kazakhstan and China: Joint Film Projects.” In {EDITION}, version 1.0. Qazaq TV, 2018. "
        "Reprint, 2026. articles/qazaqtv-2018-composer.html."
    ),
}


def sphinx_build(source: Path, out: Path, hash_seed: str = "0") -> subprocess.Popen[str]:
    """Start sphinx-build as a user would, with a fixed release date and a chosen string hash seed."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": hash_seed}
    return subprocess.Popen([sys.executable, "-m", "sphinx", "-b", "html", "-W", "-n", "-q", str(source), str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen[str]) -> None:
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert "WARNING" not in stderr, stderr


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, edition_html: Path) -> tuple[Path, Path, Path]:
    """The real edition (built once per session), and the small root with a base URL built twice with
    different hash seeds."""
    outs = [tmp_path_factory.mktemp(name) / "html" for name in ("root-a", "root-b")]
    processes = [sphinx_build(CITE_ROOT, outs[0], "1"), sphinx_build(CITE_ROOT, outs[1], "2")]
    for process in processes:
        finish(process)
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


def box(text: str) -> str:
    start = text.index('<details class="edition-cite"')
    return text[start : text.index("</details>", start) + len("</details>")]


def cited(text: str, style: str) -> str:
    match = re.search(rf'<p class="edition-cite-text" id="cite-{style}">(.*?)</p>', text)
    assert match, style
    return match.group(1)


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def paragraph_cites(text: str) -> dict[str, dict[str, str]]:
    match = re.search(r'<script type="application/json" class="edition-cite-paragraphs">(.*?)</script>', text)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


# --- the real edition -----------------------------------------------------------------------------------------


def test_highwire_tags_of_both_articles(site: Path) -> None:
    first, second = highwire(page(site, ARTICLE_1)), highwire(page(site, ARTICLE_2))
    assert first["citation_title"] == [HEADLINES[ARTICLE_1]]
    assert first["citation_author"] == ["Gyuzel Kamalova"]
    assert second["citation_title"] == [HEADLINES[ARTICLE_2]]
    assert "citation_author" not in second  # unsigned: no author is invented
    for tags in (first, second):
        assert tags["citation_publication_date"] == ["2026/11/21"]
        assert tags["citation_inbook_title"] == [EDITION]
        assert tags["citation_publisher"] == [EDITORS]
        assert tags["citation_language"] == ["en"]


def test_dublin_core_and_opengraph_of_an_article(site: Path) -> None:
    data = metadata(page(site, ARTICLE_1))
    dc = dublin_core(data)
    assert dc["DC.title"] == [HEADLINES[ARTICLE_1]]
    assert dc["DC.creator"] == ["Gyuzel Kamalova"]
    assert dc["DC.contributor"] == [EDITORS]
    assert dc["DC.date"] == ["2026-11-21"]
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
        markup = cited(page(site, docname), "chicago-bibliography")
        assert plain(markup) == expected
        assert f"<i>{EDITION}</i>" in markup  # the book title in italics


def test_other_styles_of_an_article(site: Path) -> None:
    text = page(site, ARTICLE_1)
    assert plain(cited(text, "chicago-note")).startswith(
        "Gyuzel Kamalova, “Emir Baigazin to Confess His Love for Almaty in His New Film Over the City,” in "
    )
    assert plain(cited(text, "mla")).startswith("Kamalova, Gyuzel. “Emir Baigazin to Confess")
    assert plain(cited(text, "apa")).startswith(
        "Kamalova, G. (2026). Emir Baigazin to confess his love for Almaty in his new film Over the City. "
        f"In {EDITORS} (Ed.), {EDITION} (Version 1.0)."
    )
    bibtex = plain(re.search(r'<pre class="edition-cite-bibtex" id="cite-bibtex">(.*?)</pre>', text, re.S)[1])
    assert bibtex.startswith("@incollection{articles-tengrinews-2015-over-the-city,")
    # a register entry: Chicago cites reference works in notes only, so there is no bibliography form
    entity = page(site, "annotations/person/xian-xinghai")
    assert 'id="cite-chicago-bibliography"' not in entity
    assert plain(cited(entity, "chicago-note")).startswith(f"{EDITORS}, ed., “Xian Xinghai,” {EDITION}, version 1.0")


def test_cite_box_is_under_the_title_and_accessible(site: Path) -> None:
    for docname in (ARTICLE_1, ARTICLE_2, "annotations/person/xian-xinghai"):
        text = page(site, docname)
        assert text.count('<details class="edition-cite"') == 1
        details = lxml.html.fromstring(text).get_element_by_id("cite-this")
        assert details.getprevious().tag == "h1" and details.getparent().tag == "section"  # under the title
        cite_box = box(text)
        assert '<summary class="edition-cite-summary">Cite this page</summary>' in cite_box
        assert cite_box.count('<button type="button" class="edition-cite-copy"') == cite_box.count("<dt>")
        assert 'aria-label="Copy the Chicago (note) citation"' in cite_box
        assert "_static/cite.js" in text and "_static/cite.css" in text
    assert '<details class="edition-cite"' not in page(site, "index")


def test_paragraph_citation(site: Path) -> None:
    cites = paragraph_cites(page(site, ARTICLE_1))
    assert sorted(cites, key=int) == [str(n) for n in range(1, len(cites) + 1)]
    fourth = cites["4"]
    assert "para. 4, articles/tengrinews-2015-over-the-city.html#p-4." in plain(fourth["chicago-note"])
    assert plain(fourth["chicago-note"]).startswith("Gyuzel Kamalova, “Emir Baigazin to Confess")
    assert fourth["mla"] == "(Kamalova, par. 4)"
    assert fourth["apa"] == "(Kamalova, 2015/2026, para. 4)"
    assert paragraph_cites(page(site, ARTICLE_2))["4"]["mla"] == f"({EDITORS}, par. 4)"
    assert "edition-cite-paragraphs" not in page(site, "annotations/person/xian-xinghai")


def test_downloads_exist_and_parse(site: Path) -> None:
    for docname in (ARTICLE_1, ARTICLE_2, "annotations/person/xian-xinghai"):
        text = page(site, docname)
        hrefs = re.findall(r'<a class="edition-cite-download" href="([^"]+)"', text)
        assert [h.rsplit(".", 1)[1] for h in hrefs] == ["bib", "ris", "json"]
        files = [(site / docname).parent / h for h in hrefs]
        assert all(f.is_file() for f in files), hrefs
        bib, ris, csl = (f.read_bytes().decode("utf-8") for f in files)
        (record,) = json.loads(csl)
        assert record["id"] == docname.replace("/", "-")
        assert record["URL"] == f"{docname}.html"
        assert re.search(r"^@incollection\{" + re.escape(record["id"]) + ",$", bib, re.M)
        assert "  title = {{" + record["title"] + "}}," in bib
        assert ris.startswith("TY  - ") and ris.endswith("ER  - \r\n")
        assert f"TI  - {record['title']}\r\n" in ris
    (first,) = json.loads((site / "_downloads/cite/articles-tengrinews-2015-over-the-city.json").read_text())
    assert first["type"] == "chapter" and first["title"] == HEADLINES[ARTICLE_1]
    assert first["author"] == [{"family": "Kamalova", "given": "Gyuzel"}]
    assert first["editor"] == [{"literal": EDITORS}]
    assert first["container-title"] == EDITION and first["version"] == "1.0"
    assert first["issued"] == {"date-parts": [[2026, 11, 21]]}
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
            assert box(a) == box(b), relative
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
            assert "para. 4" in tab.locator("#cite-chicago-note").inner_text()
            intext = tab.locator('[data-style="mla"] .edition-cite-intext').inner_text()
            assert intext == "In the text: (Kamalova, par. 4)"
            tab.locator(".edition-cite-whole").click()
            assert "para. 4" not in tab.locator("#cite-chicago-note").inner_text()
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
    assert plain(cited(text, "chicago-bibliography")) == (
        "Doe, Jane. “A Report on a Film & Its Maker.” In A Test Edition of One Report, version 2.0, edited by "
        f"The editors of the Test Edition. Example News, 2020. Reprint, 2026. {url}."
    )
    assert "Film &amp; Its Maker" in cited(text, "chicago-bibliography")  # the processor's text is escaped
    assert f"para. 2, {url}#p-2." in plain(paragraph_cites(text)["2"]["chicago-note"])
    (record,) = json.loads((out / "_downloads" / "cite" / "articles-report.json").read_text(encoding="utf-8"))
    assert record["URL"] == url
    bib = (out / "_downloads" / "cite" / "articles-report.bib").read_text(encoding="utf-8")
    assert "  title = {{A report on a film \\& its maker}}," in bib


# --- the pure functions -------------------------------------------------------------------------------------------


def test_release_date_follows_source_date_epoch() -> None:
    assert citation.release_date({"SOURCE_DATE_EPOCH": EPOCH}) == dt.date(2026, 11, 21)
    assert citation.release_date({}) == dt.datetime.now(tz=dt.UTC).date()


def test_dates_publishers_and_urls() -> None:
    assert citation.date_parts("2015-09-29") == {"date-parts": [[2015, 9, 29]]}
    assert citation.date_parts("2016-02") == {"date-parts": [[2016, 2]]}
    assert citation.date_parts("2018?") == {"date-parts": [[2018]], "circa": True}
    assert citation.date_parts("about 2018") is None
    assert citation.publisher_name("Qazaq TV (English site), culture section") == "Qazaq TV"
    assert citation.publisher_name("Tengrinews (English edition)") == "Tengrinews"
    assert citation.page_url("", "articles/a.html") == "articles/a.html"
    assert citation.page_url("https://x.example/ed/", "articles/a.html") == "https://x.example/ed/articles/a.html"


def _edition() -> citation.Edition:
    return citation.Edition("An Edition", "The editors", "1.0", "en", dt.date(2026, 11, 21), base_url="https://x.example/")


def test_uncertain_original_date_is_marked_by_the_style() -> None:
    source = citation.Source("k", "A headline", publisher="A Site", date="2018?")
    record = citation.article_record(_edition(), "a", "https://x.example/a.html", "A headline", source)
    assert record["original-date"] == {"date-parts": [[2018]], "circa": True}
    assert "A Site, [2018?]. Reprint, 2026." in csl.format_citation(record, "chicago-notes-bibliography",
                                                                    "bibliography")


def test_register_entry_record_and_data_formats() -> None:
    entity = Entity("x-y", "person", "Xi & Yu", "A gloss of ten characters.", ("s",), authority={"wikidata": "Q1"})
    record = citation.entity_record(_edition(), "annotations-person-x-y", "https://x.example/p.html", entity)
    assert record["type"] == "entry-encyclopedia" and record["title"] == "Xi & Yu"
    bib = citation.bibtex(record)
    assert "  title = {{Xi \\& Yu}}," in bib and "  editor = {{The editors}}," in bib
    assert citation.ris(record).startswith("TY  - ENCYC\r\nTI  - Xi & Yu\r\n")
    assert json.loads(citation.csl_json(record)) == [record]
    page = citation.PageCitation("annotations/person/x-y", "entity", record, "https://x.example/p.html", entity=entity)
    data = cite.json_ld(page, _edition())
    assert data["about"] == {"@type": "Person", "name": "Xi & Yu", "sameAs": ["https://www.wikidata.org/wiki/Q1"]}
    head = cite.metadata_html(page, _edition())
    assert '<meta name="citation_title" content="Xi &amp; Yu" />' in head
    assert "Xi & Yu" not in head.split("application/ld+json")[1]  # "&" escaped inside the script, too


def test_punctuation_moves_inside_double_quotation_marks_only() -> None:
    assert csl.punctuation_in_quote("“A Title”. In") == "“A Title.” In"
    assert csl.punctuation_in_quote("“A Title”, in") == "“A Title,” in"
    assert csl.punctuation_in_quote("the editors’. Next") == "the editors’. Next"
