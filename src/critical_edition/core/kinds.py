"""The kinds of entity, in one table that every layer reads.

Adding a kind is a row here (and its templates): the role that marks it in a text, its labels, the
date fields it may carry, its schema.org type, its TEI elements and its printed index.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    """One kind of entity and how each output names it."""

    name: str  # as in the register: annotations/<name>/<id>.md
    role: str  # the MyST role that marks a mention: {person}`…`
    label: str  # "Person"
    date_fields: tuple[str, ...]  # the dates an entity of this kind may carry (EDTF)
    schema_org: str  # the schema.org type
    tei_list: str  # the standOff list element
    tei_entry: str  # the standOff entry element
    tei_name: str  # the name element of an entry
    tei_mention: str  # the element of a mention in the text
    index_title: str = ""  # the printed index of this kind; '' when the kind is not indexed
    named_by_title: bool = False  # its names are titles (a work's): set in italics, filed without "The", "A"


KIND_TABLE: tuple[Kind, ...] = (
    Kind("person", "person", "Person", ("born", "died", "active"), "Person",
         "listPerson", "person", "persName", "persName", "Index of persons"),
    Kind("place", "place", "Place", ("founded", "renamed"), "Place",
         "listPlace", "place", "placeName", "placeName", "Index of places"),
    Kind("work", "work", "Work", ("created", "shooting", "premiere", "released", "published"), "CreativeWork",
         "listBibl", "bibl", "title", "title", "Index of works", named_by_title=True),
    Kind("organisation", "org", "Organisation", ("founded", "dissolved"), "Organization",
         "listOrg", "org", "orgName", "orgName", "Index of organisations"),
    Kind("event", "event", "Event", ("date",), "Event",
         "listEvent", "event", "label", "name", "Index of events"),
)  # fmt: skip
"""Every kind, in the order registers and indices list them."""

KINDS: tuple[str, ...] = tuple(k.name for k in KIND_TABLE)
BY_NAME: dict[str, Kind] = {k.name: k for k in KIND_TABLE}
ROLE_KINDS: dict[str, str] = {k.role: k.name for k in KIND_TABLE}
"""Entity roles of the text and the kind each expects; ``ent`` takes any kind."""
ANY_KIND_ROLE = "ent"


def kind(name: str) -> Kind:
    """The row of a kind."""
    return BY_NAME[name]
