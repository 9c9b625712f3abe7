"""The edition's own files: edition-wide statements derived from the texts, witnesses kept byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from helpers import configuration, edited_texts

from critical_edition.core.corpus import describe

ROOT = Path(__file__).parents[2]


def in_words(count: int) -> str:
    """How prose writes a number of texts: in words up to twelve, then in digits."""
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    return words[count] if count < len(words) else str(count)


def span(years: list[int]) -> str:
    """The years of the texts as the title gives them: '2015–2018', or one year."""
    return f"{min(years)}–{max(years)}" if min(years) != max(years) else str(min(years))


def test_the_edition_describes_its_texts_from_the_texts(tmp_path: Path) -> None:
    texts = edited_texts()  # the pages with an {edited-text} block, and the years of their sources' entries
    years = [text.year for text in texts if text.year]
    corpus = describe(ROOT, ["references.bib"])
    assert (corpus.count, corpus.count_words, corpus.year_range) == (len(texts), in_words(len(texts)), span(years))
    assert configuration()["project"] == (
        f"Kazakh Cinema in the News: A Critical Edition of {in_words(len(texts)).title()} Reports, {span(years)}")
    # one more text, a year after the last, changes the title and the front page without anyone editing them
    src = tmp_path / "edition"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns("_build", ".nox", ".git", "node_modules", "tests"))
    later = max(years) + 1
    (src / "articles" / "one-more.md").write_text(
        f"# One more text\n\n::::{{edited-text}}\n:witness: witnesses/one-more.txt\n:source: more{later}\n\n"
        "Text.\n::::\n", encoding="utf-8")
    with open(src / "references.bib", "a", encoding="utf-8") as bib:
        bib.write(f"\n@misc{{more{later},\n  title = {{{{One more}}}},\n  year = {{{later}}},\n}}\n")
    corpus = describe(src, ["references.bib"])
    assert (corpus.count_words, corpus.year_range) == (in_words(len(texts) + 1), span([*years, later]))
    conf = subprocess.run([sys.executable, "-c", "import runpy; print(runpy.run_path('conf.py')['project'])"],
                          cwd=src, capture_output=True, text=True, check=True)
    assert conf.stdout.strip() == (
        f"Kazakh Cinema in the News: A Critical Edition of {in_words(len(texts) + 1).title()} Reports, "
        f"{span([*years, later])}")


def test_git_keeps_witnesses_byte_for_byte() -> None:
    # with core.autocrlf a checkout would turn LF into CRLF and every digest would fail
    witnesses = [text.witness for text in edited_texts()]
    result = subprocess.run(["git", "check-attr", "text", "--", *witnesses], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == [f"{name}: text: unset" for name in witnesses], result.stdout
