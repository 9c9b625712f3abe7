"""Where a line must not break in editorial prose: inside a date, between an abbreviation and its number.

Pure text in, text out: a no-break space (U+00A0) takes the place of the space, which every output keeps
(HTML, EPUB) or sets as an unbreakable space (XeLaTeX).
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

UNBROKEN = (
    re.compile(rf"\b(\d{{1,2}}) (?=(?:{MONTHS})\b)"),  # 29 September
    re.compile(rf"\b({MONTHS}) (?=\d{{1,4}}\b)"),  # September 2015, May 25
    re.compile(r"(?<![\w.])(pp?\.|nos?\.|vols?\.|[Ff]igs?\.|ch\.|§|¶) (?=\d)"),  # p. 3, no. 4, § 2
)
"""A space that a line must not break at: the group before it and the space."""
CANDIDATE = re.compile(rf"\d (?:{MONTHS})|(?:{MONTHS}) \d|[.§¶] \d")
"""What every space kept together stands in (a number beside a month, an abbreviation's point or a sign before a
number): a text without it needs no closer look."""


def keep_together(text: str) -> str:
    """The text with a no-break space between a day and its month, a month and its year (or day), and an
    abbreviation of a page, number, volume or figure and its number ("p. 3")."""
    if not CANDIDATE.search(text):
        return text
    for pattern in UNBROKEN:
        text = pattern.sub(rf"\1{NO_BREAK_SPACE}", text)
    return text
