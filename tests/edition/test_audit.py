"""The committed fact audit points at claims that still exist: every anchor of its table is checked against the files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from critical_edition.core.register import load_entity_file

ROOT = Path(__file__).parents[2]
AUDITS = sorted((ROOT / "audit").glob("claims-*.md"))
ROW = re.compile(r"^\| (\d+) \| (.*)$", re.M)
TEXT = re.compile(r"\b([A-Z]) = (articles/[\w.-]+\.md)")
NOTE = re.compile(r"^([A-Z]) note:([\w-]+)$")
INTRO = re.compile(r'^([A-Z]) intro: "(.+)"$')
ENTRY = re.compile(r'^([a-z]+)/([a-z0-9-]+) (gloss|body: "(.+)")$')


def flat(text: str) -> str:
    """Text with every run of white space as one space, so that a quoted phrase may cross a line break."""
    return " ".join(text.split())


def anchors(audit: Path) -> list[tuple[str, str]]:
    """(claim number, anchor) for every row of the audit's table (the third column)."""
    text = audit.read_text(encoding="utf-8")
    return [(n, rest.split(" | ")[1].strip()) for n, rest in ROW.findall(text)]


def problem(anchor: str, texts: dict[str, Path]) -> str:
    """What is wrong with one anchor, or ''."""
    if found := NOTE.match(anchor):
        text = texts[found[1]].read_text(encoding="utf-8")
        return "" if re.search(rf"^\[\^{re.escape(found[2])}\]:", text, re.M) else f"no note [^{found[2]}]"
    if found := INTRO.match(anchor):
        intro = texts[found[1]].read_text(encoding="utf-8").split("\n## Text", 1)[0]
        return "" if flat(found[2]) in flat(intro) else "no such words in the introduction"
    if found := ENTRY.match(anchor):
        path = ROOT / "annotations" / found[1] / f"{found[2]}.md"
        entity, _ = load_entity_file(path, ROOT) if path.is_file() else (None, [])
        if entity is None:
            return f"no register entry {found[1]}/{found[2]}"
        if found[3] == "gloss":
            return "" if entity.gloss.strip() else "the entry has no gloss"
        return "" if flat(found[4]) in flat(entity.body) else "no such words in the annotation"
    return "not an anchor: use 'T note:<label>', 'T intro: \"<words>\"', '<kind>/<id> gloss' or '<kind>/<id> body: \"<words>\"'"


@pytest.mark.parametrize("audit", AUDITS, ids=lambda p: p.stem)
def test_every_anchor_of_the_audit_exists(audit: Path) -> None:
    texts = {letter: ROOT / path for letter, path in TEXT.findall(audit.read_text(encoding="utf-8"))}
    assert texts and all(path.is_file() for path in texts.values()), texts
    rows = anchors(audit)
    assert rows, "the audit has no table"
    wrong = [f"claim {n}: {anchor!r}: {why}" for n, anchor in rows if (why := problem(anchor, texts))]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("anchor", "wrong"),
    [("T note:facebook", False), ("T note:no-such-note", True), ('T intro: "Three of its paragraphs"', False),
     ('T intro: "words that are not there"', True), ("place/almaty gloss", False), ("place/atlantis gloss", True),
     ('place/almaty body: "remains the largest city"', False), ('place/almaty body: "the smallest"', True),
     ("T:131", True), ("articles/tengrinews-2015-over-the-city.md:131", True)],
)
def test_an_anchor_that_moved_or_vanished_is_caught(anchor: str, wrong: bool) -> None:
    texts = {"T": ROOT / "articles" / "tengrinews-2015-over-the-city.md"}
    assert bool(problem(anchor, texts)) is wrong
