"""The PDF and the EPUB as a press would set them (issue 25): separate note marks, no doubled full stops, whole
apparatus readings, one alphabet in the bibliography, notes counted through a chapter, names kept whole.

The PDF is conftest's ``edition_pdf_build`` (built once per run), read with pdftotext; the EPUB is built once
for this module and read as XHTML.
"""

from __future__ import annotations

import functools
import itertools
import re
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
from conftest import Build, built_once, slow_fixture
from helpers import READER_PAGES, ROOT, edited_texts, html_text, reader_text

from critical_edition.core.bibliography import filing_order, filing_words, read_bibliography
from critical_edition.core.citation import address_parts, readable_url
from critical_edition.core.register import load_register
from critical_edition.core.syntax import WHOLE_READING_WORDS
from critical_edition.sphinx.print.book import unbroken_words

PDF = "kazakh-cinema-edition.pdf"


def _pdf_text(build: Build, *options: str) -> list[str]:
    latex, result = build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    args = ["pdftotext", *options, str(latex / PDF), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")


@pytest.fixture(scope="module")
def pdf_pages(edition_pdf_build: Build) -> list[str]:
    return _pdf_text(edition_pdf_build, "-layout")


@pytest.fixture(scope="module")
@slow_fixture
def epub_xhtml(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every XHTML page of the EPUB, by its name in the archive."""
    out, result = built_once(tmp_path_factory, "edition-epub-print", "-b", "epub", "-d", "{out}/doctrees", ROOT,
                             "{out}/epub")  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    (book,) = (out / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")}


@pytest.fixture(scope="module")
def epub_text(epub_xhtml: dict[str, str]) -> dict[str, str]:
    """Every XHTML page of the EPUB as plain text (tags dropped, entities read)."""
    return {name: html_text(xhtml, fold=True, tag=" ") for name, xhtml in epub_xhtml.items()}


def _foot_labels(page: str) -> list[int]:
    """The numbers of the notes at the foot of a page (pdftotext -layout sets each indented at a line's start,
    alone or before its note's first words; the text's lines start at the margin)."""
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    return [int(n) for n in re.findall(rf"^ {{1,8}}(\d{{1,3}})(?: *$| {{1,3}}(?!(?:{months})\b)\S)", page, re.M)]


def test_adjacent_note_marks_are_separated(pdf_pages: list[str]) -> None:
    """Two marks side by side once printed as one number ("8,1012,13" for 8, 10, 12, 13): every number in a run
    of marks must be a note of this page or the next, or an earlier one (a repeated mark), never larger."""
    runs = 0
    for number, page in enumerate(pdf_pages):
        highest = max(_foot_labels(page) + _foot_labels(pdf_pages[number + 1] if number + 1 < len(pdf_pages) else ""),
                      default=0)  # fmt: skip
        for run in re.findall(r"[a-z\.\)”’]((?:\d{1,4},)+\d{1,4})(?=\s|$)", page):
            runs += 1
            marks = [int(n) for n in run.split(",")]
            assert max(marks) <= highest, f"page {number + 1}: marks {run} run together (highest note {highest})"
    assert runs  # the edition has places where two notes stand together


def test_no_doubled_full_stop(pdf_pages: list[str], epub_text: dict[str, str]) -> None:
    """A source without a date was cited as "Mukanova, n.d.." in the notes."""
    doubled = re.compile(r"(?<!\.)[.?!]\.(?!\.)")
    for number, page in enumerate(pdf_pages, 1):
        assert not doubled.search(" ".join(page.split()).replace("n.d.,", "")), f"page {number}"
    for name, text in epub_text.items():
        assert "n.d.." not in text and not re.search(r"n\.d\.\s\.", text), name


def _readings(text: str) -> list[str]:
    """The omitted passages the apparatus gives (HTML/EPUB form: […] "reading" — left out: ...)."""
    return re.findall(r"\[…\] “(.*?)”(?: \(\d+ words not shown\))? — left out", text)


def test_apparatus_gives_whole_readings_of_omitted_passages(epub_text: dict[str, str], pdf_pages: list[str]) -> None:
    """The apparatus cut readings mid-word ("for his ne…", "Икон…"): each omitted passage must be given whole
    or, if very long, by whole words at both ends and the count of those left out."""
    readings = [r for text in epub_text.values() for r in _readings(text)]
    assert readings
    flat_pdf = " ".join(" ".join(pdf_pages).split())
    for reading in readings:
        if "…" in reading:  # an abridged passage: whole words around the ellipsis
            head, tail = reading.split(" … ")
            assert head and tail, reading
        else:
            assert len(reading.split()) <= WHOLE_READING_WORDS, reading
        # the PDF's apparatus gives the same words (its lines may break anywhere between them)
        first_words = " ".join(reading.split()[:4])
        assert first_words.replace("'", "’") in flat_pdf.replace("'", "’"), first_words
    assert not re.search(r"\w…", " ".join(readings))


def _filed(label: str) -> tuple[str, str]:
    who, _, year = label.rpartition(", ")
    return filing_order(who), "" if year == "n.d." else year  # undated first


def _epub_labels(epub_xhtml: dict[str, str]) -> list[str]:
    spans = re.findall(r'<span class="label">(.*?)</span></span>', epub_xhtml["bibliography.xhtml"])
    return [unescape(re.sub(r"<[^>]+>", "", span))[1:-1] for span in spans]  # without the label's brackets


def _in_one_alphabet(labels: list[str]) -> None:
    assert len(labels) > 2
    keys = [_filed(label) for label in labels]
    assert keys == sorted(keys), [pair for pair in itertools.pairwise(labels) if _filed(pair[0]) > _filed(pair[1])][:3]
    # the rule the bibliography's introduction states, letter by letter: Latin, then Cyrillic, then numerals
    scripts = ["digit" if label[0].isdigit() else "cyrillic" if re.match(r"[\u0400-\u04ff]", label) else "latin"
               for label in (filing_words(label) for label in labels)]  # fmt: skip
    assert scripts == sorted(scripts, key=["latin", "cyrillic", "digit"].index), labels
    rivers = [n for n, label in enumerate(labels) if label.startswith("The River")]  # filed under R, not T
    assert all(filing_words(labels[n - 1]).casefold()[:1] <= "r" for n in rivers), [labels[n - 1] for n in rivers]


def test_bibliography_is_one_alphabet(epub_xhtml: dict[str, str]) -> None:
    """The bibliography ran in separate alphabets (sources without author first, then bracketed titles, then
    the others), and "8-летняя…" (a title that begins with a numeral) stood first: its labels must follow one
    another in one order, as the bibliography's introduction states it."""
    labels = _epub_labels(epub_xhtml)
    _in_one_alphabet(labels)
    assert any(label[0].isdigit() for label in labels) and any(label.startswith("The ") for label in labels)
    intro = " ".join((ROOT / "bibliography.md").read_text(encoding="utf-8").split())
    assert "one alphabetical sequence" in intro and "numeral" in intro and "Cyrillic follow the Latin" in intro


def test_the_pdf_bibliography_is_the_same_alphabet(epub_xhtml: dict[str, str], pdf_pages: list[str]) -> None:
    epub = [label.replace("\u00a0", " ") for label in _epub_labels(epub_xhtml)]  # pdftotext gives a plain space
    start = next(n for n, page in enumerate(pdf_pages) if "Every source cited in the edition" in page)
    pdf_text = " ".join(" ".join(pdf_pages[start:]).split()).split("Every source cited in the edition")[1]
    pdf = sorted((pdf_text.find(f"[{label}]"), label) for label in epub)
    assert all(at >= 0 for at, _ in pdf), [label for at, label in pdf if at < 0][:3]
    _in_one_alphabet([label for _, label in pdf])


def test_every_address_in_the_pdf_breaks_only_between_its_parts(edition_pdf_build: Build) -> None:
    """An address broke inside its scheme ("ht / tps://"): each address of the bibliography is in the PDF's
    text, and wherever a line ends inside one it ends after a "/", ".", "-" or the like, past the scheme."""
    text = "\n".join(
        line
        for page in _pdf_text(edition_pdf_build, "-layout")  # -layout: a line's hyphen kept, not joined
        for n, line in enumerate(page.strip().splitlines())
        if not line.strip().isdigit() and not (n == 0 and re.fullmatch(r"\s*(\d+\s{2,}.+|.+\s{2,}\d+)\s*", line))
    )  # without the running heads and the folios, so that an address may run on to the next page
    addresses = _addresses()
    assert addresses
    broken = 0
    for address in addresses:
        pattern = r"(\s*)".join(re.escape(char) for char in address)
        found = list(re.finditer(pattern, text))
        assert found, address
        cuts = set(itertools.accumulate(len(part) for part in address_parts(address)))
        for match in found:
            for at, gap in enumerate(match.groups(), 1):
                if gap:
                    broken += 1
                    assert at in cuts and address[at - 1] in "/.-_?&=#~,;", (address[:at], address[at:])
                    assert at > address.index("://") + 3, address
    assert broken  # long addresses do break somewhere: else this test proves nothing


@functools.cache
def _addresses() -> list[str]:
    """Every address of the bibliography as the PDF prints it (readable)."""
    return sorted({readable_url(u.url) for u in read_bibliography(ROOT / "references.bib", "references.bib").urls})


def _with_addresses_apart(text: str) -> str:
    """The PDF's text with each address of the bibliography replaced by a space, wherever its lines break."""
    for address in _addresses():
        if address_parts(address)[0] in text:  # its first part, scheme and host, is never broken
            text = re.sub(r"\s*".join(re.escape(char) for char in address), " ", text)
    return text


def _witness_words() -> set[str]:
    return {w for text in edited_texts() for w in (ROOT / text.witness).read_text(encoding="utf-8").split()}


def test_editorial_prose_in_the_epub_has_curly_apostrophes(epub_xhtml: dict[str, str]) -> None:
    """Straight apostrophes stood beside curly ones ("Kazakhstan's" in a citation, "Baigazin’s" in the note):
    the words the edition makes after Sphinx's smart quotes ran were not curled. A reader's page holds no
    straight quotation mark outside the source's own readings, code and addresses."""
    pages = {name: reader_text(xhtml.encode("utf-8")) for name, xhtml in epub_xhtml.items() if READER_PAGES.fullmatch(name)}
    assert "bibliography.xhtml" in pages and any(name.startswith("articles/") for name in pages)
    straight = {name: re.findall(r"\S*['\"]\S*", text) for name, text in pages.items()}
    assert not any(straight.values()), {name: found[:5] for name, found in straight.items() if found}


def test_the_pdf_has_curly_apostrophes_outside_the_sources_readings(pdf_pages: list[str]) -> None:
    """84 straight apostrophes stood in the notes of the PDF: every one left must be a reading of a witness (the
    apparatus gives the source's characters), part of an address, or a name as the register spells it (the
    indices and the map's labels give the register's own forms)."""
    register = load_register(ROOT / "annotations")
    names = {w for e in register for name in [e.name, *(n.text for n in e.names)] for w in name.split()}
    allowed = _witness_words() | names
    straight = [
        token
        for page in pdf_pages
        for token in re.findall(r"\S*'\S*", _with_addresses_apart(page))
        if token.strip(".,;:()[]“”") not in allowed and re.search(r"\w", token)  # "(' ‘ ’)" names the signs
    ]
    assert not straight, straight[:10]


REPOSITORY_WORDS = re.compile(r"\S*(?:witnesses/|annotations/|\.md\b|\.txt\b|conf\.py|\bedition_[a-z_]+|gloss_note)\S*")
"""What a reader should never read: the project's files and folders, the names of its settings."""


def test_reader_pages_name_no_files_or_settings(epub_xhtml: dict[str, str], edition_html: Path) -> None:
    """A bibliography note named "witnesses/tengrinews-262323.txt" and the principles the setting "gloss_note":
    the pages of the texts, the register, the bibliography, the principles, the citing guide and the colophon
    speak of the copy kept with the edition, not of paths and settings (the reference for editors does)."""
    pages = {name: reader_text(xhtml.encode("utf-8"), code=True) for name, xhtml in epub_xhtml.items()}
    pages |= {f"html:{p.relative_to(edition_html).as_posix()}": reader_text(p.read_bytes(), code=True)
              for p in edition_html.rglob("*.html")}  # fmt: skip
    pages = {name: text for name, text in pages.items() if READER_PAGES.fullmatch(name.removeprefix("html:"))}
    assert "html:principles.html" in pages and "principles.xhtml" in pages and len(pages) > 20
    found = {name: REPOSITORY_WORDS.findall(text) for name, text in pages.items()}
    assert not any(found.values()), {name: words for name, words in found.items() if words}


def test_the_pdf_names_no_files_or_settings(pdf_pages: list[str]) -> None:
    found = [word for page in pdf_pages for word in REPOSITORY_WORDS.findall(page)]
    assert not found, found


RAW_CODES = re.compile(
    r"\b\d{4}(?:-\d\d){0,2}[?~%](?!\w)"  # an uncertain or approximate EDTF date: 2015?
    r"|\b\d{4}(?:-\d\d){0,2}/(?:\d{4}|\.\.)(?!, para)|\.\./\d{4}"  # an interval: 1944/1945 (APA's 2015/2026 is a style's)
    r"|[\[{]\d{4}(?:-\d\d)*(?:,|\.\.)"  # a set: [1945,1946]
    r"|\b[a-z]{2,3}-[A-Z][a-z]{3}\b"  # a BCP 47 tag with a script: kk-Cyrl, zh-Hans
    r"|\([a-z]{2,3}, (?:native|transliteration|translation|variant|alias|short|former)\b"  # a bare tag: (ru, native)
)
"""What a reader should read in words: EDTF dates and BCP 47 language tags (the data keep them)."""
NESTED = re.compile(r"[(\[]\s?[(\[]|[)\]]\s?[)\]]")
"""Brackets inside brackets, "([" or "[[": a press rephrases ("[[New trilogy planned from…], 2016]")."""


def _reader_pages(epub_xhtml: dict[str, str], html: Path) -> dict[str, str]:
    """The reader's pages of the EPUB and the HTML (the apparatus apart: its "lemma ]" is a sign of its own)."""
    pages = {name: xhtml.encode("utf-8") for name, xhtml in epub_xhtml.items()}
    pages |= {f"html:{p.relative_to(html).as_posix()}": p.read_bytes() for p in html.rglob("*.html")}
    return {
        name: reader_text(re.sub(rb'<ul class="[^"]*\bapparatus\b.*?</ul>', b"", page, flags=re.S))
        for name, page in pages.items()
        if READER_PAGES.fullmatch(name.removeprefix("html:"))
    }


def test_reader_pages_read_dates_and_languages_in_words(epub_xhtml: dict[str, str], edition_html: Path) -> None:
    """Register entries printed "[1945,1946]" and name lists "kk-Cyrl", "zh-Hans": a reader reads "1945 or
    1946" and "Kazakh in Cyrillic script" wherever they stand."""
    pages = _reader_pages(epub_xhtml, edition_html)
    assert "born 1945 or 1946" in pages["html:annotations/person/baldyrgan-baikadamova.html"]
    assert "(Kazakh in Cyrillic script, native)" in pages["annotations/place/almaty.xhtml"]
    found = {name: RAW_CODES.findall(text) for name, text in pages.items()}
    assert not any(found.values()), {name: codes for name, codes in found.items() if codes}


def test_reader_pages_nest_no_brackets(epub_xhtml: dict[str, str], edition_html: Path) -> None:
    """"[[New trilogy planned from…], 2016]" in the notes, "(Qazaq TV, [2018])" in a title."""
    pages = _reader_pages(epub_xhtml, edition_html)
    found = {name: [text[max(0, m.start() - 30) : m.end() + 10] for m in NESTED.finditer(text)] for name, text in pages.items()}
    assert not any(found.values()), {name: where for name, where in found.items() if where}


def test_the_pdf_reads_dates_and_languages_in_words_and_nests_no_brackets(pdf_pages: list[str]) -> None:
    text = _with_addresses_apart("\n".join(pdf_pages))  # "…/2019/0413/…" is no date
    assert not RAW_CODES.findall(text), RAW_CODES.findall(text)[:10]
    assert not re.findall(r".{30}[(\[]\s?[(\[].{10}", text)  # the apparatus's "lemma ]" closes as it may


def _head(page: str) -> str:
    lines = [line for line in page.splitlines() if line.strip()]
    return lines[0] if lines else ""


def test_register_notes_are_counted_through_the_chapter(pdf_pages: list[str]) -> None:
    """Each entity of the register numbered its notes from 1, so that the numbers restarted mid-page."""
    first = next(n for n, page in enumerate(pdf_pages) if n > 4 and "Register" in _head(page))
    end = max(n for n, page in enumerate(pdf_pages) if "Register" in _head(page))  # the chapter's last right page
    labels = [label for page in pdf_pages[first:end] for label in _foot_labels(page)]
    assert len(labels) > 10
    assert all(b > a for a, b in itertools.pairwise(labels)), labels


def test_register_names_are_not_hyphenated(pdf_pages: list[str]) -> None:
    """Transliterated names broke badly ("Kaza-khstan"): no word of a name in the register is broken across
    lines in the PDF."""
    register = load_register(ROOT / "annotations")
    names = " ".join(name for e in register for name in [e.name, *(n.text for n in e.names)])  # "Co-production"
    words = set(unbroken_words(register))
    assert {w.lower() for e in register for w in re.findall(r"[^\W\d_]{5,}", e.name) if not w.islower()} <= words
    broken = [
        found.group(1) + found.group(2)
        for page in pdf_pages
        for found in re.finditer(r"(\w+)-\n\s*(\w+)", _with_addresses_apart(page))  # an address breaks at "-"
        if (found.group(1) + found.group(2)).lower() in words and f"{found.group(1)}-{found.group(2)}" not in names
    ]
    assert not broken, broken


def test_apparatus_readings_are_the_witness_own_characters(epub_text: dict[str, str]) -> None:
    """A reader rebuilds the source from the apparatus: each reading of an omitted passage is in a witness as
    printed there, quotation marks and apostrophes included (smart quotes once curled "shouldn't")."""
    witnesses = " ".join(
        " ".join((ROOT / text.witness).read_text(encoding="utf-8").split()) for text in edited_texts()
    )
    readings = [r for text in epub_text.values() for r in _readings(text)]
    assert any("'" in r for r in readings)  # else this test proves nothing about apostrophes
    for reading in readings:
        for part in reading.split(" … "):
            assert part in witnesses, part
