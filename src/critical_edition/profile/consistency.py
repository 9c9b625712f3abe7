"""What cannot be checked field by field: a profile's parts must agree with one another, and with TEI.

A relation names kinds, a kind names date fields, a rule of chronology names two of them; no two kinds share
a role, and none takes a role the edition or Sphinx already has; a kind's TEI elements are those TEI allows
where the edition writes them. Each disagreement carries the path of the value at fault, for its line.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .schema import Kind, Profile

Location = tuple[str | int, ...]
"""The path of a value in a profile: ('relations', 'directed', 'objects', 0)."""

NAME = re.compile(r"[a-z][a-z0-9-]{0,40}")
"""The form of a name the register and the texts use: a kind, a relation, a date field, a role."""

TEI_ENTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "listPerson": ("person", ("persName", "name")),
    "listPlace": ("place", ("placeName", "name")),
    "listOrg": ("org", ("orgName", "name")),
    "listBibl": ("bibl", ("title",)),
    "listEvent": ("event", ("label",)),
    "listObject": ("object", ("objectName",)),
}
"""The standOff lists of TEI P5, each with its entry element and the name elements the edition writes there
(the writer, sphinx/tei/standoff.py, has one layout per entry element)."""

TEI_MENTIONS: tuple[str, ...] = ("persName", "placeName", "orgName", "title", "name", "objectName", "rs")
"""The elements of TEI P5 that may mark a mention of a register entry in running text (with ``@ref``)."""

RESERVED_ROLES: tuple[str, ...] = (
    "ent", "corr", "sic", "supplied", "lang", "unclear", "footcite", "cite", "edition-fact",
    "doc", "ref", "numref", "term", "download", "abbr", "math", "eq", "any", "keyword", "option", "envvar",
    "token", "pep", "rfc", "kbd", "command", "file", "samp", "program", "dfn", "guilabel", "menuselection",
    "mimetype", "newsgroup", "manpage", "regexp", "emphasis", "strong", "literal", "code", "raw", "sub", "sup",
    "subscript", "superscript", "title", "title-reference", "abbreviation", "acronym", "index",
)  # fmt: skip
"""Roles a kind cannot take: the edition's own, and Sphinx's and docutils' in the default domain (the Sphinx
layer adds those other extensions have registered)."""

REQUIRABLE_FIELDS: tuple[str, ...] = (
    "category", "names", "dates", "relations", "authority", "authority_evidence", "authority_note", "coordinates",
    "sort_as",
)  # fmt: skip
"""The optional fields of a register file that a kind may require (core/register.py's schema has them)."""


@dataclass(frozen=True)
class Inconsistency:
    """A value of a profile at odds with another part of it."""

    where: Location
    message: str
    hint: str
    named: Location = ()  # what the value names, where the profile would declare it (a kind: ('kinds', 'event'))


def _unknown(where: Location, what: str, value: str, known: Iterable[str], section: str = "") -> Inconsistency:
    """A name the profile does not have (in ``section``), with the closest it has."""
    known = list(known)
    close = difflib.get_close_matches(value, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known) or '(none)'}"
    return Inconsistency(where, f"unknown {what} '{value}'", hint, (section, value) if section else ())


def placeholders(form: str) -> set[str]:
    """The names in braces of a format: {'born', 'died'} for '{born} – {died}'."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(form) if name}
    except ValueError:
        return {"?"}


def cross_references(profile: Profile, taken_roles: Collection[str] = ()) -> list[Inconsistency]:
    """Values that name what the profile does not have, roles taken twice (or taken already: ``RESERVED_ROLES``,
    ``taken_roles``), TEI elements where TEI has none."""
    found = _kind_problems(profile, taken_roles) + _relation_problems(profile)
    fields = profile.date_fields
    for name, field in fields.items():
        if not NAME.fullmatch(name):
            found.append(Inconsistency(("date_fields", name), f"'{name}' is not a name", "use a-z, 0-9 and '-'"))
        if field.happening.count("{}") != 1:
            hint = "e.g. '{} born'"
            found.append(Inconsistency(("date_fields", name, "happening"), "it must hold {} once, for the name", hint))
    for i, rule in enumerate(profile.chronology):
        for end in ("earlier", "later"):
            if getattr(rule, end) not in fields:
                found.append(_unknown(("chronology", i, end), "date field", getattr(rule, end), fields, "date_fields"))
    for i, form in enumerate(profile.brief_dates):
        found += [
            _unknown(("brief_dates", i), "date field", f, fields, "date_fields")
            for f in sorted(placeholders(form) - set(fields))
        ]
    for name, authority in profile.authorities.items():
        if "{id}" not in authority.url:
            found.append(Inconsistency(("authorities", name, "url"), "the address must hold {id}", "e.g. …/wiki/{id}"))
        elif not profile.authority_id_is_valid(name, authority.example):
            hint = "give an id of the form the pattern describes"
            found.append(Inconsistency(("authorities", name, "example"), "it does not match the pattern", hint))
    for i, editor in enumerate(profile.editors):
        if editor.family and not editor.name.endswith(" " + editor.family.strip()):
            hint = f"write it as the name ends: '{editor.name.split()[-1]}'"
            found.append(Inconsistency(("editors", i, "family"), "'family' must be the last word(s) of the name", hint))
    return found


def _kind_problems(profile: Profile, taken_roles: Collection[str]) -> list[Inconsistency]:
    found: list[Inconsistency] = []
    roles: dict[str, str] = {}
    for name, kind in profile.kinds.items():
        at: Location = ("kinds", name)
        if not NAME.fullmatch(name):
            found.append(Inconsistency(at, f"'{name}' is not a name for a kind", "use a-z, 0-9 and '-'"))
        if kind.role in RESERVED_ROLES or kind.role in taken_roles or not NAME.fullmatch(kind.role):
            hint = "give the kind a role of its own, e.g. its name"
            found.append(Inconsistency((*at, "role"), f"the role '{kind.role}' is taken", hint))
        elif kind.role in roles:
            message = f"the role '{kind.role}' is the role of '{roles[kind.role]}' too"
            found.append(Inconsistency((*at, "role"), message, "give each kind a role of its own"))
        roles.setdefault(kind.role, name)
        for i, field in enumerate(kind.date_fields):
            if field not in profile.date_fields:
                found.append(_unknown((*at, "date_fields", i), "date field", field, profile.date_fields, "date_fields"))
        if kind.occurs and kind.occurs not in kind.date_fields:
            found.append(_unknown((*at, "occurs"), "date field of this kind", kind.occurs, kind.date_fields))
        for prop, given in kind.schema_org_dates.items():
            found += [
                _unknown((*at, "schema_org_dates", prop, i), "date field of this kind", field, kind.date_fields)
                for i, field in enumerate(given)
                if field not in kind.date_fields
            ]
        found += [
            _unknown((*at, "required", i), "register field", field, REQUIRABLE_FIELDS)
            for i, field in enumerate(kind.required)
            if field not in REQUIRABLE_FIELDS
        ]
        found += _tei_problems(at, kind)
    return found


def _relation_problems(profile: Profile) -> list[Inconsistency]:
    found: list[Inconsistency] = []
    kinds = profile.kinds
    for name, relation in profile.relations.items():
        at: Location = ("relations", name)
        if not NAME.fullmatch(name):
            found.append(Inconsistency(at, f"'{name}' is not a name for a relation", "use a-z, 0-9 and '-'"))
        for end in ("subjects", "objects"):
            found += [
                _unknown((*at, end, i), "kind", kind, kinds, "kinds")
                for i, kind in enumerate(getattr(relation, end))
                if kind != "*" and kind not in kinds
            ]
        found += [
            _unknown((*at, "sentences", kind), "kind", kind, kinds, "kinds")
            for kind in relation.sentences
            if kind not in kinds
        ]
        by_kind = relation.schema_org if isinstance(relation.schema_org, dict) else {}
        found += [
            _unknown((*at, "schema_org", kind), "kind", kind, kinds, "kinds") for kind in by_kind if kind not in kinds
        ]
        sentences = [(("sentence",), relation.sentence)] + [
            (("sentences", k), s) for k, s in relation.sentences.items()
        ]
        for where, sentence in sentences:
            if sentence and placeholders(sentence) != {"subject", "object"}:
                message = "a sentence must name {subject} and {object}, and nothing else in braces"
                found.append(Inconsistency((*at, *where), message, "e.g. '{subject} directed {object}'"))
    return found


def _tei_problems(at: Location, kind: Kind) -> list[Inconsistency]:
    """A kind's TEI elements that TEI does not allow where the edition writes them."""
    if kind.tei_list not in TEI_ENTRIES:
        return [_unknown((*at, "tei_list"), "TEI list", kind.tei_list, TEI_ENTRIES)]
    entry, names = TEI_ENTRIES[kind.tei_list]
    found = []
    if kind.tei_entry != entry:
        message = f"a {kind.tei_list} holds {entry}, not {kind.tei_entry}"
        found.append(Inconsistency((*at, "tei_entry"), message, f"write tei_entry: {entry}"))
    if kind.tei_name not in names:
        message = f"the edition names a TEI {entry} with {' or '.join(names)}, not {kind.tei_name}"
        found.append(Inconsistency((*at, "tei_name"), message, f"write tei_name: {names[0]}"))
    if kind.tei_mention not in TEI_MENTIONS:
        found.append(_unknown((*at, "tei_mention"), "TEI element for a mention", kind.tei_mention, TEI_MENTIONS))
    return found
