"""The editors' reference, made from the code itself: problem codes, settings, roles, directives and the fields of
the edition profile."""

from __future__ import annotations

from ..core.corpus import FACTS
from ..core.kinds import ANY_KIND_ROLE
from ..core.problems import PROBLEM_CODES
from ..core.syntax import with_article
from ..profile import active, profile_fields


def _first_line(doc: str | None) -> str:
    """A docstring's first line as a reader reads it (without reStructuredText's literal quotes)."""
    return (doc or "").strip().splitlines()[0].replace("``", "") if doc else ""


def _severity_note(severity: str) -> str:
    return "" if severity == "error" else f" Default severity: {severity}."


def edition_directives() -> dict[str, type]:
    """Every directive the extension has registered, by name: read from docutils' registry, where Sphinx puts each
    one, so that a directive added in any module is listed (docutils' own, confined to the project, are not)."""
    from docutils.parsers.rst import directives

    from .files import READING_DIRECTIVES

    registered = directives._directives  # as Sphinx's own is_directive_registered does
    return {
        name: cls
        for name, cls in sorted(registered.items())
        if getattr(cls, "__module__", "").startswith("critical_edition.") and name not in READING_DIRECTIVES
    }


def reference_tables() -> dict[str, tuple[tuple[str, str], ...]]:
    """Term and text for each entry of the reference tables, by table name."""
    from . import markup
    from .extension import SETTINGS
    from .facts import FactRole

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
    roles += tuple((f"{{{name}}}", _first_line(cls.__doc__)) for name, cls in markup.EDITORIAL_ROLES.items())
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
