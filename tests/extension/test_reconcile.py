"""The reconciliation table (register-reconcile.csv): the pure export and a small build (the real register:
tests/edition/test_reconcile.py)."""

from __future__ import annotations

from pathlib import Path

from helpers import csv_rows, sphinx_build_forked

from critical_edition.core import reconcile
from critical_edition.core.model import Entity, Name
from critical_edition.core.register import Register, load_register

TEST_ROOT = Path(__file__).parent.parent / "roots" / "test-data"


def hand_register() -> Register:
    """A person with a Wikidata id and an uncertain death, a film, a city with coordinates and an event."""
    person = Entity(
        id="ann-smith", kind="person", name="Ann Smith", category="director", sources=("src2020",),
        gloss="An invented director of *A Film*, standing in for a real one.",
        names=(Name("Анна Смит", "ru", "transliteration"),), dates={"born": "1910-05-02", "died": "1943?"},
        authority={"wikidata": "Q4115189", "viaf": "102333412"},
        authority_evidence={"wikidata": "https://example.org/q", "viaf": "https://example.org/v"},
    )
    film = Entity(id="a-film", kind="work", name="A Film", category="film", sources=("src2020",),
                  gloss="An invented film.", dates={"premiere": "1942-11", "released": "1943"},
                  authority_note="Searched IMDb on 2026-12-06: nothing.")
    city = Entity(id="a-city", kind="place", name="A City", category="city", sources=("src2020",),
                  gloss="An invented city.", coordinates=(43.25, 76.9))
    fair = Entity(id="a-fair", kind="event", name="A Fair", sources=("src2020",),
                  gloss="An invented fair.", dates={"date": "[1941,1942]"})
    return Register(entities={e.id: e for e in (person, film, city, fair)})


def test_the_table_has_a_row_per_entity_with_the_name_class_and_properties() -> None:
    text = reconcile.to_reconciliation_csv(hand_register())
    assert text.endswith("\r\n") and text.splitlines()[0].split(",")[:3] == ["id", "kind", "name"]
    table = {row["id"]: row for row in csv_rows(text)}
    assert list(table) == ["ann-smith", "a-city", "a-film", "a-fair"]  # register order: by kind
    assert all(list(row) == [c for c, _ in reconcile.reconciliation_columns()] for row in table.values())
    person, city, film, fair = table.values()
    assert (person["wikidata class"], person["wikidata class label"]) == ("Q5", "human")
    assert (film["wikidata class"], city["wikidata class"], fair["wikidata class"]) == ("Q11424", "Q515", "Q1656682")
    assert person["description"] == "An invented director of A Film, standing in for a real one."
    assert person["other names"] == "Анна Смит [ru, transliteration]"
    assert person["P569 date of birth"] == "1910-05-02"
    assert person["P570 date of death"] == ""  # uncertain: Wikidata would take it as certain
    assert person["dates (EDTF)"] == "born: 1910-05-02 | died: 1943?"
    assert (film["P1191 date of first performance"], film["P577 publication date"]) == ("1942-11", "1943")
    assert fair["P585 point in time"] == "" and fair["dates (EDTF)"] == "date: [1941,1942]"
    assert city["P625 coordinate location"] == "43.25,76.9"
    assert (person["Wikidata ID"], person["P214 VIAF ID"], person["status"]) == ("Q4115189", "102333412", "id recorded")
    assert person["authority evidence"] == "viaf: https://example.org/v | wikidata: https://example.org/q"
    assert (film["status"], film["authority note"]) == ("to reconcile", "Searched IMDb on 2026-12-06: nothing.")


def test_a_malformed_id_is_left_out_and_the_output_is_deterministic() -> None:
    bad = Entity(id="x", kind="person", name="X", sources=("s",), gloss="An invented person.",
                 authority={"wikidata": "https://www.wikidata.org/wiki/Q1"})
    register = Register(entities={"x": bad})
    (row,) = csv_rows(reconcile.to_reconciliation_csv(register))
    assert (row["Wikidata ID"], row["status"]) == ("", "to reconcile")
    assert reconcile.to_reconciliation_csv(hand_register()) == reconcile.to_reconciliation_csv(hand_register())


def test_the_register_keeps_the_authority_note_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "annotations" / "person"
    folder.mkdir(parents=True)
    (folder / "ann-smith.md").write_text(
        "---\nid: ann-smith\nkind: person\nname: Ann Smith\ngloss: An invented director.\n"
        "authority_note: >-\n  Searched the stored pages\n  on 2026-12-06.\nsources: [src2020]\n---\n\nBody.\n",
        encoding="utf-8",
    )
    register = load_register(tmp_path / "annotations", tmp_path)
    assert register.get("ann-smith").authority_note == "Searched the stored pages on 2026-12-06."
    (row,) = csv_rows(reconcile.to_reconciliation_csv(register))
    assert row["authority note"] == "Searched the stored pages on 2026-12-06."


def test_the_build_writes_the_table_and_the_downloads_page_links_it(tmp_path: Path) -> None:
    out = tmp_path / "html"
    result, _ = sphinx_build_forked("-b", "html", "-q", "-d", tmp_path / "doctrees", TEST_ROOT, out)
    assert result.returncode == 0, result.stderr
    written = (out / "_downloads" / "data" / reconcile.RECONCILIATION_FILE).read_text(encoding="utf-8")
    register = load_register(TEST_ROOT / "annotations", TEST_ROOT)
    assert [row["id"] for row in csv_rows(written)] == [e.id for e in register]
    assert f"_downloads/data/{reconcile.RECONCILIATION_FILE}" in (out / "downloads.html").read_text(encoding="utf-8")
