"""The register as open data (JSON, CSV, JSON-LD, with a JSON Schema) and its timeline of dated facts.

Pure functions over the Register and the mentions: nothing here knows Sphinx or docutils, and every
output is deterministic (same register, same bytes).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..profile import active
from .dates import date_bounds
from .model import Entity, Mention
from .register import Register
from .syntax import without_emphasis
from .vocabulary import BCP47, ENTITY_ID, authority_links

LIST_SEPARATOR = " | "
"""How the CSV joins the items of a list in one cell."""


def described_data_files() -> dict[str, tuple[str, str]]:
    """The files of the open data, in the order the downloads page lists them: (format, description)."""
    types = list(dict.fromkeys(kind.schema_org for kind in active().kinds.values()))
    every_type = ", ".join(types[:-1]) + f" and {types[-1]}" if len(types) > 1 else "".join(types)
    return {
        "register.json": (
            "JSON",
            "The whole register: one record per entity, with its names, dates, relations, "
            "authority records, sources and mentions. The reference form of the data.",
        ),
        "register.csv": (
            "CSV (UTF-8, comma-separated, header row)",
            "One row per entity, for spreadsheets; lists joined with ' | ', one column per date field "
            "and per authority; name notes are left out.",
        ),
        "register.jsonld": (
            "JSON-LD (schema.org)",
            f"The entities as linked data: {every_type}, "
            "with names by language, authority records as sameAs and dates as EDTF strings.",
        ),
        "register.schema.json": ("JSON Schema (draft 2020-12)", "The schema of register.json, documented below."),
    }


# --- records -------------------------------------------------------------------------------------


def register_records(
    register: Register, mentions: Iterable[Mention], pages: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """One plain dict per entity, in register order; ``pages`` maps ids to their page's URI."""
    by_entity: dict[str, list[dict[str, str]]] = defaultdict(list)
    for m in mentions:
        record = {"docname": m.docname, "paragraph": m.paragraph, "anchor": m.anchor, "text": m.text}
        if record not in by_entity[m.entity_id]:
            by_entity[m.entity_id].append(record)
    return [entity_record(e, by_entity.get(e.id, []), (pages or {}).get(e.id, "")) for e in register]


def entity_record(entity: Entity, mentions: list[dict[str, str]], page: str = "") -> dict[str, Any]:
    """The plain record of one entity."""
    return {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "category": entity.category,
        "names": [{"text": n.text, "lang": n.lang, "type": n.type, "note": n.note} for n in entity.names],
        "dates": dict(entity.dates),
        "gloss": without_emphasis(entity.gloss),
        "relations": [{"type": r.type, "target": r.target} for r in entity.relations],
        "authority": {a: {"id": i, "url": url} for a, i, url in authority_links(entity.authority)},
        "sources": list(entity.sources),
        "mentions": list(mentions),
        "page": page,
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_json(records: list[dict[str, Any]], metadata: Mapping[str, str] | None = None) -> str:
    """The register as JSON: edition metadata and the list of entity records (schema: json_schema())."""
    meta = {"edition": "", "version": "", "license": ""} | dict(metadata or {})
    return _dumps({**meta, "entities": records})


# --- CSV -----------------------------------------------------------------------------------------


def csv_columns() -> list[tuple[str, str]]:
    """The CSV columns in order, each with what it holds."""
    profile = active()
    return [
        ("id", "The entity's id (`id`)."),
        ("kind", "Its kind (`kind`)."),
        ("name", "Its preferred name (`name`)."),
        ("category", "Its category (`category`)."),
        ("gloss", "The short gloss (`gloss`)."),
        ("names", "Every name form as `text [lang, type]`, joined with ' | ' (`names`, without notes)."),
        *(
            (f"dates.{f}", f"{profile.date_fields[f].meaning} EDTF, as in `dates.{f}`.")
            for f in profile.all_date_fields
        ),
        ("relations", "Relations as `type:target`, joined with ' | ' (`relations`)."),
        *((f"authority.{a}", f"The {x.label} id (`authority.{a}.id`).") for a, x in profile.authorities.items()),
        ("sources", "Bib keys joined with ' | ' (`sources`)."),
        ("mentions", "Mentions as `docname#anchor` (or the docname alone), joined with ' | ' (`mentions`)."),
        ("page", "The entity's page, relative to the edition's root (`page`)."),
    ]


def csv_row(record: Mapping[str, Any]) -> dict[str, str]:
    """The CSV row of one record."""
    join = LIST_SEPARATOR.join
    row = {
        "id": record["id"],
        "kind": record["kind"],
        "name": record["name"],
        "category": record["category"],
        "gloss": record["gloss"],
        "names": join(f"{n['text']} [{n['lang']}, {n['type']}]" for n in record["names"]),
        "relations": join(f"{r['type']}:{r['target']}" for r in record["relations"]),
        "sources": join(record["sources"]),
        "mentions": join(
            dict.fromkeys(m["docname"] + (f"#{m['anchor']}" if m["anchor"] else "") for m in record["mentions"])
        ),
        "page": record["page"],
    }
    profile = active()
    row |= {f"dates.{f}": record["dates"].get(f, "") for f in profile.all_date_fields}
    row |= {f"authority.{a}": record["authority"].get(a, {}).get("id", "") for a in profile.authorities}
    return row


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula in a cell (OWASP, "CSV Injection")."""


def safe_csv_cell(value: str) -> str:
    """A cell that a spreadsheet shows as text, never runs: one that begins like a formula (``=``, ``+``, ``-``,
    ``@``, tab, carriage return) gets a single quote before it, as OWASP recommends."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, str]]) -> str:
    """A CSV file of the edition: a header row, then the rows, every cell made safe (``safe_csv_cell``) (RFC 4180,
    CRLF line ends). Every CSV the edition writes goes through here."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: safe_csv_cell(value) for column, value in row.items()})
    return out.getvalue()


def to_csv(records: list[dict[str, Any]]) -> str:
    """The register as CSV: a header row, then one row per entity."""
    return csv_text((c for c, _ in csv_columns()), (csv_row(record) for record in records))


# --- JSON-LD -------------------------------------------------------------------------------------


def _iri(record: Mapping[str, Any], base: str) -> str:
    return base + record["page"] if record["page"] else f"#{record['id']}"


def _add(node: dict[str, Any], prop: str, value: Any) -> None:
    values = node.setdefault(prop, [])
    if value not in values:
        values.append(value)


def to_jsonld(records: list[dict[str, Any]], metadata: Mapping[str, str] | None = None, base: str = "") -> str:
    """The register as JSON-LD with the schema.org vocabulary (the context is named, never fetched)."""
    profile = active()
    ids = {r["id"]: _iri(r, base) for r in records}
    kinds = {r["id"]: r["kind"] for r in records}
    graph: dict[str, dict[str, Any]] = {}
    for r in records:
        kind = profile.kinds.get(r["kind"])
        node: dict[str, Any] = {
            "@id": ids[r["id"]],
            "@type": kind.schema_org if kind else "Thing",
            "identifier": r["id"],
            "name": r["name"],
            "description": r["gloss"],
        }
        names = list(dict.fromkeys((n["text"], n["lang"]) for n in r["names"]))
        if names:
            node["alternateName"] = [{"@value": text, "@language": lang} for text, lang in names]
        if r["authority"]:
            node["sameAs"] = [r["authority"][a]["url"] for a in profile.authorities if a in r["authority"]]
        for prop, fields in (kind.schema_org_dates if kind else {}).items():
            value = next((r["dates"][f] for f in fields if f in r["dates"]), None)
            if value:
                node[prop] = value
        if kind and kind.occurs in r["dates"]:  # when it happened: its interval's ends
            start, _, end = r["dates"][kind.occurs].partition("/")
            node["startDate"] = start
            if end:
                node["endDate"] = end
        graph[r["id"]] = node
    for r in records:
        for rel in r["relations"]:
            if rel["target"] not in ids:
                continue
            relation = profile.relations.get(rel["type"])
            if relation is None:
                continue
            forward = relation.schema_org
            link = forward.get(r["kind"]) if isinstance(forward, dict) else forward
            if link:
                _add(graph[r["id"]], link, {"@id": ids[rel["target"]]})
            if relation.schema_org_inverse and kinds[rel["target"]] in profile.ends_of(rel["type"])[1]:
                _add(graph[rel["target"]], relation.schema_org_inverse, {"@id": ids[r["id"]]})
    meta = dict(metadata or {})
    dataset = {
        "@id": "",
        "@type": "Dataset",
        "name": f"{meta.get('edition', '')}: register".lstrip(": "),
        "license": meta.get("license", ""),
        "version": meta.get("version", ""),
    }
    return _dumps({"@context": "https://schema.org", "@graph": [dataset, *graph.values()]})


# --- the schema ----------------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON export; the downloads page documents it field by field."""
    id_pattern = ENTITY_ID.pattern
    profile = active()
    date_fields = {name: kind.date_fields for name, kind in profile.kinds.items()}
    kinds = [kind.label.lower() for kind in profile.kinds.values()]
    every_kind = ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else "".join(kinds)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "register.schema.json",
        "title": "The register of a critical edition",
        "description": f"Every {every_kind} annotated in the edition.",
        "type": "object",
        "additionalProperties": False,
        "required": ["edition", "version", "license", "entities"],
        "properties": {
            "edition": {"type": "string", "description": "The title of the edition."},
            "version": {"type": "string", "description": "The edition's release this register belongs to."},
            "license": {"type": "string", "description": "The URL of the licence of the data."},
            "entities": {
                "type": "array",
                "items": {"$ref": "#/$defs/entity"},
                "description": "The entities, by kind and then by preferred name.",
            },
        },
        "$defs": {
            "entity": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "id",
                    "kind",
                    "name",
                    "category",
                    "names",
                    "dates",
                    "gloss",
                    "relations",
                    "authority",
                    "sources",
                    "mentions",
                    "page",
                ],
                "properties": {
                    "id": {
                        "type": "string",
                        "pattern": id_pattern,
                        "description": "Stable identifier: lower-case letters, digits and hyphens.",
                    },
                    "kind": {"enum": list(profile.kinds), "description": "What the entity is."},
                    "name": {"type": "string", "minLength": 1, "description": "The preferred name, in English usage."},
                    "category": {
                        "type": "string",
                        "description": "A finer category in the editors' words (e.g. 'composer'); may be empty.",
                    },
                    "names": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/name"},
                        "description": "Every form of the name, in every language and script.",
                    },
                    "dates": {
                        "type": "object",
                        "additionalProperties": False,
                        "description": "Dates as EDTF strings (ISO 8601-2: 1943? uncertain, 1942~ approximate, "
                        "[1942,1943] one of, 1941/1944 interval). A kind has only its own fields: "
                        + "; ".join(f"{k}: {', '.join(v)}" for k, v in date_fields.items())
                        + ".",
                        "properties": {
                            f: {"type": "string", "minLength": 1, "description": profile.date_fields[f].meaning}
                            for f in profile.all_date_fields
                        },
                    },
                    "gloss": {
                        "type": "string",
                        "minLength": 1,
                        "description": "A short note identifying the entity, as printed in the edition.",
                    },
                    "relations": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/relation"},
                        "description": "Typed links from this entity to others of the register.",
                    },
                    "authority": {
                        "type": "object",
                        "additionalProperties": False,
                        "description": "Records of the entity in authority files, by authority.",
                        "properties": {
                            a: {
                                "$ref": "#/$defs/authority_record",
                                "description": f"The record in {x.label}.",
                            }
                            for a, x in profile.authorities.items()
                        },
                    },
                    "sources": {
                        "type": "array",
                        "minItems": 1,
                        "items": {"type": "string"},
                        "description": "Keys of the bibliography (references.bib) the gloss rests on.",
                    },
                    "mentions": {
                        "type": "array",
                        "items": {"$ref": "#/$defs/mention"},
                        "description": "Where the edition mentions the entity, in the order of its pages.",
                    },
                    "page": {
                        "type": "string",
                        "description": "The entity's page, relative to the root of the HTML edition.",
                    },
                },
                "allOf": [
                    {
                        "if": {"properties": {"kind": {"const": kind}}},
                        "then": {"properties": {"dates": {"propertyNames": {"enum": list(fields)}}}},
                    }
                    for kind, fields in date_fields.items()
                ],
            },
            "name": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "lang", "type", "note"],
                "properties": {
                    "text": {"type": "string", "minLength": 1, "description": "The name as written."},
                    "lang": {
                        "type": "string",
                        "pattern": f"^{BCP47.pattern}$",
                        "description": "Its language and script, as a BCP 47 tag (e.g. kk-Cyrl, zh-Hans).",
                    },
                    "type": {"enum": list(profile.name_types), "description": "What form of the name it is."},
                    "note": {"type": "string", "description": "Where the form is used; may be empty."},
                },
            },
            "relation": {
                "type": "object",
                "additionalProperties": False,
                "required": ["type", "target"],
                "properties": {
                    "type": {
                        "enum": list(profile.relations),
                        "description": "The relation, read 'this entity <type> target'.",
                    },
                    "target": {"type": "string", "pattern": id_pattern, "description": "The id of the other entity."},
                },
            },
            "authority_record": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "url"],
                "properties": {
                    "id": {"type": "string", "minLength": 1, "description": "The id in the authority file."},
                    "url": {"type": "string", "description": "The URL of the record."},
                },
            },
            "mention": {
                "type": "object",
                "additionalProperties": False,
                "required": ["docname", "paragraph", "anchor", "text"],
                "properties": {
                    "docname": {"type": "string", "description": "The page, e.g. articles/qazaqtv-2018-composer."},
                    "paragraph": {
                        "type": "string",
                        "description": "The paragraph of an edited text (e.g. '¶ 4'); empty elsewhere.",
                    },
                    "anchor": {"type": "string", "description": "The paragraph's anchor on the page (e.g. 'p-4')."},
                    "text": {"type": "string", "description": "The words the page uses for the entity there."},
                },
            },
        },
    }


@dataclass(frozen=True)
class SchemaField:
    """One documented field of the schema: its path, type, whether required, and description."""

    path: str
    type: str
    required: bool
    description: str


def schema_fields(schema: Mapping[str, Any] | None = None) -> list[SchemaField]:
    """Every field of the schema, depth first, for the field-by-field documentation."""
    schema = schema or json_schema()
    defs = schema.get("$defs", {})
    found: list[SchemaField] = []

    def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
        ref = node.get("$ref", "")
        return {**defs[ref.rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}} if ref else node

    def type_of(node: Mapping[str, Any]) -> str:
        if "enum" in node:
            return "one of: " + ", ".join(map(str, node["enum"]))
        if node.get("type") == "array":
            return f"list of {type_of(resolve(node['items']))}s"
        return str(node.get("type", "any"))

    def walk(node: Mapping[str, Any], prefix: str) -> None:
        required = set(node.get("required", ()))
        for name, child in node.get("properties", {}).items():
            child = resolve(child)
            path = f"{prefix}{name}"
            found.append(SchemaField(path, type_of(child), name in required, str(child.get("description", ""))))
            if child.get("type") == "object":
                walk(child, path + ".")
            elif child.get("type") == "array" and resolve(child["items"]).get("type") == "object":
                walk(resolve(child["items"]), path + "[].")

    walk(schema, "")
    return found


def data_files(
    records: list[dict[str, Any]], metadata: Mapping[str, str] | None = None, base: str = ""
) -> dict[str, str]:
    """The text of every data file, by file name (see described_data_files)."""
    return {
        "register.json": to_json(records, metadata),
        "register.csv": to_csv(records),
        "register.jsonld": to_jsonld(records, metadata, base),
        "register.schema.json": _dumps(json_schema()),
    }


# --- the timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPublication:
    """The original publication of an edited text: its page, headline, publisher and date (EDTF)."""

    docname: str
    title: str
    publisher: str
    value: str


@dataclass(frozen=True)
class DatedFact:
    """One dated fact: an entity, a date field and its EDTF value, or the publication of an edited text.

    ``also`` names the events that record the same happening (an event about a work on the day of its
    premiere): the timeline lists the happening once, and links them from this fact.
    """

    entity_id: str
    kind: str
    name: str
    field: str
    value: str
    earliest: date
    also: tuple[str, ...] = ()
    text: TextPublication | None = None

    @property
    def certainty(self) -> str:
        """'' for a known date, else 'uncertain', 'approximate' or both ('[1942,1943]' is uncertain)."""
        marks = []
        if any(c in self.value for c in "?%[{X"):
            marks.append("uncertain")
        if any(c in self.value for c in "~%"):
            marks.append("approximate")
        return ", ".join(marks)

    def happening(self) -> tuple[str, str]:
        """What happened, as (text before the name, text after it): ('', ' born')."""
        known = active().date_fields.get(self.field)
        before, _, after = (known.happening if known else "{}: " + self.field).partition("{}")
        return before, after

    @property
    def sort_key(self) -> tuple[date, str, int, str]:
        """The earliest day, then the entity (or the text's page), then the field in the register's order."""
        order = {f: i for i, f in enumerate(active().all_date_fields)}
        ident = self.entity_id or (self.text.docname if self.text else "")
        return (self.earliest, ident, order.get(self.field, len(order)), self.field)


def same_happenings(register: Register) -> dict[str, tuple[str, str]]:
    """Events that record a date another entity already has: event id -> (entity id, date field).

    An event that is ``about`` an entity and carries the same EDTF value as one of that entity's dates
    is that date's happening told twice (the event "World premiere of Composer" on the day of
    *Composer*'s ``premiere``). An event that is only related otherwise (a festival where a film
    premiered) is a happening of its own.
    """
    found: dict[str, tuple[str, str]] = {}
    kinds = active().kinds
    for event in register:
        occurs = kinds[event.kind].occurs if event.kind in kinds else ""
        value = event.dates.get(occurs) if occurs else None
        if not value:
            continue
        for relation in event.relations:
            target = register.get(relation.target) if relation.type == "about" else None
            fields = [k for k, v in target.dates.items() if v == value] if target else []
            if target and fields and event.id not in found:
                found[event.id] = (target.id, fields[0])
    return found


def timeline(register: Register, texts: Iterable[TextPublication] = ()) -> list[DatedFact]:
    """Every valid date of the register and of the texts' publications, once each, by the earliest day it can mean.

    Ties are ordered by entity id (or the text's page) and then by date field; an event that tells
    another entity's date again (see ``same_happenings``) is folded into that entity's fact.
    """
    folded = same_happenings(register)
    kinds = active().kinds
    also: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, target in sorted(folded.items()):
        also[target].append(event_id)
    facts = []
    for e in register:
        for key, value in e.dates.items():
            bounds = date_bounds(value)
            told_again = e.id in folded and e.kind in kinds and key == kinds[e.kind].occurs
            if bounds is None or told_again:  # an invalid date is reported by the checks
                continue
            facts.append(DatedFact(e.id, e.kind, e.name, key, value, bounds[0], tuple(also.get((e.id, key), ()))))
    for text in texts:
        bounds = date_bounds(text.value) if text.value else None
        if bounds is not None:
            facts.append(DatedFact("", "text", text.title, "published", text.value, bounds[0], text=text))
    return sorted(facts, key=lambda f: f.sort_key)
