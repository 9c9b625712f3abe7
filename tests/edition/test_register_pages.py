"""The edition's register pages: each entry counts the mentions of the running text of the edition's texts."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import page_field

ROLE = re.compile(r"\{(?:person|place|work|org|event|ent)\}`[^`<]*<([a-z0-9-]+)>`")
ROOT = Path(__file__).parents[2]


def _running_text_mentions(article: Path) -> dict[str, int]:
    """The entity roles of an edited text's block (the source's words: headline and paragraphs; its notes are
    defined after the block, a supplied passage is a role of its own), counted by entity."""
    source = article.read_text(encoding="utf-8")
    block = source[source.index("::::{edited-text}") :]
    block = block[: block.index("\n::::\n")]
    counts: dict[str, int] = {}
    for ident in ROLE.findall(block):
        counts[ident] = counts.get(ident, 0) + 1
    return counts


def test_each_entry_counts_the_mentions_of_the_running_text(edition_html: Path) -> None:
    per_text = [_running_text_mentions(a) for a in sorted((ROOT / "articles").glob("*.md"))]
    for page in sorted((edition_html / "annotations").glob("*/*.html")):
        counts = sorted(n for counts in per_text if (n := counts.get(page.stem, 0)))
        shown = page_field(page, "Mentioned in the texts")
        assert sorted(int(n) for n in re.findall(r"\((\d+) mentions?\)", shown)) == counts, page.stem
        if not counts:
            assert shown == "not mentioned in the texts", page.stem
