"""The small syntax inside the edition's roles, shared by the Sphinx layer and the CLI.

- entity roles: ``{person}`Baigazin <emir-baigazin>```; with a source error,
  ``{person}`Emir Baigazain -> Emir Baigazin <emir-baigazin>``` (source -> edited reading);
  without ``<id>`` the id is the text in lower case with hyphens.
- editorial roles: ``{corr}`brining -> bringing ; reason=typo```, ``{sic}`know ; note=grammar```,
  ``{supplied}`Baldyrgan Baikadamova <baldyrgan-baikadamova> ; cert=medium ; evidence=key``` (each role's options
  are its own: ``critical_edition.sphinx.editorial``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]*)>$", re.S)
ARROW = " -> "


class SyntaxProblem(ValueError):
    """Role text that cannot be read, with a hint for the editor."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class RoleText:
    """What an edition role says: the reading, the source reading, the target and options."""

    reading: str
    source: str | None = None
    target: str | None = None
    options: dict[str, str] = field(default_factory=dict)


def slug(text: str) -> str:
    """The id an editor means when they write no ``<id>``: 'St. Petersburg' -> 'st-petersburg'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def parse_role_text(text: str, allowed_options: tuple[str, ...] = (), allow_target: bool = True) -> RoleText:
    """Read ``source -> reading <target> ; key=value ; ...``."""
    main, *rest = [part.strip() for part in text.split(" ; ")]
    options: dict[str, str] = {}
    for item in rest:
        key, eq, value = item.partition("=")
        key = key.strip()
        if not eq or not value.strip():
            raise SyntaxProblem(f"option '{item}' is not of the form key=value", "separate options with ' ; '")
        if key not in allowed_options:
            known = ", ".join(allowed_options) or "none"
            raise SyntaxProblem(f"unknown option '{key}'", f"options of this role: {known}")
        options[key] = value.strip()
    target = None
    m = _TARGET.match(main)
    if m and not allow_target:
        raise SyntaxProblem("this role takes no <id>", "write the text only; mark an entity with an entity role")
    if m:
        main, target = m.group("text").strip(), m.group("target").strip()
        if not target:
            raise SyntaxProblem("empty target '<>'", "write the entity id between < and >")
    source = None
    if ARROW.strip() in main:
        source, _, main = main.partition(ARROW.strip())
        source, main = source.strip(), main.strip()
        if not source or not main:
            raise SyntaxProblem(
                "a correction needs text on both sides of '->'", "write: source reading -> edited reading"
            )
    if not main:
        raise SyntaxProblem("the role has no text", "write the text as printed between the backquotes")
    return RoleText(main, source, target, options)


def entity_id(role_text: RoleText) -> str:
    """The entity id a role refers to."""
    return role_text.target or slug(role_text.reading)


_ANY_ROLE = re.compile(r"\{([A-Za-z][\w:+-]*)\}`")
"""A role as MyST reads one, whatever its name: ``{sic}`…``, ``{cite:p}`…``, a role another edition adds."""

_BACKQUOTES = re.compile(r"`+")


def unclosed_roles(source: str) -> list[tuple[str, int]]:
    """Roles whose closing backquote is missing, as (role, line), outside fenced blocks and inline code."""
    found: list[tuple[str, int]] = []
    fence = ""
    paragraph: list[tuple[int, str]] = []

    def check(lines: list[tuple[int, str]]) -> None:
        text = "\n".join(line for _, line in lines)
        at = 0
        while at < len(text):
            role = _ANY_ROLE.match(text, at)
            if role:  # a role: its text runs to the next backquote
                close = text.find("`", role.end())
                if close < 0:
                    found.append((role.group(1), lines[0][0] + text.count("\n", 0, role.start())))
                    return
                at = close + 1
                continue
            ticks = _BACKQUOTES.match(text, at)
            if ticks:  # inline code (`{sic}` named in prose): to the same run of backquotes, if there is one
                close = text.find(ticks.group(), ticks.end())
                at = close + len(ticks.group()) if close >= 0 else ticks.end()
                continue
            at += 1

    for number, line in enumerate(source.splitlines(), 1):
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
            continue
        opener = re.match(r"(`{3,}|~{3,})", stripped)
        if opener:
            check(paragraph)
            paragraph = []
            fence = opener.group(1)
            continue
        if not stripped:
            check(paragraph)
            paragraph = []
        else:
            paragraph.append((number, line))
    check(paragraph)
    return found


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach a page: C0 controls (NUL, ESC…) but tab and line breaks, DEL, and the
bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can make a name
read backwards ("Trojan Source")."""


def control_characters(text: str) -> list[str]:
    """The control characters of a text as a message names them (``['U+202E']``), each once, in order."""
    return list(dict.fromkeys(f"U+{ord(c):04X}" for c in CONTROL_CHARACTERS.findall(text)))


def without_control_characters(text: str) -> str:
    """The text with every character of ``CONTROL_CHARACTERS`` taken out."""
    return CONTROL_CHARACTERS.sub("", text)


def with_article(word: str) -> str:
    """A noun with its indefinite article, as English writes it: 'a person', 'an organisation', 'an @article'."""
    first = next((c for c in word if c.isalpha()), "")
    return f"{'an' if first and first.lower() in 'aeiou' else 'a'} {word}"


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut to at most ``limit`` characters with an ellipsis (for messages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


WHOLE_READING_WORDS = 60
"""An apparatus gives a source reading of up to this many words whole."""
ABRIDGED_END_WORDS = 6
"""A longer reading is given by this many words at each end around "…"."""


@dataclass(frozen=True)
class ApparatusReading:
    """A source reading as an apparatus gives it: its words on one line, and how many of them stand for the
    "…" in its middle (0: the reading is whole)."""

    shown: str
    words_left_out: int = 0

    @property
    def note(self) -> str:
        """What the editors say of a reading not given whole ("41 words not shown"), '' for a whole one."""
        return f"{self.words_left_out} words not shown" if self.words_left_out else ""


def apparatus_reading(text: str) -> ApparatusReading:
    """A source reading for an apparatus: whole, on one line, unless it is very long (page furniture); then
    its first and last words around "…", cut only between words, and the count of the words left out."""
    words = text.split()
    if len(words) <= WHOLE_READING_WORDS:
        return ApparatusReading(" ".join(words))
    ends = ABRIDGED_END_WORDS
    head, tail = " ".join(words[:ends]), " ".join(words[-ends:])
    return ApparatusReading(f"{head} … {tail}", len(words) - 2 * ends)


_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])")
"""``*Harmony Lessons*``: a run in italics, as MyST writes it (an asterisk alone stays an asterisk)."""


def split_runs(pattern: re.Pattern[str], text: str, group: int = 0) -> list[tuple[str, bool]]:
    """``text`` cut into runs, each flagged if ``pattern`` matched it (a matched run is the match's ``group``);
    at least one run, so that an empty text is one empty run."""
    runs: list[tuple[str, bool]] = []
    start = 0
    for found in pattern.finditer(text):
        if found.start() > start:
            runs.append((text[start : found.start()], False))
        runs.append((found.group(group), True))
        start = found.end()
    if start < len(text) or not runs:
        runs.append((text[start:], False))
    return runs


def emphasis_runs(text: str) -> list[tuple[str, bool]]:
    """A register text (a gloss) in runs, each flagged if it is set in italics: the register marks the titles
    of works as MyST does, ``*The Wounded Angel*``."""
    return split_runs(_EMPHASIS, text, group=1)


def without_emphasis(text: str) -> str:
    """A register text as plain text, its italics marks removed (for the data files and metadata)."""
    return "".join(run for run, _ in emphasis_runs(text))


def token(text: str) -> str:
    """A free-text reason as one TEI token: 'typographical error' -> 'typographical-error'."""
    return "-".join(text.split()) or "unspecified"
