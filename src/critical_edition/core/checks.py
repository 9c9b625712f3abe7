"""Every cross-reference and consistency check of the edition, as pure functions.

Each check takes the register (and mentions or bib keys) and returns a list of Problems.
None is quadratic in the number of mentions: mentions are looked up by id in dicts.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping

from ..profile import active
from .bibliography import BibUrl, is_web_address
from .chronology import date_problems
from .model import EditedText, Intervention, Mention, Problem
from .register import Register
from .relation_checks import authority_problems, relation_problems
from .syntax import with_article
from .vocabulary import (
    CHOICE_SETTINGS,
    has_other_script,
    language_tag,
    verification_problem,
)


def unresolved_mentions(register: Register, mentions: Iterable[Mention]) -> list[Problem]:
    """Mentions of an id that the register does not declare."""
    problems = []
    suggestions: dict[str, list[str]] = {}
    for m in mentions:
        if m.entity_id in register:
            continue
        if m.entity_id in register.broken:
            problems.append(
                Problem(
                    "unknown-entity",
                    f"entity '{m.entity_id}' cannot be used: its register file has errors",
                    m.path,
                    m.line,
                    f"fix {register.broken[m.entity_id]} (see its own warning)",
                )
            )
            continue
        if m.entity_id not in suggestions:  # one search per distinct id, not per mention
            suggestions[m.entity_id] = register.suggest(m.entity_id)
        close = suggestions[m.entity_id]
        hint = (
            f"did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else (f"add annotations/<kind>/{m.entity_id}.md, or check the id")
        )
        problems.append(Problem("unknown-entity", f"unknown entity id '{m.entity_id}'", m.path, m.line, hint))
    return problems


def kind_mismatches(register: Register, mentions: Iterable[Mention]) -> list[Problem]:
    """Mentions whose role names another kind than the entity's (a place role for a person)."""
    problems = []
    for m in mentions:
        entity = register.get(m.entity_id)
        if entity is None or m.role_kind is None or m.role_kind == entity.kind:
            continue
        role = active().role_of(entity.kind)
        kinds = f"is {with_article(entity.kind)}, but it is referenced with {with_article(m.role_kind)} role"
        problems.append(
            Problem(
                "wrong-kind",
                f"'{m.entity_id}' {kinds}",
                m.path,
                m.line,
                f"write {{{role}}}`{m.text} <{m.entity_id}>`",
            )
        )
    return problems


def orphan_entities(register: Register, mentions: Iterable[Mention], severity: str = "warning") -> list[Problem]:
    """Entities declared in the register and mentioned nowhere."""
    if severity == "ignore":
        return []
    mentioned = {m.entity_id for m in mentions}
    return [
        Problem(
            "orphan-entity",
            f"entity '{e.id}' is declared but never mentioned",
            e.path,
            e.line_of("id"),
            "mention it in an article or annotation, or delete the file",
            severity=severity,  # type: ignore[arg-type]
        )
        for e in register
        if e.id not in mentioned
    ]


def config_problems(
    values: Mapping[str, object], path: str, conf_text: str, overridden: Collection[str] = ()
) -> list[Problem]:
    """Settings of the edition in conf.py that have no meaning (``edition_orphans = "maybe"``) or are retired.

    ``values`` are the settings' values, by name, for the settings of ``CHOICE_SETTINGS`` it names.

    The line is that of the last assignment in ``conf_text`` (the one that counts); a setting named in
    ``overridden`` was given on the command line (``-D edition_orphans=maybe``), which the problem says, with no
    file.
    """
    problems = [
        Problem("config", f"{name} is no longer read", path, line, hint)
        for name, hint in RETIRED_SETTINGS.items()
        if (line := assignment_line(name, conf_text))
    ]
    for name, value in values.items():
        allowed = CHOICE_SETTINGS[name]
        if not (isinstance(value, str) and value in allowed):
            hint = f"allowed values: {', '.join(repr(s) for s in allowed)}"
            if name in overridden:
                message = f"{name} = {value!r}, given on the command line (-D {name}={value}), is not a known setting"
                problems.append(Problem("config", message, "", None, hint))
                continue
            problems.append(
                Problem("config", f"{name} = {value!r} is not a known setting", path,
                        assignment_line(name, conf_text), hint)
            )  # fmt: skip
    return problems


def page_list_problems(
    lists: Mapping[str, list[str]], pages: Iterable[str], path: str, conf_text: str
) -> list[Problem]:
    """Settings that list pages of the edition (``edition_print_back``) naming one it does not have, at their line."""
    known = sorted(pages)
    problems = []
    for name, listed in lists.items():
        for page in listed:
            if page not in known:
                close = difflib.get_close_matches(page, known, n=1)
                hint = f"did you mean '{close[0]}'?" if close else "give document names, e.g. 'principles'"
                problems.append(
                    Problem("config", f"{name} names '{page}', which is not a page of the edition", path,
                            assignment_line(name, conf_text), hint)
                )  # fmt: skip
    return problems


RETIRED_SETTINGS = {
    "edition_article_sources": "declare each text's source with the ':source: <bib key>' option of {edited-text}",
    "edition_editors": "declare the editors in the edition's profile (edition-profile.yaml): 'editors:', a list of "
    "{name, role, orcid}",
    "edition_rights": "declare the rights statement in the edition's profile: 'licence: {rights: ...}'",
    "edition_license_url": "declare the licence in the edition's profile: 'licence: {name: ..., url: ...}'",
    "edition_data_license": "declare the data's licence in the edition's profile: 'licence: {data_url: ...}'",
}
"""Settings of earlier versions that are no longer read, with what replaces them."""


def assignment_line(name: str, conf_text: str) -> int | None:
    """The line of the last assignment to ``name`` in conf.py (the one that counts)."""
    assignment = re.compile(rf"\s*{name}\s*(:[^=]*)?=(?!=)")
    lines = [n for n, text in enumerate(conf_text.splitlines(), 1) if assignment.match(text)]
    return lines[-1] if lines else None


def source_problems(register: Register, keys: set[str]) -> list[Problem]:
    """Sources that are not keys of references.bib, in the front matter or in citations of the body."""
    problems = []
    for e in register:
        for i, key in enumerate(e.sources):
            if key not in keys:
                problems.append(
                    unknown_source_problem(key, keys, e.path, e.field_lines.get(f"sources.{i}", e.line_of("sources")))
                )
        if e.coordinates_source and e.coordinates_source not in keys:
            problems.append(unknown_source_problem(e.coordinates_source, keys, e.path, e.line_of("coordinates.source")))
        for key, line in cited_keys(e.body, e.line_of("body")):
            if key not in keys:
                problems.append(unknown_source_problem(key, keys, e.path, line))
    return problems


CITATION = re.compile(r"\{foot(?:cite|cite:[a-z]+)\}`([^`]*)`|\{cite(?::[a-z]+)?\}`([^`]*)`")


def cited_keys(text: str, first_line: int = 1) -> list[tuple[str, int]]:
    """The bib keys cited with footcite or cite roles in MyST text, with their lines."""
    found = []
    for match in CITATION.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        for key in (match.group(1) or match.group(2) or "").split(","):
            if key.strip():
                found.append((key.strip(), line))
    return found


def unknown_source_problem(key: str, keys: set[str], path: str, line: int | None) -> Problem:
    close = difflib.get_close_matches(key, sorted(keys), n=2)
    hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "add the entry to references.bib"
    return Problem("unknown-source", f"bib key '{key}' is not in references.bib", path, line, hint)


def url_problems(urls: Iterable[BibUrl], path: str) -> list[Problem]:
    """Addresses in the bibliography that are not absolute http(s) URLs (a ``javascript:`` link, a relative path)."""
    problems = []
    for found in urls:
        if not is_web_address(found.url):
            problems.append(
                Problem(
                    "bad-url",
                    f"the {found.field} of '{found.key}' is not an http(s) address: {found.url!r}",
                    path,
                    found.line,
                    "write the full address, starting with https://",
                )
            )
    return problems


HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--")
SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript)\s*:|\bdata\s*:\s*[a-z]+/[a-z0-9.+-]+[;,]", re.I)


def raw_markup(text: str) -> str:
    """The first HTML tag or script address in a piece of plain text, or ""."""
    found = HTML_TAG.search(text) or SCRIPT_URL.search(text)
    return found.group(0) if found else ""


def register_markup_problems(register: Register) -> list[Problem]:
    """HTML tags or script addresses (``javascript:``, ``data:``) in the register's plain-text fields.

    They are printed as text wherever they are written; the warning tells the editor that they will
    not work as markup (and that someone may have tried to slip a script in).
    """
    problems = []
    for e in register:
        fields: list[tuple[str, str, int]] = [
            ("name", e.name, e.line_of("name")),
            ("gloss", e.gloss, e.line_of("gloss")),
            ("category", e.category, e.line_of("category")),
        ]
        for i, n in enumerate(e.names):
            line = e.field_lines.get(f"names.{i}", e.line_of("names"))
            fields += [("name variant", n.text, e.field_lines.get(f"names.{i}.text", line))]
            fields += [("name note", n.note, e.field_lines.get(f"names.{i}.note", line))]
        for what, text, line in fields:
            found = raw_markup(text)
            if found:
                problems.append(
                    Problem(
                        "raw-markup",
                        f"the {what} of '{e.id}' contains markup, which is printed as text: {found!r}",
                        e.path,
                        line,
                        "write plain text: no HTML tags, no javascript: or data: addresses",
                    )
                )
    return problems


def evidence_problems(
    interventions: Iterable[Intervention], keys: set[str], path_of: Callable[[str], str]
) -> list[Problem]:
    """Evidence of supplied text that names no entry of references.bib."""
    problems = []
    for iv in interventions:
        for key in (k.strip() for k in iv.evidence.split(",") if k.strip()):
            if key not in keys:
                problems.append(unknown_source_problem(key, keys, path_of(iv.docname), iv.line))
    return problems


def fold(text: str) -> str:
    """A form of a name for comparison: no diacritics, case, punctuation or possessive."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def name_mismatches(register: Register, mentions: Iterable[Mention]) -> list[Problem]:
    """Displayed text that matches none of the entity's names (a misspelt or misattributed name)."""
    known: dict[str, list[list[str]]] = {}
    problems = []
    for m in mentions:
        entity = register.get(m.entity_id)
        if entity is None or not m.text.strip():
            continue
        if entity.id not in known:
            known[entity.id] = [fold(n).split() for n in entity.all_names()]
        shown = fold(m.text).split()
        shown = [w for w in shown if w not in ("the", "a", "an")] if len(shown) > 1 else shown
        if any(_contains(name, shown) for name in known[entity.id]):
            continue
        role = active().role_of(entity.kind) if entity.kind in active().kinds else "ent"
        problems.append(
            Problem(
                "name-mismatch",
                f"'{m.text}' matches no name of '{entity.id}' ({'; '.join(entity.all_names())})",
                m.path,
                m.line,
                f"mark a misspelling as a source error ({{{role}}}`Sourcename -> Rightname <{entity.id}>`), "
                "add the form to the entity's names, or check the id",
            )
        )
    return problems


def _contains(name: list[str], shown: list[str]) -> bool:
    name = [w for w in name if w not in ("the", "a", "an")] if len(name) > 1 else name
    n = len(shown)
    return n > 0 and any(name[i : i + n] == shown for i in range(len(name) - n + 1))


REQUIRED_SOURCE_FIELDS = ("title", "howpublished", "year", "url")
"""What the entry of a text's source must give: its citation, metadata and the edition's title use them."""


def source_record_problems(
    texts: Iterable[EditedText],
    entries: Mapping[str, Mapping[str, str]],
    where: Mapping[str, tuple[str, int]],
    verification_records: bool,
) -> list[Problem]:
    """Text sources without the fields the edition needs, at their entry's line (else at the text's); with
    ``verification_records``, entries without a verification record."""
    problems = []
    hint = "complete the entry in the bibliography (CONTRIBUTING, 'Adding a text', step 2)"
    for text in texts:
        fields = entries.get(text.source)
        missing = [f for f in REQUIRED_SOURCE_FIELDS if fields is not None and not fields.get(f, "").strip()]
        if missing:
            what = ", ".join(missing)
            path, line = where.get(text.source.lower(), (text.path, text.line))
            problems.append(Problem("source-record", f"the source '{text.source}' of {text.path} has no {what}",
                                    path, line, hint))  # fmt: skip
    for key, fields in sorted(entries.items()):
        wrong = _language_problem(fields)
        if wrong:
            path, line = where.get(key.lower(), ("", 0))
            hint = "give it as a name (russian, kazakh, chinese…) or as a BCP 47 tag (zh-Hans)"
            problems.append(Problem("source-record", f"'{key}': {wrong}", path, line or None, hint))
    if verification_records:
        for key, fields in sorted(entries.items()):
            wrong = verification_problem(fields.get("annote", ""))
            if wrong:
                path, line = where.get(key.lower(), ("", 0))
                problems.append(Problem("source-record", f"'{key}': {wrong}", path, line or None,
                                        "see CONTRIBUTING, 'Adding a source'"))  # fmt: skip
    return problems


def _language_problem(fields: Mapping[str, str]) -> str:
    """What is wrong with an entry's ``language`` (the language its title and other-script words are tagged
    with, for screen readers and fonts), or ''."""
    value = fields.get("language", "")
    if language_tag(value) is None:
        return f"the language '{value}' is neither a known language name nor a BCP 47 tag"
    if not value.strip() and has_other_script(fields.get("title", "")):
        return "the title is written in another script than Latin but the entry gives no language"
    return ""


def check_all(
    register: Register, mentions: list[Mention], keys: set[str] | None, orphan_severity: str = "warning"
) -> list[Problem]:
    """Every check over the register and the mentions, in a stable order."""
    checks: list[Callable[[], list[Problem]]] = [
        lambda: list(register.problems),
        lambda: unresolved_mentions(register, mentions),
        lambda: kind_mismatches(register, mentions),
        lambda: name_mismatches(register, mentions),
        lambda: relation_problems(register),
        lambda: authority_problems(register),
        lambda: date_problems(register),
        lambda: register_markup_problems(register),
        lambda: orphan_entities(register, mentions, orphan_severity),
    ]
    if keys is not None:
        checks.append(lambda: source_problems(register, keys))
    problems = [p for check in checks for p in check()]
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.code, p.message))
