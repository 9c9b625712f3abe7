"""The TEI P5 export of the real edition: valid against tei_all.rng, complete, faithful to the witness,
deterministic, linked (a small project and the pieces: tests/extension/test_tei.py)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from helpers import assert_valid, edited_texts, sphinx_build
from lxml import etree

from critical_edition.core.witness import Block, compare

ROOT = Path(__file__).parents[2]
TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ARTICLES = {text.slug: text.witness for text in edited_texts()}  # every text of the edition, and its witness


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory, edition_html: Path) -> dict[str, Path]:
    """Two independent builds of the real edition: the `tei` builder, and HTML (which writes the files too; the
    run's shared build, made as CI makes it)."""
    out = tmp_path_factory.mktemp("tei")
    tei = sphinx_build("-b", "tei", "-W", "--keep-going", "-n", "-q", "-d", out / "d1", ROOT, out / "tei")
    assert tei.returncode == 0 and not tei.stderr, tei.stderr
    return {"tei": out / "tei", "html": edition_html}


@pytest.fixture(scope="module")
def docs(builds: dict[str, Path]) -> dict[str, etree._ElementTree]:
    """The TEI file of each article, parsed."""
    return {name: etree.parse(str(builds["tei"] / f"{name}.xml")) for name in ARTICLES}


def source_text(element: etree._Element) -> str:
    """What the source printed: sic and surplus readings, no corr, supplied text or notes."""
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname
        if name == "lb":
            parts.append("\n")
        elif name not in ("note", "supplied", "corr"):
            parts.append(source_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# --- the files and their validity ------------------------------------------------------------------


def test_one_file_per_article(builds: dict[str, Path]) -> None:
    assert sorted(p.name for p in builds["tei"].glob("*.xml")) == sorted(f"{n}.xml" for n in ARTICLES)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_every_file_is_valid_tei_all(schema: etree.RelaxNG, docs: dict[str, etree._ElementTree], name: str) -> None:
    assert_valid(schema, docs[name])


def test_the_validator_rejects_an_element_tei_does_not_have(
    schema: etree.RelaxNG, docs: dict[str, etree._ElementTree]
) -> None:
    doc = etree.ElementTree(etree.fromstring(etree.tostring(docs["qazaqtv-2018-composer"])))
    paragraph = doc.find(".//t:body//t:p", NS)
    assert paragraph is not None and schema.validate(doc)
    etree.SubElement(paragraph, f"{{{TEI}}}bogus").text = "not TEI"
    assert not schema.validate(doc)
    assert "bogus" in str(schema.error_log)


def test_every_pointer_leads_to_an_element_of_the_same_file(docs: dict[str, etree._ElementTree]) -> None:
    for name, doc in docs.items():
        ids = set(doc.xpath("//@xml:id"))
        pointers = {
            p
            for value in doc.xpath("//@ref | //@target | //@source | //@active | //@passive | //@resp")
            for p in value.split()
            if p.startswith("#")
        }
        assert pointers, name
        assert {p[1:] for p in pointers} - ids == set(), name


# --- the text ------------------------------------------------------------------------------------------


def test_paragraphs_carry_the_numbers_and_anchors_of_the_html_page(
    builds: dict[str, Path], docs: dict[str, etree._ElementTree]
) -> None:
    for name, doc in docs.items():
        numbered = doc.xpath("//t:body//*[@n and starts-with(@xml:id, 'p-')]", namespaces=NS)
        assert [e.get("n") for e in numbered] == [str(i) for i in range(1, len(numbered) + 1)]
        assert all(e.get(XML_ID) == f"p-{e.get('n')}" for e in numbered)
        page = (builds["html"] / "articles" / f"{name}.html").read_text(encoding="utf-8")
        assert [e.get(XML_ID) for e in numbered] == re.findall(r'<p class="edition-para" id="(p-\d+)"', page)
    tengrinews = docs["tengrinews-2015-over-the-city"]
    # the date line printed above the headline keeps its number: TEI wants head before the paragraphs
    assert tengrinews.findtext(".//t:div/t:dateline[@n='1']", namespaces=NS) == "29 September 2015 | 19:40"
    head = tengrinews.find(".//t:div/t:head", namespaces=NS)
    assert "".join(head.itertext()).startswith("Emir Baigazin to confess his love")  # its names are marked


def test_mentions_are_typed_names_pointing_to_the_register(docs: dict[str, etree._ElementTree]) -> None:
    composer = docs["qazaqtv-2018-composer"]
    assert composer.xpath("//t:body//t:persName[@ref='#xian-xinghai']", namespaces=NS)
    assert composer.xpath("//t:body//t:placeName[@ref='#almaty']", namespaces=NS)
    assert composer.xpath("//t:body//t:orgName[@ref='#ministry-of-culture-and-sport']", namespaces=NS)
    assert composer.xpath("//t:body//t:title[@ref='#composer-film']", namespaces=NS)
    assert composer.xpath("//t:body//t:name[@type='event'][@ref='#second-world-war']", namespaces=NS)


def test_corrections_keep_the_source_reading(docs: dict[str, etree._ElementTree]) -> None:
    doc = docs["tengrinews-2015-over-the-city"]
    [name] = doc.xpath("//t:persName[@ref='#emir-baigazin'][t:choice]", namespaces=NS)
    assert name.findtext("t:choice/t:sic", namespaces=NS) == "Emir Baigazain"
    assert name.findtext("t:choice/t:corr", namespaces=NS) == "Emir Baigazin"
    assert name.find("t:choice/t:corr", NS).get("type") == "misspelt-name"
    [typo] = doc.xpath("//t:choice[t:sic='brining']", namespaces=NS)
    assert typo.find("t:corr", NS).text == "bringing" and typo.find("t:corr", NS).get("type") == "typographical-error"
    composer = docs["qazaqtv-2018-composer"]
    assert composer.xpath("//t:sic[.='know']/following-sibling::t:note[1][@type='sic']/text()", namespaces=NS) == [
        "verb form"
    ]


def test_omitted_passages_are_kept_with_their_reason(docs: dict[str, etree._ElementTree]) -> None:
    doc = docs["tengrinews-2015-over-the-city"]
    surplus = doc.xpath("//t:ab[@type='omitted']/t:surplus", namespaces=NS)
    assert {s.get("reason") for s in surplus} == {"interface", "caption", "duplicate", "read-also", "furniture"}
    [read_also] = [s for s in surplus if s.get("reason") == "read-also"]
    assert source_text(read_also).splitlines()[:2] == ["Читайте также", "Join Telegram"]
    assert len(read_also.findall("t:lb", NS)) == 7


def test_supplied_text_has_its_certainty_and_evidence(docs: dict[str, etree._ElementTree]) -> None:
    doc = docs["qazaqtv-2018-composer"]
    supplied = doc.xpath("//t:supplied", namespaces=NS)
    assert [s.get("cert") for s in supplied] == ["medium", "unknown", "unknown", "unknown"]
    first = supplied[0]
    assert first.get("source") == "#bib-xinhua2019baikadamova" and first.get("evidence") == "external"
    assert first.find("t:persName", NS).get("ref") == "#baldyrgan-baikadamova"
    assert doc.xpath("//t:listBibl[@type='sources']/t:bibl[@xml:id='bib-xinhua2019baikadamova']", namespaces=NS)


def test_notes_sit_where_their_marks_are(docs: dict[str, etree._ElementTree]) -> None:
    doc = docs["qazaqtv-2018-composer"]
    # glosses are not notes in the text (edition_gloss_notes = "marked", and no entry asks for one):
    # the mention points to its entry in the standOff, which carries the gloss
    assert not doc.xpath("//t:body//t:note[@type='gloss']", namespaces=NS)
    assert doc.xpath("//t:p[@n='1']/t:persName[@ref='#xian-xinghai']", namespaces=NS)
    [gloss] = doc.xpath("//t:standOff//t:person[@xml:id='xian-xinghai']/t:note[@type='gloss']", namespaces=NS)
    assert "Chinese composer" in "".join(gloss.itertext())
    [critical] = doc.xpath("//t:p[@n='2']/t:note[@type='critical'][contains(., 'November 1942')]", namespaces=NS)
    cites = critical.xpath("t:ref[@type='cite']/@target", namespaces=NS)
    assert "#bib-xinhua2021xian #bib-kazpravda-syansinhay" in cites


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_the_witness_can_be_read_back_from_the_file(docs: dict[str, etree._ElementTree], name: str) -> None:
    blocks = [
        Block(etree.QName(e).localname, (source_text(e),)) for e in docs[name].xpath("//t:body/t:div/*", namespaces=NS)
    ]
    witness = (ROOT / ARTICLES[name]).read_text(encoding="utf-8")
    assert compare(witness, blocks, name) is None, compare(witness, blocks, name)


# --- header and standOff -------------------------------------------------------------------------------


def test_header_states_edition_licence_and_witness(docs: dict[str, etree._ElementTree]) -> None:
    doc = docs["tengrinews-2015-over-the-city"]
    header = doc.find("t:teiHeader", NS)
    assert header.findtext(".//t:titleStmt/t:editor", namespaces=NS) == "The editors of the Kazakh Cinema Edition"
    assert header.find(".//t:editionStmt/t:edition", NS).get("n") == "1.0"
    assert (
        header.find(".//t:availability/t:licence", NS).get("target") == "https://creativecommons.org/licenses/by/4.0/"
    )
    assert "remains the property of its publisher, Tengrinews" in "".join(
        header.find(".//t:availability", NS).itertext()
    )
    witness = header.find(".//t:sourceDesc/t:bibl", NS)
    assert witness.get(XML_ID) == "bib-kamalova2015tengrinews"
    assert witness.findtext("t:author", namespaces=NS) == "Gyuzel Kamalova"
    assert witness.find("t:date", NS).get("when") == "2015-09-29"
    assert witness.find("t:ptr", NS).get("target") == "https://en.tengrinews.kz/news/262323"
    composer = docs["qazaqtv-2018-composer"].find(".//t:sourceDesc/t:bibl", NS)
    assert composer.get(XML_ID) == "bib-qazaqtv-composer" and composer.find("t:author", NS) is None


def test_standoff_lists_every_entity_with_names_dates_and_authority_ids(docs: dict[str, etree._ElementTree]) -> None:
    doc = docs["tengrinews-2015-over-the-city"]
    stand_off = doc.find("t:standOff", NS)
    lists = [etree.QName(e).localname + (f"[{e.get('type')}]" if e.get("type") else "") for e in stand_off]
    assert lists == [
        "listPerson",
        "listPlace",
        "listBibl[works]",
        "listOrg",
        "listEvent",
        "listRelation",
        "listBibl[sources]",
    ]
    [angel] = stand_off.xpath("t:listBibl[@type='works']/t:bibl[@xml:id='the-wounded-angel']", namespaces=NS)
    assert angel.findtext("t:idno[@type='imdb']", namespaces=NS) == "https://www.imdb.com/title/tt4729794/"
    assert angel.xpath("t:title[@xml:lang='ru']/text()", namespaces=NS) == ["Раненый ангел"]
    assert angel.find("t:date[@type='premiere']", NS).get("when") == "2016-02"
    composer = docs["qazaqtv-2018-composer"].find("t:standOff", NS)
    [xian] = composer.xpath("t:listPerson/t:person[@xml:id='xian-xinghai']", namespaces=NS)
    assert xian.xpath("t:persName[@xml:lang='zh-Hans'][@type='native']/text()", namespaces=NS) == ["冼星海"]
    assert xian.find("t:birth", NS).get("when") == "1905-06-13"
    assert composer.xpath(
        "t:listRelation/t:relation[@name='about'][@active='#composer-film'][@passive='#xian-xinghai']", namespaces=NS
    )
    [berlinale] = stand_off.xpath("t:listEvent/t:event[@xml:id='berlinale-2013']", namespaces=NS)
    assert (
        berlinale.get("when") == "2013-02"
        and berlinale.findtext("t:label[@type='preferred']", namespaces=NS) == "Berlinale 2013"
    )
    [trilogy] = stand_off.xpath("t:listBibl/t:bibl[@xml:id='teen-trilogy']/t:date", namespaces=NS)
    assert (trilogy.text, trilogy.get("notBefore"), trilogy.get("notAfter")) == (
        "2013/2018",
        "2013-01-01",
        "2018-12-31",
    )


# --- determinism and the HTML pages ---------------------------------------------------------------------


def test_two_builds_write_byte_identical_files(builds: dict[str, Path]) -> None:
    for name in ARTICLES:
        tei = (builds["tei"] / f"{name}.xml").read_bytes()
        assert tei.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"')
        assert tei == (builds["html"] / "_downloads" / "tei" / f"{name}.xml").read_bytes()


def test_each_article_page_links_to_its_tei_file(builds: dict[str, Path]) -> None:
    html = builds["html"]
    for name in ARTICLES:
        page = html / "articles" / f"{name}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        [link] = soup.select("p.edition-downloads a")
        assert link.get_text() == "TEI XML"
        href = str(link["href"])
        assert not re.match(r"[a-z]+:", href) and not href.startswith("/")  # relative: works from file://
        target = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
        assert target == html / "_downloads" / "tei" / f"{name}.xml"
        assert target.read_bytes() == (builds["tei"] / f"{name}.xml").read_bytes()
    assert "_downloads/tei/" not in (html / "index.html").read_text(encoding="utf-8")  # only article pages
