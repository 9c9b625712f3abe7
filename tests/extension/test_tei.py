"""The TEI P5 export on small projects (an omission before the headline, the witness's source from conf.py; blocks
an opener cannot hold, notes of more than a paragraph, a picture) and its pieces (the real edition's TEI:
tests/edition/test_tei.py)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.utils import new_document
from helpers import assert_valid, record_witness_digests, sphinx_build
from lxml import etree
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from critical_edition.core.dates import date_attributes
from critical_edition.core.register import Register
from critical_edition.sphinx import markup, writers
from critical_edition.sphinx.editorial.sic import Sic, sic
from critical_edition.sphinx.tei import indent, token, translator, xml_id
from critical_edition.sphinx.tei.standoff import Cited
from critical_edition.sphinx.tei.translator import TEITranslator, arranged

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


# --- a small project: an omission before the headline, and the witness's source from conf.py -------------


def test_omission_before_the_headline_and_declared_source(tmp_path: Path, schema: etree.RelaxNG) -> None:
    project = tmp_path / "project"
    shutil.copytree(Path(__file__).parent.parent / "roots" / "test-interventions", project)
    index = project / "index.md"
    text = index.read_text(encoding="utf-8")
    omitted = "```{omitted} furniture\nShare this\n```\n\n"
    text = text.replace(omitted, "").replace("```{rubric} A Headline", omitted + "```{rubric} A Headline")
    index.write_text(text, encoding="utf-8")
    (project / "witnesses" / "w.txt").write_text(
        "Share this\n\nA Headline\n\nOne brining day Ann Smyth said: my father know it.\n\nThe end.\n", encoding="utf-8"
    )
    record_witness_digests(project / "witnesses")
    result = sphinx_build("-b", "tei", "-W", "-q", project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    doc = etree.parse(str(tmp_path / "out" / "index.xml"))
    assert_valid(schema, doc)
    div = doc.find(".//t:body/t:div", NS)
    assert [etree.QName(e).localname for e in div] == ["opener", "head", "p", "p"]
    assert div.find("t:opener/t:surplus[@reason='furniture']", NS).text == "Share this"
    assert doc.find(".//t:sourceDesc/t:bibl", NS).get(XML_ID) == "bib-src2020"


@pytest.mark.parametrize(
    ("declaration", "expected"),
    [
        ("", "index.md:3: WARNING: the edited text declares no source"),
        (":source: src2002", "index.md:3: WARNING: bib key 'src2002' is not in references.bib (did you mean 'src2020'?)"),
    ],
)
def test_a_text_without_a_known_source_is_an_error(tmp_path: Path, declaration: str, expected: str) -> None:
    project = tmp_path / "project"
    shutil.copytree(Path(__file__).parent.parent / "roots" / "test-interventions", project)
    index = project / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":source: src2020", declaration), encoding="utf-8")
    result = sphinx_build("-b", "tei", "-W", "--keep-going", "-q", project, tmp_path / "out")
    assert result.returncode != 0
    assert expected in result.stderr, result.stderr
    assert len(re.findall("WARNING", result.stderr)) == 1, result.stderr
    assert (tmp_path / "out" / "index.xml").exists()


# --- a small project: what an opener cannot hold, notes of more than a paragraph, a picture ------------------


def localnames(element: etree._Element) -> list[str]:
    return [etree.QName(e).localname for e in element]


@pytest.mark.sphinx("tei", testroot="tei-blocks", freshenv=True)
def test_every_block_is_written_and_a_picture_is_reported(app: SphinxTestApp, warning: StringIO,
                                                          schema: etree.RelaxNG) -> None:  # fmt: skip
    app.build()
    messages = [line for line in strip_escape_sequences(warning.getvalue()).splitlines() if line.strip()]
    image_md = Path(app.srcdir, "image.md")
    assert messages == [f"{image_md}:9: WARNING: the tei builder has no writer for the node 'image'; it is left out "
                        "(use markup the edition documents for this output, or build another format) "
                        "[edition.unwritable]"]  # fmt: skip
    assert "![a view of the city](city.svg)" in image_md.read_text(encoding="utf-8").splitlines()[8]
    picture = etree.parse(str(app.outdir / "image.xml"))
    assert_valid(schema, picture)
    assert "".join(picture.find(".//t:body/t:div/t:p", NS).itertext()) == "A picture  of the city."
    doc = etree.parse(str(app.outdir / "index.xml"))
    assert_valid(schema, doc)
    div = doc.find(".//t:body/t:div", NS)
    # a list before the headline: no opener can hold it, so every block stands in its place and the headline, no
    # longer first, is an ab (as a second headline is)
    assert localnames(div) == ["list", "p", "ab", "p", "p"]
    assert [item.findtext("t:p", namespaces=NS) for item in div[0]] == ["Home", "News"]
    assert div[1].text == "Monday, 2 March"
    assert div[2].get("type") == "headline" and div[2].text == "A Headline"
    listed, passage = div.findall("t:p/t:note", NS)
    assert localnames(listed) == ["p", "list"]  # a note of a paragraph and a list keeps the list
    assert [item.findtext("t:p", namespaces=NS) for item in listed[1]] == ["one report", "another report"]
    assert localnames(passage) == ["p", "surplus", "p"]  # an omitted passage in a note, between its paragraphs
    assert passage[1].get("reason") == "furniture" and passage[1].text == "Read also"


class mystery_box(nodes.General, nodes.Element):
    """A container of an extension, holding words of its own between paragraphs."""


def test_words_breaks_and_roles_between_blocks_are_written(monkeypatch: pytest.MonkeyPatch) -> None:
    role = Sic()
    monkeypatch.setattr(translator, "editorial_role", lambda node: role if isinstance(node, sic) else None)
    reported: list[str] = []
    monkeypatch.setattr(writers, "report_unwritten", lambda builder, node: reported.append(node.tagname))
    document = new_document("index.md")
    text = markup.edited_text()
    text += [nodes.rubric("", "Headline"), nodes.paragraph("", "", nodes.Text("One"), nodes.transition(),
             nodes.Text("two")), nodes.transition(), mystery_box("", nodes.Text("Loose words")),
             sic("", "", nodes.Text("teh"), note="as printed"),
             nodes.bullet_list("", nodes.list_item("", nodes.rubric("", "Item head"), nodes.paragraph("", "Item")))]  # fmt: skip
    document += text
    writer = TEITranslator(document, SimpleNamespace(name="tei"), "index", Register(), Cited())  # type: ignore[arg-type]
    div = ET.tostring(writer.division(text), encoding="unicode")
    assert div == (
        '<div type="article"><head>Headline</head><p>One<milestone unit="section" />two</p>'
        '<milestone unit="section" /><ab>Loose words</ab>'
        '<ab><sic>teh</sic><note type="sic" resp="#editors">as printed</note></ab>'
        '<list rend="bulleted"><item><ab type="headline">Item head</ab><p>Item</p></item></list></div>'
    )  # a headline in a list item is an ab too: TEI allows no head there
    assert reported == []


def test_a_passage_before_the_headline_keeps_its_words_in_the_opener() -> None:
    passage = ET.fromstring('<ab>Share <hi rend="bold">this</hi> now</ab>')
    div = arranged([("passage", passage), ("head", ET.fromstring("<head>H</head>")), ("p", ET.Element("p"))])
    assert ET.tostring(div, encoding="unicode") == (
        '<div type="article"><opener>Share <hi rend="bold">this</hi> now</opener><head>H</head><p /></div>'
    )


# --- the pieces -----------------------------------------------------------------------------------------


def test_dates_keep_edtf_and_give_tei_bounds() -> None:
    assert date_attributes("1905-06-13") == {"when": "1905-06-13"}
    assert date_attributes("1942-11") == {"when": "1942-11"}
    assert date_attributes("1943?") == {"notBefore": "1943-01-01", "notAfter": "1943-12-31"}
    assert date_attributes("[1942,1943]") == {"notBefore": "1942-01-01", "notAfter": "1943-12-31"}
    assert date_attributes("2016-21") == {"notBefore": "2016-03-01", "notAfter": "2016-05-31"}  # spring
    assert date_attributes("../1950") == {"notAfter": "1950-12-31"}
    assert date_attributes("2016-02-30") == {}
    assert date_attributes("not a date") == {}


def test_ids_and_tokens_are_valid_xml() -> None:
    assert xml_id("xian-xinghai") == "xian-xinghai"
    assert xml_id("1984-film") == "_1984-film"
    assert xml_id("a:b c", "bib-") == "bib-a_b_c"
    assert token("typographical error") == "typographical-error"


def test_pretty_printing_leaves_mixed_content_alone() -> None:
    from xml.etree import ElementTree as ET

    root = ET.fromstring("<r><p>a <b>b</b><c/> d</p><q><s/></q></r>")
    indent(root)
    assert ET.tostring(root, encoding="unicode") == "<r>\n  <p>a <b>b</b><c /> d</p>\n  <q>\n    <s />\n  </q>\n</r>"
