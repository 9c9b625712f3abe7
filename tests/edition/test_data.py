"""Open data of the real edition: its JSON, CSV, JSON-LD and schema files, and its timeline."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
from helpers import edited_texts, html_text

from critical_edition.core import export

DATA_FILES = ("register.json", "register.csv", "register.jsonld", "register.schema.json", "register-reconcile.csv",
              "references.bib")


def test_real_edition_writes_valid_data_files(edition_html: Path) -> None:
    first = edition_html / "_downloads" / "data"
    for name in DATA_FILES:
        assert (first / name).is_file(), name
    data = json.loads((first / "register.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, export.json_schema(), cls=jsonschema.Draft202012Validator)
    assert json.loads((first / "register.schema.json").read_text(encoding="utf-8")) == export.json_schema()
    xian = next(e for e in data["entities"] if e["id"] == "xian-xinghai")
    assert {"text": "冼星海", "lang": "zh-Hans", "type": "native", "note": ""} in xian["names"]
    assert any(m["docname"] == "articles/qazaqtv-2018-composer" and m["anchor"] for m in xian["mentions"])
    for entity in data["entities"]:
        assert (edition_html / entity["page"]).is_file(), entity["page"]
    rows = list(csv.DictReader(io.StringIO((first / "register.csv").read_text(encoding="utf-8"), newline="")))
    assert [r["id"] for r in rows] == [e["id"] for e in data["entities"]]
    graph = json.loads((first / "register.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert len(graph) == len(data["entities"]) + 1
    timeline_html = (edition_html / "timeline.html").read_text(encoding="utf-8")
    timeline = html_text(timeline_html, fold=True)
    assert timeline.index("Xian Xinghai born") < timeline.index("Xian Xinghai died") < timeline.index(
        "Composer: premiere")
    # a text's publication links the text under its title as set, the film in italics
    assert ('edited here as <a class="reference internal" href="articles/tengrinews-2015-over-the-city.html">'
            "Emir Baigazin’s <em>Over the City</em> (Tengrinews, 29\u00a0September\u00a02015)</a>") in timeline_html  # dates unbroken
    linked = re.findall(r'edited here as <a class="reference internal" href="([^"]+)\.html">', timeline_html)
    assert sorted(linked) == sorted(text.docname for text in edited_texts() if text.year)  # every dated text's
