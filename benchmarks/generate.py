"""Generate synthetic editions: N articles, M entities, K mentions per article.

Each edition comes in two variants with the same texts: ``edition`` (the critical_edition
extension, entity roles, an edited text checked against its witness) and ``plain`` (the same
words as plain Markdown, without the extension), so that their builds can be compared.

With ``layers``, three variants in between show where the difference goes: ``speedups`` (the plain
variant with the extension's two general speedups for any Sphinx build, the navigation rendered once
for each navigation that differs and the collector tuned for a large heap), ``extension`` (the plain
variant with the extension loaded and no register: the cite box, metadata and exports of every page)
and ``mentions`` (the register and the mentions, but no edited text: no witness, apparatus,
diplomatic views or paragraph citations).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
from pathlib import Path

KINDS = ("person", "place", "work", "organisation", "event")
ROLES = {"person": "person", "place": "place", "work": "work", "organisation": "org", "event": "event"}
WORDS = (
    "film",
    "city",
    "night",
    "festival",
    "music",
    "friend",
    "studio",
    "war",
    "river",
    "story",
    "premiere",
    "director",
    "composer",
    "winter",
    "season",
    "archive",
    "letter",
    "screen",
)

# both variants load the pybtex look-up cache, so that the ratio measures the edition's own work
# both variants use the edition's theme, templates and theme options: only the extension and its markup differ
CONF = """extensions = ["myst_parser", "sphinxcontrib.bibtex", "critical_edition.sphinx.bibtex_cache"{extra}]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
html_theme = "sphinx_book_theme"
templates_path = ["_templates"]
html_theme_options = {{"home_page_in_toc": True, "show_toc_level": 2, "navigation_with_keys": False}}
html_sidebars = {{
    "**": ["navbar-logo.html", "icon-links.html", "search-button-field.html", "edition-sidebar-nav-bs.html"],
}}
exclude_patterns = ["_build"]
suppress_warnings = ["edition.orphan-entity"]
"""
TEMPLATES = Path(__file__).parent.parent / "_templates"
PLURALS = {"person": "persons", "place": "places", "work": "works", "organisation": "organisations", "event": "events"}


def entity_name(i: int) -> str:
    """A pronounceable, unique name."""
    syllables = ("ba", "ka", "zin", "tor", "mi", "la", "sen", "gul", "ra", "xi", "an", "ov")
    return " ".join(
        "".join(syllables[(i // 12**k + k) % 12] for k in range(3)).capitalize() + ("" if j else f"{i}")
        for j in range(2)
    )


def generate(target: Path, articles: int, entities: int, mentions: int, seed: int = 1, layers: bool = False) -> None:
    """Write both variants of one synthetic edition under ``target`` (and the two in between, with ``layers``)."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    ids = [f"e{i}" for i in range(entities)]
    kinds = {eid: KINDS[i % len(KINDS)] for i, eid in enumerate(ids)}
    names = {eid: entity_name(i) for i, eid in enumerate(ids)}
    for variant in ("edition", "plain"):
        root = target / variant
        (root / "articles").mkdir(parents=True)
        (root / "witnesses").mkdir()
        for kind in KINDS:
            (root / "annotations" / kind).mkdir(parents=True)
        extra = ', "critical_edition"' if variant == "edition" else ""
        (root / "conf.py").write_text(CONF.format(extra=extra))
        shutil.copytree(TEMPLATES, root / "_templates")
        (root / "references.bib").write_text(
            "@misc{src,\n  author = {Jane Doe},\n  title = {{A Source}},\n  howpublished = {Example},\n"
            "  year = {2020},\n  url = {https://example.org/},\n  urldate = {2026-11-21},\n}\n"
        )
        toc = [
            "# Synthetic edition",
            "",
            "```{toctree}",
            ":glob:",
            "",
            "texts",
            *(f"annotations/{PLURALS[kind]}" for kind in KINDS),
            "```",
            "",
            "```{bibliography}",
            ":all:",
            "```",
            "",
        ]
        (root / "index.md").write_text("\n".join(toc))
        # hundreds of texts are grouped on a contents page, as the register groups its entries: the theme
        # renders the navigation on every page, so a navigation that lists every page costs pages x pages
        (root / "texts.md").write_text("# Texts\n\n```{toctree}\n:hidden:\n:glob:\n\narticles/*\n```\n")
        for kind in KINDS:  # a register page per kind, as in the edition, its entries in a hidden toctree
            listing = f"```{{register}} {kind}\n```\n\n" if variant == "edition" else ""
            (root / "annotations" / f"{PLURALS[kind]}.md").write_text(
                f"# {PLURALS[kind].capitalize()}\n\n{listing}```{{toctree}}\n:hidden:\n:glob:\n\n{kind}/*\n```\n"
            )
        for eid in ids:
            body = f"{names[eid]} is a synthetic {kinds[eid]} of the benchmark.{{footcite}}`src`\n"
            if variant == "edition":
                text = (
                    f"---\nid: {eid}\nkind: {kinds[eid]}\nname: {names[eid]}\n"
                    f"gloss: A synthetic {kinds[eid]} made for measuring the build.\nsources: [src]\n---\n\n{body}"
                )
            else:
                text = f"# {names[eid]}\n\nA synthetic {kinds[eid]} made for measuring the build.\n\n{body}"
            (root / "annotations" / kinds[eid] / f"{eid}.md").write_text(text)
    for a in range(articles):
        paragraphs_edition, paragraphs_plain = [], []
        per_paragraph = 5
        for _ in range(max(1, mentions // per_paragraph)):
            words_e, words_p = [], []
            for _ in range(per_paragraph):
                eid = ids[rng.randrange(entities)]
                filler = " ".join(rng.choice(WORDS) for _ in range(8))
                words_e.append(f"{filler} {{{ROLES[kinds[eid]]}}}`{names[eid]} <{eid}>`")
                words_p.append(f"{filler} {names[eid]}")
            paragraphs_edition.append(" ".join(words_e) + ".")
            paragraphs_plain.append(" ".join(words_p) + ".")
        witness = "\n\n".join([f"Headline {a}", *paragraphs_plain]) + "\n"
        (target / "edition" / "witnesses" / f"a{a}.txt").write_text(witness)
        digest = hashlib.sha256(witness.encode("utf-8")).hexdigest()
        with open(target / "edition" / "witnesses" / "SHA256SUMS", "a", encoding="utf-8") as sums:
            sums.write(f"{digest}  a{a}.txt\n")
        edition_text = "\n\n".join(paragraphs_edition)
        plain_text = "\n\n".join(paragraphs_plain)
        (target / "edition" / "articles" / f"a{a}.md").write_text(
            f"# Article {a}\n\n::::{{edited-text}}\n:witness: witnesses/a{a}.txt\n:source: src\n\n"
            f"```{{rubric}} Headline {a}\n```\n\n{edition_text}\n::::\n"
        )
        (target / "plain" / "articles" / f"a{a}.md").write_text(
            f"# Article {a}\n\n```{{rubric}} Headline {a}\n```\n\n{plain_text}\n"
        )
    if layers:
        write_layers(target)


def write_layers(target: Path) -> None:
    """The variants between plain and edition: the general speedups alone, the extension without a register,
    and no edited text."""
    shutil.copytree(target / "plain", target / "speedups")
    speedups = ', "critical_edition.sphinx.navigation", "critical_edition.sphinx.heap"'
    (target / "speedups" / "conf.py").write_text(CONF.format(extra=speedups))
    shutil.copytree(target / "plain", target / "extension")
    (target / "extension" / "conf.py").write_text(
        CONF.format(extra=', "critical_edition"')
        + 'edition_register_dir = "no-register"  # the entity pages stay plain pages\n'
    )
    shutil.copytree(target / "edition", target / "mentions")
    shutil.rmtree(target / "mentions" / "witnesses")
    for article in (target / "mentions" / "articles").glob("*.md"):
        text = re.sub(r"::::\{edited-text\}\n:witness: .*\n:source: src\n\n", "", article.read_text())
        article.write_text(text.replace("\n::::\n", "\n"))


def main() -> None:
    """Command line: python benchmarks/generate.py DIR --articles N --entities M --mentions K."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--articles", type=int, default=2)
    parser.add_argument("--entities", type=int, default=50)
    parser.add_argument("--mentions", type=int, default=40, help="mentions per article")
    parser.add_argument("--layers", action="store_true", help="also the variants between plain and edition")
    args = parser.parse_args()
    generate(args.target, args.articles, args.entities, args.mentions, layers=args.layers)


if __name__ == "__main__":
    main()
