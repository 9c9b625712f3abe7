"""The editors' reference, made from the code itself: problem codes, settings, roles, directives, the fields of the
edition profile, and the edition's rules (``{edition-rules}``) as the code applies them."""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..core.corpus import FACTS
from ..core.kinds import ANY_KIND_ROLE
from ..core.model import Problem
from ..core.problems import PROBLEM_CODES
from ..core.syntax import split_runs, with_article
from ..core.witness import NORMALISATIONS
from ..profile import active, profile_fields
from .editorial import EditorialRole, editorial_roles
from .facts import FactRole
from .files import READING_DIRECTIVES
from .report import warn
from .settings import SETTINGS


def _first_line(doc: str | None) -> str:
    """A docstring's first line as a reader reads it (without reStructuredText's literal quotes)."""
    return (doc or "").strip().splitlines()[0].replace("``", "") if doc else ""


def _severity_note(severity: str) -> str:
    return "" if severity == "error" else f" Default severity: {severity}."


def _editorial_line(role: EditorialRole) -> str:
    """An editorial role's line: its docstring's first line, and the words each option with a vocabulary takes."""
    words = "".join(f" Its {o.label}: {', '.join(o.choices)}." for o in role.options if o.choices)
    return _first_line(type(role).__doc__) + words


def edition_directives() -> dict[str, type]:
    """Every directive the extension has registered, by name: read from docutils' registry, where Sphinx puts each
    one, so that a directive added in any module is listed (docutils' own, confined to the project, are not)."""
    registered = directives._directives  # as Sphinx's own is_directive_registered does
    return {
        name: cls
        for name, cls in sorted(registered.items())
        if getattr(cls, "__module__", "").startswith("critical_edition.") and name not in READING_DIRECTIVES
    }


def reference_tables() -> dict[str, tuple[tuple[str, str], ...]]:
    """Term and text for each entry of the reference tables, by table name."""
    problems = tuple(
        (
            f"edition.{p.code}",
            f"{p.meaning}. What to do: {p.remedy}." + _severity_note(p.severity),
        )
        for p in PROBLEM_CODES.values()
    )
    settings = tuple((s.name, f"{s.meaning} (default: {s.default!r})") for s in SETTINGS)
    kinds = active().kinds.values()
    roles = tuple((f"{{{k.role}}}`text <id>`", f"a mention of {with_article(k.label.lower())}") for k in kinds)
    roles += ((f"{{{ANY_KIND_ROLE}}}`text <id>`", "a mention of an entity of any kind"),)
    roles += tuple((f"{{{r.name}}}", _editorial_line(r)) for r in editorial_roles() if r.directive is None)
    roles += (
        (
            "{edition-fact}`name`",
            f"{_first_line(FactRole.__doc__).rstrip('.')}. The facts: "
            + "; ".join(f"{n}, {m}" for n, m in FACTS.items()),
        ),
    )
    directives = tuple(
        (
            f"{{{name}}}" + "".join(f" :{option}:" for option in getattr(cls, "option_spec", None) or {}),
            _first_line(cls.__doc__),
        )
        for name, cls in edition_directives().items()
    )
    profile = tuple(
        (f.path, f"{f.description} ({f.type}; default: {f.default})" if f.description else f"({f.type})")
        for f in profile_fields()
    )
    return {"problems": problems, "settings": settings, "roles": roles, "directives": directives, "profile": profile}


_MARK_LIST = re.compile(r"(?<=\()[^\w\s()][^\w()]*(?<=\S)(?=\))")
"""A list of marks in parentheses, as in ``(" “ ” „)``: the marks themselves, not words."""


def rule_text(text: str) -> list[nodes.Node]:
    """A rule's text, its lists of marks as code: as printed, so that neither smart quotes (HTML, EPUB) nor TeX's
    ligatures (PDF) turn the straight marks a rule names into curly ones."""
    return [nodes.literal(run, run) if marks else nodes.Text(run) for run, marks in split_runs(_MARK_LIST, text) if run]


class EditionRulesDirective(SphinxDirective):
    """``{edition-rules} <table>``: the rules and the reference as the code applies them (it cannot drift)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        tables = {
            "normalisations": NORMALISATIONS,
            "omissions": tuple(active().omission_reasons.items()),
            "certainty": tuple(active().certainty.items()),
            **reference_tables(),
        }
        rows = tables.get(self.arguments[0])
        if rows is None:
            warn(
                Problem("bad-markup", f"unknown rules '{self.arguments[0]}'", hint=f"use: {', '.join(tables)}"),
                self.get_location(),
            )
            return []
        listing = nodes.definition_list(classes=["edition-rules"])
        for term, text in rows:
            item = nodes.definition_list_item()
            item += nodes.term(term, term)
            definition = nodes.definition()
            definition += nodes.paragraph(text, "", *rule_text(text))
            item += definition
            listing += item
        return [listing]


DIRECTIVES: dict[str, type[SphinxDirective]] = {"edition-rules": EditionRulesDirective}
"""The directive of the reference, by name."""
