"""Draw a fixed random sample of cited claims from the edition for a fact audit.

Run from the root of the edition:  python audit/draw_claims.py  (stdlib + PyYAML only).

Populations
-----------
A *claim* is one sentence together with the citation keys attached to it.

(a) ``note``   -- article notes: the ``[^label]: ...`` footnote definitions in ``articles/*.md``;
                  a sentence is a claim when a ``{cite:p}`` (or ``{footcite}``) role follows it.
(b) ``intro``  -- editorial introductions: the prose of ``articles/*.md`` before the
                  ``{edited-text}`` block; a sentence is a claim when a ``{footcite}`` follows it.
(c) ``annot``  -- annotation bodies: the MyST prose after the YAML front matter of
                  ``annotations/*/*.md``; claims as in (b).
(d) ``gloss``  -- the ``gloss:`` of each register file; every sentence of the gloss is a claim,
                  cited by the file's ``sources:`` list.

Only the last sentence before a citation is taken as the cited sentence (the edition's rule is that
every factual sentence ends with its own citation); sentences without a citation are not claims.
Consecutive citations with nothing between them are merged into one key list.

Texts
-----
Claims from ``articles/tengrinews-*.md`` belong to text ``T`` (Tengrinews), from
``articles/qazaqtv-*.md`` to text ``Q`` (Qazaq TV).  A register entity belongs to the text(s) whose
article mentions its id: the id is searched case-insensitively in the article file, a hyphen in the
id also matching a space (so ``xi-jinping`` is found in "Xi Jinping").  An entity may belong to both
texts; an entity that neither article mentions belongs to none and its claims are outside the frame.

Draw
----
Eight strata, population x text, in the fixed order note, intro, annot, gloss and T before Q.  A
claim that belongs to both texts sits in both strata of its population.  Quotas: 4 claims per
stratum for notes, introductions and annotations, 3 per stratum for glosses (4*6 + 3*2 = 30), so
each population gets at least 6 claims and each text at least 15.  One ``random.Random(20261126)``
draws each stratum in turn with ``rng.sample`` from its claims sorted by (file, line, position); a
claim already drawn in an earlier stratum is removed before the sample is taken, so no claim is drawn
twice.  Everything is deterministic: same files, same draw.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

SEED = 20261126
QUOTA = {"note": 4, "intro": 4, "annot": 4, "gloss": 3}
POPULATIONS = ("note", "intro", "annot", "gloss")
TEXTS = ("T", "Q")

CITE = re.compile(r"\{(?:footcite|cite:p|cite:t|cite)\}`([^`]*)`")
# words after which a full stop does not end a sentence
ABBREV = re.compile(r"(?:\b(?:St|i\.e|e\.g|c|ca|cf|Mr|Mrs|Dr|No|vol|pp?|Jr|Sr|vs|etc)|\b[A-Z])\.$")


@dataclass(frozen=True)
class Claim:
    population: str
    texts: tuple[str, ...]
    path: str
    line: int
    keys: tuple[str, ...]
    sentence: str

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.sentence)


def article_text(path: Path) -> str:
    name = path.name
    if name.startswith("tengrinews"):
        return "T"
    if name.startswith("qazaqtv"):
        return "Q"
    raise ValueError(f"article of unknown text: {name}")


def sentence_starts(chunk: str) -> list[int]:
    """Offsets in chunk where a sentence starts (0 always included)."""
    starts = [0]
    for m in re.finditer(r"[.!?][\"”’)*]*\s+(?=[\"“*({A-Z0-9])|\n\s*\n", chunk):
        before = chunk[: m.start() + 1]
        if m.group(0).strip() and ABBREV.search(before):
            continue
        starts.append(m.end())
    return starts


def clean(sentence: str) -> str:
    s = re.sub(r"\{[a-z:]+\}`([^`<]*?)\s*<[^>]*>`", r"\1", sentence)  # {role}`Text <id>`
    s = re.sub(r"\{[a-z:]+\}`([^`]*)`", r"\1", s)
    return " ".join(s.split())


def claims_in(text: str, base_line: int, path: str, population: str, texts: tuple[str, ...]) -> list[Claim]:
    """Cited sentences in a block of MyST prose starting at file line base_line."""
    out: list[Claim] = []
    matches = list(CITE.finditer(text))
    i = 0
    prev_end = 0
    while i < len(matches):
        m = matches[i]
        keys = [k.strip() for k in m.group(1).split(",") if k.strip()]
        j = i
        while j + 1 < len(matches) and not text[matches[j].end() : matches[j + 1].start()].strip():
            j += 1
            keys += [k.strip() for k in matches[j].group(1).split(",") if k.strip()]
        chunk = text[prev_end : m.start()]
        start = sentence_starts(chunk)[-1]
        # skip leading whitespace/heading markers
        lead = re.match(r"\s*", chunk[start:]).end()
        sentence = clean(chunk[start + lead :])
        if sentence and re.search(r"[A-Za-z]", sentence):
            abs_start = prev_end + start + lead
            line = base_line + text.count("\n", 0, abs_start)
            out.append(Claim(population, texts, path, line, tuple(keys), sentence))
        prev_end = matches[j].end()
        i = j + 1
    return out


def collect(root: Path) -> tuple[list[Claim], list[str]]:
    claims: list[Claim] = []
    articles = sorted((root / "articles").glob("*.md"))
    article_src = {p: p.read_text(encoding="utf-8") for p in articles}
    for p, src in article_src.items():
        rel = p.relative_to(root).as_posix()
        t = (article_text(p),)
        lines = src.split("\n")
        # (b) the introduction: everything before the edited-text block, minus headings
        end = next(i for i, ln in enumerate(lines) if ln.startswith("::::{edited-text}"))
        begin = next(i for i, ln in enumerate(lines) if ln.startswith("## Editorial introduction"))
        intro = "\n".join(lines[begin + 1 : end])
        intro = intro.split("\n## Text", 1)[0]
        claims += claims_in(intro, begin + 2, rel, "intro", t)
        # (a) notes: footnote definitions (a definition runs to the next blank line)
        for i, ln in enumerate(lines):
            m = re.match(r"\[\^[^\]]+\]:\s*", ln)
            if not m:
                continue
            body = [ln[m.end() :]]
            k = i + 1
            while k < len(lines) and lines[k].strip() and not lines[k].startswith("[^"):
                body.append(lines[k])
                k += 1
            # the first line's prefix is dropped, so line numbers are counted from i+1
            claims += claims_in("\n".join(body), i + 1, rel, "note", t)
    untagged: list[str] = []
    for p in sorted((root / "annotations").glob("*/*.md")):
        rel = p.relative_to(root).as_posix()
        src = p.read_text(encoding="utf-8")
        m = re.match(r"---\n(.*?)\n---\n", src, re.S)
        if not m:
            continue
        meta = yaml.safe_load(m.group(1))
        eid = meta["id"]
        pat = re.compile(
            r"(?<![A-Za-z0-9-])" + r"[- ]".join(map(re.escape, eid.split("-"))) + r"(?![A-Za-z0-9-])",
            re.I,
        )
        texts = tuple(t for t in TEXTS for a, s in article_src.items() if article_text(a) == t and pat.search(s))
        if not texts:
            untagged.append(eid)
            continue
        # (d) gloss
        gloss = " ".join(str(meta.get("gloss", "")).split())
        gline = next(i for i, ln in enumerate(src.split("\n"), 1) if ln.startswith("gloss:"))
        sources = tuple(meta.get("sources") or ())
        if gloss and sources:
            starts = [*sentence_starts(gloss), len(gloss)]
            for a, b in itertools.pairwise(starts):
                s = gloss[a:b].strip()
                if s:
                    claims.append(Claim("gloss", texts, rel, gline, sources, s))
        # (c) body
        body_line = src.count("\n", 0, m.end()) + 1
        claims += claims_in(src[m.end() :], body_line, rel, "annot", texts)
    return claims, untagged


def draw(claims: list[Claim]) -> list[tuple[str, str, Claim]]:
    rng = random.Random(SEED)
    drawn: list[tuple[str, str, Claim]] = []
    seen: set[Claim] = set()
    for pop in POPULATIONS:
        for t in TEXTS:
            frame = sorted(
                (c for c in claims if c.population == pop and t in c.texts and c not in seen),
                key=Claim.sort_key,
            )
            for c in rng.sample(frame, QUOTA[pop]):
                seen.add(c)
                drawn.append((pop, t, c))
    return drawn


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(".")
    claims, untagged = collect(root)
    print(f"seed {SEED}; {len(claims)} claims in the frame")
    for pop in POPULATIONS:
        counts = {t: sum(1 for c in claims if c.population == pop and t in c.texts) for t in TEXTS}
        print(f"  {pop:5} T={counts['T']:3} Q={counts['Q']:3}")
    print(f"entities mentioned by neither article (outside the frame): {len(untagged)}: {', '.join(untagged)}")
    print()
    for n, (pop, t, c) in enumerate(draw(claims), 1):
        print(f"{n:2}. [{pop}/{t}; texts {'+'.join(c.texts)}] {c.path}:{c.line} | {', '.join(c.keys)}")
        print(f"    {c.sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
