"""The register as a table for reconciliation with Wikidata (OpenRefine) and the other authority files.

One row per entity: the name to match, a Wikidata class to match it against, the other name forms, the
dates and coordinates that Wikidata holds as properties, the authority ids already known with the page that
shows each, and the editors' record of the search where no id is known. A later editor loads the file into
OpenRefine, reconciles the ``name`` column against the ``wikidata class`` column's type, uses the property
columns to tell candidates apart, and copies each confirmed id back into the entity's ``authority`` field
(CONTRIBUTING.md, "Finishing the authority ids").

Pure: nothing here knows Sphinx or docutils; the same register gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..profile import active
from .export import LIST_SEPARATOR, csv_text
from .model import Entity
from .register import Register
from .syntax import without_emphasis
from .vocabulary import authority_id_is_valid

RECONCILIATION_FILE = "register-reconcile.csv"
"""The file's name beside the other data files."""

RECONCILIATION_FORMAT = "CSV (UTF-8, comma-separated, header row)"
RECONCILIATION_DESCRIPTION = (
    "One row per entity for reconciling the register with Wikidata in OpenRefine: the name, a Wikidata "
    "class, dates and coordinates under their Wikidata properties, the ids already known and the record "
    "of each search that found none."
)

WIKIDATA_CLASSES_BY_CATEGORY: dict[str, tuple[str, str]] = {
    "city": ("Q515", "city"),
    "country": ("Q6256", "country"),
    "film": ("Q11424", "film"),
    "documentary": ("Q11424", "film"),
}
"""Narrower classes for some categories, which give the reconciliation service fewer wrong candidates."""

DATE_PROPERTIES: tuple[tuple[str, str, dict[str, tuple[str, ...]]], ...] = (
    # (column, Wikidata property, {kind: date fields in order of preference})
    ("P569 date of birth", "P569", {"person": ("born",)}),
    ("P570 date of death", "P570", {"person": ("died",)}),
    ("P571 inception", "P571", {"place": ("founded",), "organisation": ("founded",), "work": ("created",)}),
    ("P576 dissolved", "P576", {"organisation": ("dissolved",)}),
    ("P1191 date of first performance", "P1191", {"work": ("premiere",)}),
    ("P577 publication date", "P577", {"work": ("published", "released")}),
    ("P585 point in time", "P585", {"event": ("date",)}),
)
"""The register's dates that Wikidata holds as properties, by the property's id."""

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def wikidata_class(entity: Entity) -> tuple[str, str]:
    """The Wikidata class (id, label) to reconcile an entity against: by its category, else by its kind (the
    profile's ``wikidata_class``); ('', '') when neither gives one."""
    if entity.category in WIKIDATA_CLASSES_BY_CATEGORY:
        return WIKIDATA_CLASSES_BY_CATEGORY[entity.category]
    kind = active().kinds.get(entity.kind)
    qid, _, label = (kind.wikidata_class if kind else "").partition(" ")
    return qid, label


def authority_column(authority: str) -> str:
    """The column of an authority's id, headed by the Wikidata property that holds such ids."""
    known = active().authorities[authority]
    prop = known.wikidata_property
    return f"{prop} {known.label} ID" if prop else f"{known.label} ID"


def reconciliation_columns() -> list[tuple[str, str]]:
    """The columns in order, each with what it holds."""
    return [
        ("id", "The entity's id in the register (`id`); the row's key when the results come back."),
        ("kind", "Its kind (`kind`)."),
        ("name", "Its preferred name (`name`): the column to reconcile."),
        ("wikidata class", "The Wikidata class to reconcile against (Q5 human, Q515 city, Q11424 film, …)."),
        ("wikidata class label", "That class's English label."),
        ("description", "The gloss, as plain text: what a candidate must be."),
        ("other names", "Every other name form as `text [lang, type]`, joined with ' | '."),
        *((column, f"A precise date (year, month or day) for Wikidata's {prop}; empty if uncertain.")
          for column, prop, _ in DATE_PROPERTIES),
        ("P625 coordinate location", "Latitude and longitude, comma-separated (places)."),
        *((authority_column(a), f"The {x.label} id already recorded (`authority.{a}`).")
          for a, x in active().authorities.items()),
        ("authority evidence", "The address of the page that shows each recorded id, as `authority: URL`."),
        ("status", "`id recorded` when the entity has a Wikidata id, else `to reconcile`."),
        ("authority note", "The editors' record of where they looked for an id, when, and what they found."),
        ("dates (EDTF)", "Every date of the entity as `field: value` in EDTF, uncertain ones included."),
    ]  # fmt: skip


def _precise(value: str) -> str:
    """An EDTF date that is a plain year, month or day (what Wikidata can take as it is), else ''."""
    return value if _ISO_DATE.fullmatch(value) else ""


def reconciliation_row(entity: Entity) -> dict[str, str]:
    """The row of one entity."""
    join = LIST_SEPARATOR.join
    qid, label = wikidata_class(entity)
    row = {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "wikidata class": qid,
        "wikidata class label": label,
        "description": " ".join(without_emphasis(entity.gloss).split()),
        "other names": join(f"{n.text} [{n.lang}, {n.type}]" for n in entity.names),
    }
    for column, _, fields in DATE_PROPERTIES:
        values = (_precise(entity.dates.get(f, "")) for f in fields.get(entity.kind, ()))
        row[column] = next((v for v in values if v), "")
    row["P625 coordinate location"] = (
        f"{entity.coordinates[0]},{entity.coordinates[1]}" if entity.coordinates is not None else ""
    )
    for authority in active().authorities:
        ident = entity.authority.get(authority, "")
        row[authority_column(authority)] = ident if ident and authority_id_is_valid(authority, ident) else ""
    row["authority evidence"] = join(f"{a}: {url}" for a, url in sorted(entity.authority_evidence.items()))
    row["status"] = (
        "id recorded" if "wikidata" in active().authorities and row[authority_column("wikidata")] else ("to reconcile")
    )
    row["authority note"] = entity.authority_note
    row["dates (EDTF)"] = join(f"{f}: {v}" for f, v in entity.dates.items())
    return row


def to_reconciliation_csv(entities: Register | Iterable[Entity]) -> str:
    """The reconciliation table: a header row, then one row per entity (RFC 4180, CRLF line ends)."""
    rows = (reconciliation_row(entity) for entity in entities)
    return csv_text((c for c, _ in reconciliation_columns()), rows)
