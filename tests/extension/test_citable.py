"""Every address a reader copies resolves, and names who made the edition (issue 25, part 1).

A copy of the small root ``test-cite`` declares in its profile a named editor with an ORCID iD (ORCID's own
example record, Josiah Carberry) beside the collective name, and in conf.py a fixed edition date. Built with and without
``html_baseurl``: every citation format, download, the TEI header, the title page and the colophon name
the same editors (the colophon and both books' versos in the same words, a person with and one without an ORCID
iD); with a base URL every address is absolute and resolves to a file and an anchor of the
build; without one no address appears at all; and the HTML does not depend on SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from citeproc.source.json import CiteProcJSON
from helpers import sphinx_build, sphinx_build_forked
from lxml import etree
from pybtex.database import parse_string

from critical_edition import profile
from critical_edition.core import citation

CITE_ROOT = Path(__file__).parent.parent / "roots" / "test-cite"
BASE = "https://edition.example/test/"
EDITOR = "Josiah Carberry"
ORCID = "0000-0002-1825-0097"  # ORCID's documented example iD, with a valid check digit
COLLECTIVE = "The editors of the Test Edition"
SECOND = "Aigerim O'Neil"  # a person without an ORCID iD, typed with a straight apostrophe
CREDITED = f"{EDITOR} (editor, ORCID https://orcid.org/{ORCID}); Aigerim O’Neil (encoder)"
"""The persons' credit, word for word: the colophon, the PDF's verso and the EPUB's say it alike (curled as prose)."""
DATE = "2025-03-14"
PROFILE = f"""editors:
  - {{name: {EDITOR}, family: Carberry, role: editor, orcid: "{ORCID}"}}
  - {{name: {COLLECTIVE}, role: editor, collective: true}}
"""
SETTINGS = f"""
edition_date = "{DATE}"
html_last_updated_fmt = "%d %B %Y"
"""
COLOPHON = "---\norphan: true\n---\n\n# Colophon\n\n```{edition-editors}\n```\n"
TEI = "{http://www.tei-c.org/ns/1.0}"


def edition_copy(folder: Path, settings: str = SETTINGS, declared: str = PROFILE) -> Path:
    """A copy of the small root with more settings, a profile that names the editors and a colophon page."""
    source = folder / "src"
    shutil.copytree(CITE_ROOT, source)
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(settings)
    (source / "edition-profile.yaml").write_text(declared, encoding="utf-8")
    (source / "colophon.md").write_text(COLOPHON, encoding="utf-8")
    return source


def build(source: Path, out: Path, *options: str, epoch: str = "1672531200") -> str:
    """Build with -W; what it printed on stderr."""
    result, _ = sphinx_build_forked(*options, "-W", "-q", source, out, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def addressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy built with its base URL."""
    folder = tmp_path_factory.mktemp("addressed")
    build(edition_copy(folder), folder / "html", "-b", "html")
    return folder / "html"


@pytest.fixture(scope="module")
def unaddressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The copy built without a base URL, and with another SOURCE_DATE_EPOCH."""
    folder = tmp_path_factory.mktemp("unaddressed")
    build(edition_copy(folder), folder / "html", "-b", "html", "-D", "html_baseurl=", epoch="1795219200")
    return folder / "html"


def downloads(site: Path, name: str = "articles-report") -> dict[str, str]:
    return {ext: (site / "_downloads" / "cite" / f"{name}.{ext}").read_bytes().decode("utf-8")
            for ext in ("bib", "ris", "json")}  # fmt: skip (bytes: RIS lines end in CRLF)


def ris_fields(text: str) -> list[tuple[str, str]]:
    """An RIS record's fields, every line checked against the format's rule: 'XX  - value', CRLF."""
    lines = text.split("\r\n")
    assert lines[-1] == "", "an RIS record ends with a line break"
    fields = []
    for line in lines[:-1]:
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"not an RIS line: {line!r}"
        fields.append((match.group(1), match.group(2)))
    assert fields[0][0] == "TY" and fields[-1] == ("ER", "")
    return fields


def cite_box(site: Path, docname: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / f"{docname}.html")).getroot().get_element_by_id("cite-this")


# --- the core: editors and the date ---------------------------------------------------------------------------


def test_orcid_check_digit() -> None:
    assert profile.orcid_is_valid(ORCID)
    assert profile.orcid_is_valid("0000-0002-9079-593X")  # X as check character
    assert not profile.orcid_is_valid("0000-0002-1825-0098")  # one digit wrong
    assert not profile.orcid_is_valid("https://orcid.org/" + ORCID)  # the URL is not the iD


def test_editors_of_the_profile() -> None:
    assert citation.editors_of(profile.default_profile(), "The editors") == (
        citation.Editor("The editors", collective=True),)  # fmt: skip
    declared, problems = profile.profile_from_text(f"editors:\n  - {{name: {EDITOR}, orcid: '{ORCID}', family: Carberry}}\n")
    found = citation.editors_of(declared, "")
    assert found == (citation.Editor(EDITOR, "editor", ORCID, family="Carberry"),) and not problems
    assert found[0].csl_name == {"given": "Josiah", "family": "Carberry"}
    assert citation.Editor("Xian Xinghai").csl_name == {"literal": "Xian Xinghai"}  # no family declared: as written
    wrong = "editors:\n  - {name: X, orcid: '1234'}\n  - {role: editor}\n  - Y\n"
    _, problems = profile.profile_from_text(wrong)
    assert [p.line for p in problems] == [2, 3, 4] and "'1234' is not an ORCID iD" in problems[0].message
    _, problems = profile.profile_from_text("editors:\n  - {name: A B, family: C}\n")
    assert [(p.line, p.message) for p in problems] == [(2, "editors.0.family: 'family' must be the last word(s) of the name")]
    _, problems = profile.profile_from_text("editors: A. Person\n")
    assert problems[0].line == 1 and "editors" in problems[0].message


def test_a_credit_gives_a_person_role_and_orcid_and_a_collective_its_name() -> None:
    part, url = citation.CreditPart, f"https://orcid.org/{ORCID}"
    found = citation.credits([citation.Editor(SECOND, "encoder"), citation.Editor(EDITOR, orcid=ORCID),
                              citation.Editor(COLLECTIVE, "editor", collective=True)])  # fmt: skip
    assert found == (part(f"{SECOND} (encoder); {EDITOR} (editor, ORCID "), part(url, url), part(f"); {COLLECTIVE}."))
    assert citation.credits([citation.Editor(COLLECTIVE, collective=True)]) == (part(f"{COLLECTIVE}."),)


def test_edition_date_never_from_the_environment_when_configured_or_committed() -> None:
    epoch = {"SOURCE_DATE_EPOCH": "1672531200"}  # 2023-01-01
    assert citation.edition_date("2025-03-14", "2026-12-06", epoch)[0].isoformat() == "2025-03-14"
    assert citation.edition_date("", "2026-12-06", epoch) == (citation.dt.date(2026, 12, 6), "last commit")
    assert citation.edition_date("", "", epoch) == (citation.dt.date(2023, 1, 1), "SOURCE_DATE_EPOCH")
    with pytest.raises(ValueError):
        citation.edition_date("14 March 2025", "", epoch)


def test_without_a_base_url_a_record_has_no_address() -> None:
    edition = citation.Edition("E", (citation.Editor("The editors", collective=True),), "1.0", "en",
                               citation.dt.date(2025, 3, 14))  # fmt: skip
    record = citation.page_record(edition, "p", citation.page_url("", "p.html"), "P")
    assert "URL" not in record and "URL" not in citation.with_locator(record, "4")
    assert "url" not in citation.bibtex(record) and "UR  -" not in citation.ris(record)


# --- a named editor with an ORCID iD, everywhere ---------------------------------------------------------------


def test_downloads_name_the_editors_and_parse(addressed: Path) -> None:
    files = downloads(addressed)
    entry = parse_string(files["bib"], "bibtex").entries["articles-report"]
    assert [str(p) for p in entry.persons["editor"]] == [f"Carberry, {EDITOR.split()[0]}", "{" + COLLECTIVE + "}"]
    assert entry.fields["url"] == BASE + "articles/report.html"
    assert entry.fields["date"] == DATE
    ris = ris_fields(files["ris"])
    assert [v for k, v in ris if k == "A2"] == ["Carberry, Josiah", COLLECTIVE]
    assert ("UR", BASE + "articles/report.html") in ris and ("DA", "2025/03/14/") in ris
    (item,) = json.loads(files["json"])
    assert "articles-report" in CiteProcJSON([item])  # the CSL processor reads it
    assert item["editor"] == [{"given": "Josiah", "family": "Carberry"}, {"literal": COLLECTIVE}]
    assert item["URL"] == BASE + "articles/report.html"


def test_cite_box_and_page_metadata_name_the_editors(addressed: Path) -> None:
    box = cite_box(addressed, "articles/report")
    chicago = box.get_element_by_id("cite-chicago-bibliography").text_content()
    assert f"edited by {EDITOR} and the editors of the Test Edition" in chicago
    head = lxml.html.parse(str(addressed / "articles/report.html")).getroot()
    contributors = [m.get("content") for m in head.iterfind(".//meta[@name='DC.contributor']")]
    assert contributors == [EDITOR, COLLECTIVE]
    ld = json.loads(head.find(".//script[@type='application/ld+json']").text)
    assert ld["editor"][0] == {"@type": "Person", "name": EDITOR, "@id": f"https://orcid.org/{ORCID}",
                               "sameAs": f"https://orcid.org/{ORCID}"}  # fmt: skip
    assert ld["editor"][1] == {"@type": "Organization", "name": COLLECTIVE}


def test_tei_header_names_the_editors_with_their_roles_and_orcid(addressed: Path) -> None:
    tei = etree.parse(str(addressed / "_downloads/tei/report.xml"))
    title_stmt = tei.find(f".//{TEI}titleStmt")
    editors = title_stmt.findall(f"{TEI}editor")
    assert [(e.text, e.get("role"), e.get("ref")) for e in editors] == [
        (EDITOR, "editor", f"https://orcid.org/{ORCID}"), (COLLECTIVE, "editor", None)]  # fmt: skip
    resp = title_stmt.find(f"{TEI}respStmt")
    assert resp.get("{http://www.w3.org/XML/1998/namespace}id") == "editors"
    assert [(n.tag, n.text) for n in resp[1:]] == [(f"{TEI}persName", EDITOR), (f"{TEI}orgName", COLLECTIVE)]
    assert tei.find(f".//{TEI}publicationStmt/{TEI}idno[@type='URL']").text == BASE + "articles/report.html"
    assert tei.find(f".//{TEI}publicationStmt/{TEI}date").get("when") == DATE


def test_colophon_names_the_editors(addressed: Path) -> None:
    text = lxml.html.parse(str(addressed / "colophon.html")).getroot().find_class("edition-editors")[0]
    assert " ".join(text.text_content().split()) == (
        f"{EDITOR} (editor, ORCID https://orcid.org/{ORCID}); {COLLECTIVE}.")
    assert text.find(".//a").get("href") == f"https://orcid.org/{ORCID}"


def test_title_page_names_the_editors_and_the_date(tmp_path: Path) -> None:
    build(edition_copy(tmp_path), tmp_path / "latex", "-b", "latex")
    tex = next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
    title_page = tex[tex.index(r"\begin{titlepage}") : tex.index(r"\end{titlepage}")]
    assert f"{EDITOR} and {COLLECTIVE}" in title_page and "2025" in title_page
    assert f"pdfauthor={{{EDITOR} and {COLLECTIVE}}}" in tex
    orcid = rf"\sphinxhref{{https://orcid.org/{ORCID}}}{{\mbox{{https://orcid.}}\allowbreak{{}}\mbox{{org/}}"
    assert rf"Edited by {EDITOR} (editor, ORCID {orcid}" in tex
    assert r"\date{Mar 14, 2025}" in tex  # Sphinx's today, in its default format: the edition's date


def test_the_title_page_escapes_what_tex_reads_as_commands_in_a_fresh_process(tmp_path: Path) -> None:
    # the title pages are made when the configuration is read, before the LaTeX builder prepares Sphinx's
    # escaping: a title with "&" or "_" once reached TeX as it stood (a PDF that cannot be made), unless a LaTeX
    # build had run before in the same process
    source = edition_copy(tmp_path, SETTINGS + 'project = "Smith & Jones_1: 100% – a test"\n')
    result = sphinx_build("-b", "latex", "-W", "-q", source, tmp_path / "latex")  # a process of its own
    assert result.returncode == 0, result.stderr
    tex = next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
    assert r"Smith \& Jones\_1: 100\% \textendash{} a test. Release" in tex  # the verso, set by TeX
    assert r"pdftitle={Smith \& Jones\_1: 100\% – a test}" in tex  # the PDF's metadata: signs escaped, no commands


def _words_and_links(element: etree._Element) -> tuple[str, list[tuple[str, str]]]:
    """(X)HTML as read: its words, and each link's address with its shown words."""
    return "".join(element.itertext()), [(a.get("href"), "".join(a.itertext())) for a in element.iter("{*}a")]


def _latex_words_and_links(tex: str) -> tuple[str, list[tuple[str, str]]]:
    """LaTeX as read: an address's breaks and boxes dropped, Sphinx's hyphen a hyphen, a link its shown words."""
    tex = tex.replace(r"\allowbreak{}", "").replace(r"\sphinxhyphen{}", "-")
    tex = re.sub(r"\\mbox\{([^{}]*)\}", r"\1", tex)
    link = re.compile(r"\\sphinxhref\{([^{}]*)\}\{([^{}]*)\}")
    return link.sub(r"\2", tex), link.findall(tex)


def test_the_colophon_and_both_books_credit_a_person_with_and_without_an_orcid_alike(tmp_path: Path) -> None:
    declared = PROFILE.replace("  - {name: The", f"  - {{name: {SECOND}, role: encoder}}\n  - {{name: The")
    source = edition_copy(tmp_path, declared=declared)
    for builder in ("html", "latex", "epub"):
        build(source, tmp_path / builder, "-b", builder, "-D", "version=0.1", "-D", "epub_copyright=2025")
    orcid = [(f"https://orcid.org/{ORCID}", f"https://orcid.org/{ORCID}")]
    colophon = lxml.html.parse(str(tmp_path / "html/colophon.html")).getroot().find_class("edition-editors")[0]
    assert _words_and_links(colophon) == (f"{CREDITED}; {COLLECTIVE}.", orcid)
    verso = etree.parse(str(tmp_path / "epub/edition-title-page.xhtml")).getroot()
    (paragraph,) = [p for p in verso.iter("{*}p") if (p.text or "").startswith("Edited by")]
    assert _words_and_links(paragraph) == (f"Edited by {CREDITED}.", orcid)
    tex = next((tmp_path / "latex").glob("*.tex")).read_text(encoding="utf-8")
    (line,) = [line for line in tex.splitlines() if line.startswith("Edited by")]
    assert _latex_words_and_links(line.removesuffix(r"\par\medskip")) == (f"Edited by {CREDITED}.", orcid)


# --- addresses: absolute and resolving, or none ----------------------------------------------------------------


def test_with_a_base_url_every_address_resolves(addressed: Path) -> None:
    for docname in ("articles/report", "annotations/person/ann-smith"):
        html = (addressed / f"{docname}.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{BASE}{docname}.html" />' in html
        box = lxml.html.tostring(cite_box(addressed, docname), encoding="unicode")
        found = [a.rstrip(".,}") for a in re.findall(r"https?://[^\s\"<>&\\]+", box)]
        addresses = [a for a in found if not a.startswith("https://news.example/")]  # but the source's own
        assert len(addresses) > 4, docname  # the styles' and the paragraphs' (a JSON block) addresses
        for address in addresses:
            assert address.startswith(BASE), address
            parts = urlsplit(address)
            target = addressed / parts.path.removeprefix(urlsplit(BASE).path)
            assert target.is_file(), address
            if parts.fragment:
                assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), address


def test_without_a_base_url_no_address_appears(unaddressed: Path) -> None:
    for docname in ("articles/report", "annotations/person/ann-smith"):
        html = (unaddressed / f"{docname}.html").read_text(encoding="utf-8")
        assert 'rel="canonical"' not in html
        box = cite_box(unaddressed, docname)
        assert box.get("data-address") == "none"
        text = box.text_content() + "".join(box.xpath(".//script/text()"))
        assert not re.search(r"\.html|file:|localhost|edition\.example", text), docname
        assert "has not declared a permanent address" in box.find_class("edition-cite-address")[0].text_content()
        name = docname.replace("/", "-")
        files = downloads(unaddressed, name)
        assert "url" not in parse_string(files["bib"], "bibtex").entries[name].fields
        assert "UR" not in dict(ris_fields(files["ris"]))
        assert "URL" not in json.loads(files["json"])[0]


def test_the_html_does_not_depend_on_the_build_date(addressed: Path, unaddressed: Path, tmp_path: Path) -> None:
    """Built again with another SOURCE_DATE_EPOCH, the pages are byte-identical; every date is the edition's."""
    again = tmp_path / "html"
    build(edition_copy(tmp_path), again, "-b", "html", epoch="1795219200")
    for page in addressed.rglob("*.html"):
        assert page.read_bytes() == (again / page.relative_to(addressed)).read_bytes(), page
    report = (addressed / "articles/report.html").read_text(encoding="utf-8")
    assert "2025-03-14" in report and "2023" not in report and "2026" not in report


def test_a_bad_declaration_is_reported_at_its_line(tmp_path: Path) -> None:
    bad = '\nedition_editors = [{"name": "X"}]\nedition_date = "14 March 2025"\n'
    source = edition_copy(tmp_path, bad, "# the editors\neditors:\n  - {name: X, orcid: '1234'}\n")
    lines = (source / "conf.py").read_text(encoding="utf-8").splitlines()
    result, _ = sphinx_build_forked("-b", "dummy", "-q", source, tmp_path / "out")
    assert "Traceback" not in result.stderr
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("edition_date"))
    assert f"conf.py:{line}: WARNING: edition_date: '14 March 2025' is not a day in ISO 8601" in result.stderr
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("edition_editors"))  # retired: the profile's
    assert f"conf.py:{line}: WARNING: edition_editors is no longer read" in result.stderr, result.stderr
    assert "edition-profile.yaml:3: WARNING: editors.0.orcid: '1234' is not an ORCID iD" in result.stderr
    assert "[edition.config]" in result.stderr and "[edition.profile]" in result.stderr
