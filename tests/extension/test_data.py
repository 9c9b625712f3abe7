"""Open data (JSON, CSV, JSON-LD, schema) and the timeline: the pure exports and a small root (the real edition's
files: tests/edition/test_data.py)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import jsonschema
import pytest
from helpers import html_text, timeline_entries
from sphinx.testing.util import SphinxTestApp

from critical_edition.core import export
from critical_edition.core.model import Entity, Mention, Name, Relation
from critical_edition.core.register import Register
from critical_edition.profile import default_profile

TEST_ROOT = Path(__file__).parent.parent / "roots" / "test-data"
DATA_FILES = ("register.json", "register.csv", "register.jsonld", "register.schema.json", "register-reconcile.csv",
              "references.bib")


def hand_register() -> Register:
    """Three entities: a person with an authority id and an uncertain death, a work, an event over years."""
    person = Entity(
        id="ann-smith", kind="person", name="Ann Smith", category="director", sources=("src2020", "doe2021"),
        gloss="An invented director, standing in for a real one.",
        names=(Name("Анна Смит", "ru", "transliteration"), Name("Смит", "ru", "short", note="in the press")),
        dates={"born": "1910", "died": "1943?"}, relations=(Relation("directed", "a-film"),),
        authority={"wikidata": "Q4115189", "viaf": "102333412"},
    )
    work = Entity(id="a-film", kind="work", name="A Film", category="film", sources=("src2020",),
                  gloss="An invented film, standing in for a real one.", dates={"premiere": "1942-11"})
    event = Entity(id="great-fair", kind="event", name="The Great Fair", sources=("src2020",),
                   gloss="An invented event, standing in for a real one.", dates={"date": "1941/1944"},
                   relations=(Relation("participant", "ann-smith"),))
    return Register(entities={e.id: e for e in (person, work, event)})


MENTIONS = [
    Mention("ann-smith", "person", "Ann Smith", "articles/one", "articles/one.md", 3, "p-1", "¶ 1"),
    Mention("ann-smith", "person", "Ann Smith", "articles/one", "articles/one.md", 3, "p-1", "¶ 1"),  # same place
    Mention("ann-smith", "person", "Smith", "articles/one", "articles/one.md", 5, "p-2", "¶ 2"),
    Mention("a-film", "work", "A Film", "articles/one", "articles/one.md", 3, "p-1", "¶ 1"),
    Mention("a-film", None, "the film", "annotations/person/ann-smith", "annotations/person/ann-smith.md", 12),
]


def records() -> list[dict]:
    return export.register_records(hand_register(), MENTIONS, {"ann-smith": "annotations/person/ann-smith.html"})


# --- pure exports ----------------------------------------------------------------------------------


def test_json_export_validates_against_its_schema() -> None:
    schema = export.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(export.to_json(records(), {"edition": "E", "version": "1", "license": "L"}))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert [e["id"] for e in data["entities"]] == ["ann-smith", "a-film", "great-fair"]  # register order
    smith = data["entities"][0]
    assert smith["dates"] == {"born": "1910", "died": "1943?"}
    assert smith["authority"]["wikidata"] == {"id": "Q4115189", "url": "https://www.wikidata.org/wiki/Q4115189"}
    assert smith["names"][1] == {"text": "Смит", "lang": "ru", "type": "short", "note": "in the press"}
    assert smith["mentions"] == [  # repeated mentions at one place are one
        {"docname": "articles/one", "paragraph": "¶ 1", "anchor": "p-1", "text": "Ann Smith"},
        {"docname": "articles/one", "paragraph": "¶ 2", "anchor": "p-2", "text": "Smith"},
    ]


@pytest.mark.parametrize(("path", "value"), [
    (("kind",), "animal"),
    (("dates", "premiere"), "1950"),  # a person has no premiere
    (("names", 0, "lang"), "Russian"),
    (("relations", 0, "type"), "liked"),
    (("sources",), []),
])
def test_schema_rejects_what_the_register_does_not_allow(path: tuple, value: object) -> None:
    data = json.loads(export.to_json(records()))
    node = data["entities"][0]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, export.json_schema(), cls=jsonschema.Draft202012Validator)


def test_json_is_deterministic_sorted_and_utf8() -> None:
    text = export.to_json(records())
    assert text == export.to_json(records()) and text.endswith("}\n")
    assert "Анна Смит" in text and "\\u" not in text
    assert text.index('"authority"') < text.index('"category"') < text.index('"dates"')  # sorted keys


def test_csv_round_trips_with_dictreader() -> None:
    text = export.to_csv(records())
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == [c for c, _ in export.csv_columns()]
    assert len(rows) == 3
    by_id = {r["id"]: r for r in rows}
    for record in records():
        row = by_id[record["id"]]
        assert (row["kind"], row["name"], row["category"], row["gloss"]) == (
            record["kind"], record["name"], record["category"], record["gloss"])
        assert {k.removeprefix("dates."): v for k, v in row.items() if k.startswith("dates.") and v} == record["dates"]
        names = [re.fullmatch(r"(.*) \[([^,\]]+), ([^\]]+)\]", n).groups() for n in row["names"].split(" | ") if n]
        assert names == [(n["text"], n["lang"], n["type"]) for n in record["names"]]
        assert [s for s in row["sources"].split(" | ") if s] == record["sources"]
        relations = [tuple(r.split(":")) for r in row["relations"].split(" | ") if r]
        assert relations == [(r["type"], r["target"]) for r in record["relations"]]
        assert {k.removeprefix("authority."): v for k, v in row.items() if k.startswith("authority.") and v} == {
            a: v["id"] for a, v in record["authority"].items()}
    assert by_id["ann-smith"]["mentions"] == "articles/one#p-1 | articles/one#p-2"
    assert by_id["a-film"]["mentions"] == "articles/one#p-1 | annotations/person/ann-smith"


@pytest.mark.parametrize(("value", "cell"), [("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
                                           ("+1", "'+1"), ("-0050", "'-0050"), ("@SUM(A1)", "'@SUM(A1)"),
                                           ("\tx", "'\tx"), ("\rx", "'\rx"), ("Ann Smith", "Ann Smith"),
                                           ("a=b", "a=b"), ("", "")])
def test_a_cell_that_begins_like_a_formula_is_quoted(value: str, cell: str) -> None:
    assert export.safe_csv_cell(value) == cell


def test_every_csv_of_the_edition_neutralises_formulas() -> None:
    from critical_edition.core.reconcile import to_reconciliation_csv

    person = hand_register().get("ann-smith")
    evil = Register(entities={"ann-smith": replace(person, name="=cmd|' /C calc'!A0", category="@SUM(1+1)",
                                                   gloss="-2+3 is an invented gloss", dates={"born": "-0050"})})
    records = export.register_records(evil, [], {})
    for text in (export.to_csv(records), to_reconciliation_csv(evil)):
        cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
        assert "'=cmd|' /C calc'!A0" in cells
        assert not [c for c in cells if c.startswith(export.FORMULA_STARTS)], cells
    assert "'-0050" in export.to_csv(records)


def test_jsonld_graph_has_types_languages_sameas_and_relations() -> None:
    data = json.loads(export.to_jsonld(records(), {"license": "https://creativecommons.org/licenses/by/4.0/"},
                                       base="../../"))
    assert data["@context"] == "https://schema.org"
    graph = {n.get("identifier", n["@type"]): n for n in data["@graph"]}
    assert graph["Dataset"]["license"] == "https://creativecommons.org/licenses/by/4.0/"
    smith = graph["ann-smith"]
    assert smith["@type"] == "Person" and smith["@id"] == "../../annotations/person/ann-smith.html"
    assert smith["sameAs"] == ["https://www.wikidata.org/wiki/Q4115189", "https://viaf.org/viaf/102333412"]
    assert {"@value": "Анна Смит", "@language": "ru"} in smith["alternateName"]
    assert smith["birthDate"] == "1910" and smith["deathDate"] == "1943?"
    assert smith["description"] == "An invented director, standing in for a real one."
    film = graph["a-film"]
    assert film["@type"] == "CreativeWork" and film["@id"] == "#a-film" and "sameAs" not in film
    assert film["director"] == [{"@id": smith["@id"]}] and film["datePublished"] == "1942-11"
    fair = graph["great-fair"]
    assert (fair["@type"], fair["startDate"], fair["endDate"]) == ("Event", "1941", "1944")


def test_schema_fields_document_every_property() -> None:
    fields = {f.path: f for f in export.schema_fields()}
    for path in ("entities", "entities[].id", "entities[].names[].lang", "entities[].dates.premiere",
                 "entities[].authority.wikidata.url", "entities[].mentions[].anchor", "license"):
        assert path in fields, path
        assert fields[path].description, path
    assert fields["entities[].kind"].type == "one of: " + ", ".join(default_profile().kinds)  # the profile's kinds
    assert fields["entities[].id"].required and not fields["entities[].dates.born"].required

    def count(node: dict, defs: dict) -> int:
        node = {**defs[node["$ref"].rsplit("/", 1)[1]], **node} if "$ref" in node else node
        n = 0
        for child in node.get("properties", {}).values():
            n += 1 + count(child, defs)
        if node.get("type") == "array":
            n += count(node["items"], defs)
        return n

    schema = export.json_schema()
    assert len(fields) == count(schema, schema["$defs"])


def test_timeline_orders_by_earliest_day_and_marks_uncertainty() -> None:
    facts = export.timeline(hand_register())
    assert [(f.entity_id, f.field) for f in facts] == [
        ("ann-smith", "born"), ("great-fair", "date"), ("a-film", "premiere"), ("ann-smith", "died")]
    assert [f.certainty for f in facts] == ["", "", "", "uncertain"]
    assert facts[0].happening() == ("", " born") and facts[2].happening() == ("", ": premiere")


# --- the pages, in a small root --------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="data", freshenv=True)
def test_timeline_page_lists_dated_facts_in_order(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    entries = timeline_entries((app.outdir / "timeline.html").read_text(encoding="utf-8"))
    assert [html_text(e, fold=True) for e in entries] == [
        "1910 — Ann Smith born; mentioned in An article, ¶ 1",
        "1941–1944 — The Great Fair; mentioned in An article, ¶ 1",
        "November 1942 — A Film: premiere; mentioned in An article, ¶ 1",
        "probably 1943 — Ann Smith died; mentioned in An article, ¶ 1",
        "2020 — Example Site publishes “A Source”, edited here as An article",  # the text's own date
    ]
    assert entries[3].startswith('<li class="timeline-entry uncertain">')
    assert '<span class="timeline-date uncertain"><em>probably 1943</em></span>' in entries[3]
    assert "uncertain" not in entries[1]
    assert '<em><a class="reference internal" href="annotations/work/a-film.html">' in entries[2]
    assert 'href="index.html#p-1"' in entries[0]


@pytest.mark.sphinx("html", testroot="data", freshenv=True)
def test_downloads_page_links_existing_files_and_documents_the_schema(app: SphinxTestApp) -> None:
    app.build()
    page = app.outdir / "downloads.html"
    html = page.read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*_downloads/data/[^"]*)"', html)
    assert [link.rsplit("/", 1)[1] for link in links] == list(DATA_FILES)
    for link in links:
        target = Path(urldefrag(urljoin(page.as_uri(), link)).url.removeprefix("file://"))
        assert target.is_file(), link
    text = html_text(html, fold=True)
    for field in export.schema_fields():
        assert field.path in text, field.path
    for column, _ in export.csv_columns():
        assert column in text, column
    data = json.loads((app.outdir / "_downloads" / "data" / "register.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, export.json_schema(), cls=jsonschema.Draft202012Validator)
    assert data["edition"] == "Test edition" and data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    pages = {e["id"]: e["page"] for e in data["entities"]}
    assert pages["ann-smith"] == "annotations/person/ann-smith.html"
    graph = json.loads((app.outdir / "_downloads" / "data" / "register.jsonld").read_text(encoding="utf-8"))
    iri = next(n["@id"] for n in graph["@graph"] if n.get("identifier") == "ann-smith")
    jsonld_file = (app.outdir / "_downloads" / "data" / "register.jsonld").as_uri()
    assert Path(urljoin(jsonld_file, iri).removeprefix("file://")).is_file()  # @id resolves to the entity's page


def _build(src: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795219200"}
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", *extra, str(src), str(out)],
                          capture_output=True, text=True, env=env, check=False)


def test_incremental_build_updates_timeline_when_the_register_changes(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(TEST_ROOT, src)
    out = tmp_path / "out"
    assert _build(src, out, "-W").returncode == 0
    entry = src / "annotations" / "work" / "a-film.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace('premiere: "1942-11"', 'premiere: "1940~"'),
                     encoding="utf-8")
    result = _build(src, out, "-W")
    assert result.returncode == 0, result.stderr
    entries = [html_text(e, fold=True) for e in timeline_entries((out / "timeline.html").read_text(encoding="utf-8"))]
    assert entries[1] == "about 1940 — A Film: premiere; mentioned in An article, ¶ 1"
    new = src / "annotations" / "event" / "small-fair.md"  # a new entity: the timeline is re-read too
    new.write_text((src / "annotations" / "event" / "great-fair.md").read_text(encoding="utf-8")
                   .replace("great-fair", "small-fair").replace("The Great Fair", "The Small Fair")
                   .replace('"1941/1944"', '"1905"'), encoding="utf-8")
    _build(src, out)  # warns that the new entity is mentioned nowhere; the timeline is what is tested
    entries = [html_text(e, fold=True) for e in timeline_entries((out / "timeline.html").read_text(encoding="utf-8"))]
    assert entries[0] == "1905 — The Small Fair"


# --- two builds -----------------------------------------------------------------------------------


def test_data_files_are_byte_identical_in_two_builds(tmp_path: Path) -> None:
    # the real edition is compared file by file, serial against parallel, in test_edition.py
    one = _build(TEST_ROOT, tmp_path / "one", "-d", str(tmp_path / "d1"))
    two = _build(TEST_ROOT, tmp_path / "two", "-j", "2", "-d", str(tmp_path / "d2"))
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    for name in DATA_FILES:
        first, second = (tmp_path / out / "_downloads" / "data" / name for out in ("one", "two"))
        assert first.read_bytes() == second.read_bytes(), name
