"""What the edition says of itself that can be derived from its texts: how many, and of which years.

Read before Sphinx starts (``conf.py`` needs the title), from the ``{edited-text}`` blocks and the
bibliography entries their ``:source:`` names, so that adding a text never leaves a stale title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
    from pybtex.database import parse_string

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
        for key in sources:
            fields = entries[key].fields if key in entries else {}
            year = fields.get("year", "") or fields.get("date", "")[:4]
            if year.isdigit():
                years.append(int(year))
    return Corpus(tuple(sources), tuple(years))
