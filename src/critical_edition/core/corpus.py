"""What the edition says of itself that can be derived from its texts: how many, and of which years.

Read before Sphinx starts (``conf.py`` needs the title), from the ``{edited-text}`` blocks and the
bibliography entries their ``:source:`` names, so that adding a text never leaves a stale title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import parse_string

EDITED_TEXT = re.compile(r"^(?P<fence>[`:]{3,})\{edited-text\}[^\n]*\n(?P<options>(?:[ \t]*:[\w-]+:[^\n]*\n)*)", re.M)
SOURCE_OPTION = re.compile(r"^[ \t]*:source:[ \t]*(\S+)", re.M)
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


@dataclass(frozen=True)
class Corpus:
    """The edited texts of an edition, as a title or a front page speaks of them."""

    sources: tuple[str, ...]  # bib keys, one per text
    years: tuple[int, ...]  # the years of those sources that have one

    @property
    def count(self) -> int:
        """How many texts."""
        return len(self.sources)

    @property
    def count_words(self) -> str:
        """The number of texts as English prose writes it: 'two', '13'."""
        return NUMBER_WORDS[self.count] if self.count < len(NUMBER_WORDS) else str(self.count)

    @property
    def year_range(self) -> str:
        """'2015–2018', or '2015' when all texts share a year, or '' when none is dated."""
        if not self.years:
            return ""
        first, last = min(self.years), max(self.years)
        return str(first) if first == last else f"{first}–{last}"


def describe(root: Path, bibfiles: list[str], text_dirs: tuple[str, ...] = ("articles",)) -> Corpus:
    """The texts in ``text_dirs`` of the edition at ``root`` and the years of their sources."""
    sources = []
    for folder in text_dirs:
        for path in sorted(Path(root, folder).rglob("*.md")):
            for block in EDITED_TEXT.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found = SOURCE_OPTION.search(block.group("options"))
                sources.append(found.group(1) if found else "")
    years = []
    for name in bibfiles:
        try:
            entries = parse_string(Path(root, name).read_text(encoding="utf-8"), "bibtex").entries
        except Exception:  # an unreadable bibliography is reported, with its line, by the build
            continue
        years += [year for key in sources if key in entries and (year := source_year(entries[key].fields))]
    return Corpus(tuple(sources), tuple(years))


def source_year(fields: Mapping[str, str]) -> int | None:
    """The year of a text's source, from its bib entry's ``year`` or else the start of its ``date``."""
    year = fields.get("year", "") or fields.get("date", "")[:4]
    return int(year) if year.isdigit() else None


FACTS: dict[str, str] = {
    "number-of-texts": "how many texts the edition edits, as prose writes it ('two', '13')",
    "years-of-texts": "the years of the texts' sources ('2015–2018', or one year)",
}
"""The figures an edition states of itself that ``{edition-fact}`` computes, by name, with what each is."""


def fact(corpus: Corpus, name: str) -> str:
    """The text of one of the FACTS."""
    return corpus.count_words if name == "number-of-texts" else corpus.year_range
