"""Plain data of an edition: entities, names, mentions, interventions, problems.

Nothing here knows Sphinx or docutils.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .problems import PROBLEM_CODES, Severity


@dataclass(frozen=True)
class Name:
    """One form of an entity's name, in one language and script."""

    text: str
    lang: str
    type: str
    note: str = ""


@dataclass(frozen=True)
class Relation:
    """A typed, directed link from one entity to another."""

    type: str
    target: str
    line: int | None = None


@dataclass(frozen=True)
class Entity:
    """One person, place, work, organisation or event of the register."""

    id: str
    kind: str
    name: str
    gloss: str
    sources: tuple[str, ...]
    names: tuple[Name, ...] = ()
    dates: dict[str, str] = field(default_factory=dict)
    relations: tuple[Relation, ...] = ()
    authority: dict[str, str] = field(default_factory=dict)
    authority_evidence: dict[str, str] = field(default_factory=dict)  # authority -> URL of a page showing the id
    authority_note: str = ""  # where and when an id was looked for, and what was found (no id, or none certain)
    coordinates: tuple[float, float] | None = None  # WGS84 (latitude, longitude)
    coordinates_source: str = ""  # the bib key that gives the coordinates
    gloss_note: bool = False  # the editors ask for a gloss note at its first mention in each text
    sort_as: str = ""  # the form indices file it under, e.g. "Baigazin, Emir" (empty: the name)
    category: str = ""
    body: str = ""
    path: str = ""
    line: int = 1
    field_lines: dict[str, int] = field(default_factory=dict)

    def all_names(self) -> list[str]:
        """The preferred name followed by every variant."""
        return [self.name, *(n.text for n in self.names)]

    def line_of(self, field_name: str) -> int:
        """The source line of a front-matter field, or of the file's start."""
        return self.field_lines.get(field_name, self.line)


@dataclass(frozen=True)
class Mention:
    """A reference to an entity: in an edited text's running text, in the editors' words, or on another page."""

    entity_id: str
    role_kind: str | None
    text: str
    docname: str
    path: str
    line: int | None
    anchor: str = ""
    paragraph: str = ""
    editorial: bool = False  # in the editors' words (introduction, note, supplied passage), not the source's


@dataclass(frozen=True)
class Intervention:
    """An editorial intervention in the text (TEI sic/corr, gap, supplied, unclear…)."""

    type: str  # the name of the editorial role that made it: corr, sic, omitted, supplied…
    docname: str
    paragraph: str
    reading: str
    source: str
    reason: str = ""
    cert: str = ""
    evidence: str = ""
    anchor: str = ""
    line: int | None = None
    lang: str = ""  # the language of an omitted passage (of its runs in another script), '' for the edition's


@dataclass(frozen=True)
class EditedText:
    """An edited text: its page, the witness file it is checked against and the bib key of its source.

    ``captured`` is the EDTF date of the witness's capture and ``capture_note`` what it is and how it was made.
    """

    docname: str
    witness: str
    source: str
    path: str = ""
    line: int | None = None
    captured: str = ""
    capture_note: str = ""
    summary: str = ""  # one line that presents the text (the front page's card)


@dataclass(frozen=True)
class Problem:
    """Something wrong in the edition, with where it is and how to fix it."""

    code: str
    message: str
    path: str = ""
    line: int | None = None
    hint: str = ""
    severity: Severity = "error"

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:
            raise ValueError(f"problem code {self.code!r} is not in core/problems.py")

    def location(self) -> str:
        """``path:line`` as editors and editors' tools read it."""
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text
