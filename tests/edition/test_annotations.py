"""The commentary: every gloss, annotation and note cites sources that exist and are described."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

from critical_edition.core.checks import cited_keys
from critical_edition.core.register import load_register
from critical_edition.core.vocabulary import verification_problem

ROOT = Path(__file__).parents[2]
BIB = parse_file(str(ROOT / "references.bib")).entries
REGISTER = load_register(ROOT / "annotations", ROOT)
ARTICLES = sorted((ROOT / "articles").glob("*.md"))
NOTE = re.compile(r"^\[\^([\w-]+)\]:(.*)$", re.M)
WORDS_PER_NOTE = 40
"""The edition's rule (CONTRIBUTING, "Adding a text", step 7): at least one critical note in every text, and one
for every forty words of its edited text."""
ROLE = re.compile(r"\{[\w-]+\}`([^`]*)`")


def edited_words(text: str) -> int:
    """How many words the edited text of a page has: its {edited-text} block as it reads, without the omitted
    passages, the headline, the options or the note marks, each role counted by the words it shows."""
    block = re.search(r"^(?P<fence>[`:]{3,})\{edited-text\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", text, re.M | re.S)
    if not block:
        return 0
    body = re.sub(r"^(`{3,})\{omitted\}.*?^\1[ \t]*$", "", block["body"], flags=re.M | re.S)
    body = re.sub(r"^[ \t]*:[\w-]+:.*$|^`{3,}.*$|\[\^[\w-]+\]", "", body, flags=re.M)
    shown = ROLE.sub(lambda role: re.sub(r"<[^>]*>", "", role[1].split(";")[0].split("->")[-1]), body)
    return len(re.findall(r"\w+", shown))


def test_register_loads_without_problems() -> None:
    assert REGISTER.problems == []
    assert len(REGISTER.entities) == len(list((ROOT / "annotations").glob("*/*.md")))  # one per file, however many


def test_every_city_has_cited_coordinates() -> None:
    cities = [e for e in REGISTER if e.kind == "place" and e.category == "city"]
    assert len(cities) >= 7
    for city in cities:
        assert city.coordinates is not None, city.id
        assert city.coordinates_source in BIB, city.id


def test_every_authority_id_has_its_evidence() -> None:
    with_ids = [e for e in REGISTER if e.authority]
    assert len(with_ids) >= 10
    for entity in with_ids:
        assert set(entity.authority_evidence) == set(entity.authority), entity.id
        assert all(url.startswith("https://") for url in entity.authority_evidence.values()), entity.id


@pytest.mark.parametrize("entity_id", sorted(REGISTER.entities))
def test_every_entity_has_a_cited_gloss_and_a_cited_annotation(entity_id: str) -> None:
    entity = REGISTER.entities[entity_id]
    assert entity.sources, "the gloss cites no source"
    assert all(key in BIB for key in entity.sources), [k for k in entity.sources if k not in BIB]
    cited = cited_keys(entity.body)
    assert cited, f"{entity.path}: the annotation cites no source"
    missing = [key for key, _ in cited if key not in BIB]
    assert not missing, f"{entity.path}: cites keys missing from references.bib: {missing}"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_every_article_note_cites_an_existing_source(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    notes = NOTE.findall(text)
    words = edited_words(text)
    assert len(notes) >= max(1, words // WORDS_PER_NOTE), f"{len(notes)} critical notes for {words} words of text"
    for label, body in notes:
        keys = cited_keys(body)
        assert keys, f"note [^{label}] cites no source"
        assert all(key in BIB for key, _ in keys), f"note [^{label}] cites a missing key"
    for key, line in cited_keys(text):
        assert key in BIB, f"{article.name}:{line}: {key} is not in references.bib"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_every_note_reference_has_a_note(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    defined = {label for label, _ in NOTE.findall(text)}
    referenced = set(re.findall(r"\[\^([\w-]+)\](?!:)", text))
    assert referenced == defined


@pytest.mark.parametrize("key", sorted(BIB))
def test_every_source_is_fully_described(key: str) -> None:
    fields = {name.lower(): value for name, value in BIB[key].fields.items()}
    for required in ("title", "url", "urldate", "howpublished"):
        assert fields.get(required, "").strip(), f"{key} has no {required}"
    assert re.fullmatch(r"https?://[^\s{}\"<>]+", fields["url"]), f"{key}: malformed URL {fields['url']}"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["urldate"]), f"{key}: urldate is not YYYY-MM-DD"
    if "date" in fields:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", fields["date"]), f"{key}: date is not ISO"


@pytest.mark.parametrize("key", sorted(BIB))
def test_every_source_has_a_true_verification_record(key: str) -> None:
    assert not verification_problem(BIB[key].fields.get("annote", "")), (key, BIB[key].fields.get("annote", ""))


@pytest.mark.parametrize(
    ("annote", "wrong"),
    [("", True), ("Read.", True), ("Read at the cited URL.", True), ("Not found. Supports: x.", True),
     ("Read at the cited URL. Supports: the date.", False), ("Read at https://a.example/x (a mirror). Supports: x.", False),
     ("Witness. Supports: the text.", False), ("Not found in the stored copies; dossier. Supports: x.", False)],
)
def test_the_verification_vocabulary(annote: str, wrong: bool) -> None:
    assert bool(verification_problem(annote)) is wrong


def test_every_source_is_cited_somewhere() -> None:
    skipped = {".nox", ".git", "node_modules", "_build", "benchmarks", "manual"}  # not the edition's (the
    # benchmark's generated editions alone are thousands of files; the manual cites its examples' keys)
    text = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.rglob("*.md")
                     if not skipped & set(p.relative_to(ROOT).parts))  # the checkout's own folders do not count
    cited = {key for key, _ in cited_keys(text)}
    cited |= {key for e in REGISTER for key in e.sources}
    cited |= {e.coordinates_source for e in REGISTER if e.coordinates_source}
    cited |= set(re.findall(r"evidence=([\w-]+)", text))
    assert sorted(set(BIB) - cited) == []


def test_the_committed_audit_has_thirty_claims_all_supported() -> None:
    audit = (ROOT / "audit" / "claims-2026-11-26.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in audit.splitlines() if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 30
    verdicts = [row[4].strip() for row in rows]
    assert all(v == "supported" or v.endswith("**supported after fix**") for v in verdicts), verdicts
    keys = set(re.findall(r"[a-z][\w-]+", " ".join(row[3] for row in rows)))
    assert keys <= set(BIB), keys - set(BIB)
