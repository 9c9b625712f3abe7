"""The ``standOff`` of a TEI file: the register's entities its text mentions, the relations between them, and the
sources it cites (``bibl``, also the witness's description in the header)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...core.bibliography import latex_to_text, month_number
from ...core.dates import date_attributes
from ...core.model import Entity
from ...core.register import Register
from ...core.syntax import emphasis_runs, token
from ...core.vocabulary import authority_links
from ...profile import active
from .elements import XML_ID, append_text, bib_id, sub, xml_id

PERSON_DATES = {"begin": "birth", "end": "death"}
"""The TEI element of a person's date by what it marks (profile: ``date_fields.<name>.marks``); else floruit."""


@dataclass
class Cited:
    """What the text of one file cites, each in the order of its first citation: the ``standOff`` lists them."""

    entities: dict[str, None] = field(default_factory=dict)  # entity ids, in order of first mention
    keys: dict[str, None] = field(default_factory=dict)  # bibliography keys, in order of citation

    def mention(self, entity_id: str) -> None:
        """Record a mention of an entity."""
        self.entities[entity_id] = None

    def cite(self, keys: Iterable[str]) -> str:
        """Record cited keys; their pointers for ``@target`` or ``@source``."""
        found = [k.strip() for k in keys if k.strip()]
        self.keys.update(dict.fromkeys(found))
        return " ".join(f"#{bib_id(k)}" for k in found)


def bibl_element(key: str, entry: Any, tag: str = "bibl") -> ET.Element:
    """A ``bibl`` for an entry of references.bib: authors, title, publisher, date, URL, note."""
    bibl = ET.Element(tag, {XML_ID: bib_id(key)})
    if entry is None:
        sub(bibl, "note", f"Source {key} (not in the bibliography).")
        return bibl
    fields = entry.fields
    for person in entry.persons.get("author", []):
        parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
        sub(bibl, "author", latex_to_text(" ".join(parts)))
    if "title" in fields:
        sub(bibl, "title", latex_to_text(fields["title"]))
    if "howpublished" in fields:
        sub(bibl, "publisher", latex_to_text(fields["howpublished"]))
    when = fields.get("date", "")
    if not when and "year" in fields:
        number = month_number(str(fields.get("month", "")))
        month = f"{number:02d}" if number else ""
        when = fields["year"] + (f"-{month}" if month else "")
    if when:
        sub(bibl, "date", when, **date_attributes(when))
    if "url" in fields:
        sub(bibl, "ptr", target=fields["url"])
    if "urldate" in fields:
        sub(bibl, "date", f"consulted {fields['urldate']}", type="accessed", **date_attributes(fields["urldate"]))
    if "note" in fields:
        sub(bibl, "note", latex_to_text(fields["note"]))
    return bibl


def _names(parent: ET.Element, entity: Entity, tag: str) -> None:
    sub(parent, tag, entity.name, type="preferred")
    for name in entity.names:
        sub(parent, tag, name.text, type=name.type, xml_lang=name.lang)


def _idnos(parent: ET.Element, entity: Entity) -> None:
    for authority, _ident, url in authority_links(entity.authority):
        sub(parent, "idno", url, type=authority)


def _gloss_text(parent: ET.Element, gloss: str) -> None:
    """A gloss's text, the titles it marks (``*Composer*``) as ``hi rend="italic"``."""
    for run, italic in emphasis_runs(gloss):
        if italic:
            sub(parent, "hi", run, rend="italic")
        else:
            append_text(parent, run)


def _gloss(parent: ET.Element, entity: Entity) -> None:
    if entity.gloss:
        _gloss_text(sub(parent, "note", type="gloss"), entity.gloss)


def _dated_event(parent: ET.Element, field_name: str, value: str) -> None:
    event = sub(parent, "event", type=field_name, **date_attributes(value))
    sub(event, "label", f"{field_name} {value}")


ENTRY_LAYOUTS: dict[str, tuple[str, ...]] = {
    "person": ("names", "lifedates", "occupation", "idnos", "gloss"),
    "bibl": ("names", "dates", "idnos", "gloss"),
    "org": ("names", "idnos", "events", "gloss"),
    "place": ("names", "events", "idnos", "gloss"),
    "event": ("idnos", "names", "desc"),
    "object": ("identifier", "paragraphs", "gloss"),
}
"""What each TEI entry element holds of an entity, in the order TEI gives its content (the profile's schema
allows these elements, ``profile.consistency.TEI_ENTRIES``)."""


DATED_PARTS = ("lifedates", "dates", "events", "paragraphs")
"""How an entry holds its dates: a person's birth, death and floruit; date; event; a paragraph with a date."""


def _dates(element: ET.Element, entity: Entity, part: str) -> None:
    """An entity's dates, as the part of its entry that holds them (``DATED_PARTS``)."""
    marks = {name: field.marks for name, field in active().date_fields.items()}
    for field_name, value in entity.dates.items():
        if part == "lifedates":
            sub(element, PERSON_DATES.get(marks.get(field_name, ""), "floruit"), value, **date_attributes(value))
        elif part == "dates":
            sub(element, "date", value, type=field_name, **date_attributes(value))
        elif part == "events":
            _dated_event(element, field_name, value)
        else:
            sub(sub(element, "p"), "date", value, type=field_name, **date_attributes(value))


def entity_element(entity: Entity, cited: Cited) -> ET.Element:
    """The ``standOff`` entry of an entity (the element its kind's profile entry names): names, dates, category,
    authority ids and gloss."""
    kind = active().kind(entity.kind)
    attrs = {XML_ID: xml_id(entity.id), "source": cited.cite(entity.sources)}
    if kind.tei_entry != "person" and entity.category:  # a person has no @type: the category is an occupation
        attrs["type"] = token(entity.category)
    if kind.tei_entry == "event" and kind.occurs in entity.dates:
        attrs.update(date_attributes(entity.dates[kind.occurs]))
    element = ET.Element(kind.tei_entry, {k: v for k, v in attrs.items() if v})
    for part in ENTRY_LAYOUTS[kind.tei_entry]:
        if part == "names":
            _names(element, entity, kind.tei_name)
        elif part == "identifier":  # an object's names and ids identify it
            identifier = sub(element, "objectIdentifier")
            _names(identifier, entity, kind.tei_name)
            _idnos(identifier, entity)
        elif part == "idnos":
            _idnos(element, entity)
        elif part == "occupation" and entity.category:
            sub(element, "occupation", entity.category)
        elif part == "desc":
            _gloss_text(sub(element, "desc"), entity.gloss or entity.name)
        elif part == "gloss":
            _gloss(element, entity)
        elif part in DATED_PARTS:
            _dates(element, entity, part)
    return element


def stand_off_element(
    register: Register, cited: Cited, witness_key: str | None, entries: Mapping[str, Any]
) -> ET.Element:
    """The ``standOff`` of one file: the entities its text mentions, by kind, the relations between them, and the
    sources it cites but its witness."""
    stand_off = ET.Element("standOff")
    entities = [e for i in cited.entities if (e := register.get(i)) is not None]
    built = {e.id: entity_element(e, cited) for e in entities}  # before the sources: entries cite them
    for name, kind in active().kinds.items():
        members = sorted((e for e in entities if e.kind == name), key=lambda e: e.id)
        if not members:
            continue
        kept_apart = kind.tei_list == "listBibl"  # from the list of sources, by its type: "works"
        listing = sub(stand_off, kind.tei_list, type=token(active().plural_of(name).lower()) if kept_apart else "")
        listing.extend(built[e.id] for e in members)
    ids = set(built)
    relations = [(e.id, r) for e in sorted(entities, key=lambda e: e.id) for r in e.relations if r.target in ids]
    if relations:
        listing = sub(stand_off, "listRelation")
        for source, relation in relations:
            sub(
                listing,
                "relation",
                name=token(relation.type),
                active=f"#{xml_id(source)}",
                passive=f"#{xml_id(relation.target)}",
            )
    keys = sorted(k for k in cited.keys if k != witness_key)
    if keys:
        sources = sub(stand_off, "listBibl", type="sources")
        sources.extend(bibl_element(k, entries.get(k)) for k in keys)
    if not len(stand_off):
        sub(stand_off, "listBibl", type="sources").append(ET.Element("bibl"))
    return stand_off
