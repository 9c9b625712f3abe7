"""The TEI P5 export on a small project (an omission before the headline, the witness's source from conf.py)
and its pieces (the real edition's TEI: tests/edition/test_tei.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import assert_valid, record_witness_digests, sphinx_build
from lxml import etree

from critical_edition.core.dates import date_attributes
from critical_edition.sphinx.tei import indent, token, xml_id

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
