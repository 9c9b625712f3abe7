"""The print edition as a reader sees it: what pdftotext, pdfinfo and the LaTeX log show of the real PDF.

Each test names the defect of the first PDF it guards against (issue "The print edition"); the PDF is built
once for the session (conftest's ``edition_pdf_build``), the HTML once for the reading-text comparison.
"""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import book_pdf, edited_texts

Build = tuple[Path, subprocess.CompletedProcess[str]]
TEXTS = edited_texts()  # every text of the edition, in the order of the contents


def _pdf(build: Build) -> Path:
    latex, result = build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book_pdf(latex)


def _pages(pdf: Path, layout: bool = True) -> list[str]:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")


@pytest.fixture(scope="module")
def pages(edition_pdf_build: Build) -> list[str]:
    return _pages(_pdf(edition_pdf_build))


def test_the_log_has_no_overfull_box_and_few_hopeless_lines(edition_pdf_build: Build) -> None:
    log = (_pdf(edition_pdf_build).parent / "kazakh-cinema-edition.log").read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\" not in log
    assert "Missing character" not in log
    assert len(re.findall(r"Underfull \\hbox \(badness 10000\)", log)) <= 10


def test_title_page_verso_and_metadata(edition_pdf_build: Build, pages: list[str]) -> None:
    title, verso = " ".join(pages[0].split()), " ".join(pages[1].split())
    assert "Kazakh Cinema in the News" in title and "The editors of the Kazakh Cinema Edition" in title
    assert "Release" not in title  # Sphinx's default title page said "Release 1.0"
    assert "CC BY 4.0" in verso and "creativecommons.org/licenses/by/4.0" in verso
    assert re.search(r"Release [\d.]+ of \d{1,2} [A-Z][a-z]+ \d{4}", verso)  # the edition's date, in its style
    info = subprocess.run(["pdfinfo", str(_pdf(edition_pdf_build))], capture_output=True, text=True).stdout
    for field in ("Title", "Author", "Subject", "Keywords"):
        assert re.search(rf"^{field}:\s+\S", info, re.M), field


def test_contents_in_reading_order(pages: list[str]) -> None:
    contents = " ".join(pages[2].split())
    assert contents.startswith("Contents")  # was "Texts", the caption of the first toctree
    # each text numbered in the order of the toctree, under its title (its first words, without MyST's emphasis)
    texts = [" ".join([str(n), *text.title.replace("*", "").split()[:2]]) for n, text in enumerate(TEXTS, 1)]
    order = ["Introduction", "Editorial principles", *texts, "Register", "Bibliography", "Indices"]
    at = [" ".join(" ".join(pages[2:5]).split()).find(entry) for entry in order]
    assert -1 not in at and at == sorted(at), dict(zip(order, at, strict=True))


def test_no_page_holds_only_a_heading(pages: list[str]) -> None:
    for number, page in enumerate(pages[:-1], 1):
        lines = [ln for ln in page.splitlines() if ln.strip()]
        assert len(lines) == 0 or len(lines) > 3 or number <= 2, f"page {number}: {lines}"


def test_running_heads_fit_one_line(pages: list[str]) -> None:
    heads = [page.splitlines()[0] for page in pages[4:-1] if page.strip()]
    assert heads and not any("Release" in head for head in heads)
    assert sum("Kazakh Cinema in the News" in head for head in heads) > 10  # the short title, on left pages


def test_spaces_after_en_dash_and_middle_dot_survive(pages: list[str]) -> None:
    flat = " ".join(" ".join(pages).split())
    assert "– In 1943" in flat and "–In 1943" not in flat
    assert not re.search(r"\d –\d{4}", flat)  # was "(1905-06-13 –1945-10-30)"
    assert "·Эмир" not in flat


def test_right_to_left_runs_are_set_right_to_left(edition_pdf_build: Build) -> None:
    tex = (_pdf(edition_pdf_build).parent / "kazakh-cinema-edition.tex").read_text(encoding="utf-8")
    assert r"{\editionrtlfont\beginR امانكەلدى يمانوۆ\endR}" in tex  # Arabic-script Kazakh: order, shaping font
    assert r"\beginR Аманкелді" not in tex


def test_adjacent_note_marks_are_separated(edition_pdf_build: Build) -> None:
    tex = (_pdf(edition_pdf_build).parent / "kazakh-cinema-edition.tex").read_text(encoding="utf-8")
    assert not re.search(r"(\\end\{footnote\}|\\sphinxfootnotemark\[\d+\])\\sphinxfootnotemark", tex)
    flat = " ".join(" ".join(_pages(_pdf(edition_pdf_build), layout=False)).split())
    assert "be given.4,5" in flat  # two notes, not note 45


def test_indices_by_surname_without_articles_with_en_dashes(pages: list[str]) -> None:
    start = next(i for i, page in enumerate(pages) if "Index of persons" in page and "Contents" not in page)
    indices = " ".join(" ".join(pages[start:]).split())
    assert "Baigazin, Emir" in indices and "Baikadamov, Bakhytzhan" in indices
    assert "Wounded Angel, The" in indices and "River, The" in indices
    assert "Index of events" in indices
    assert "--" not in indices and re.search(r"\d–\d", indices)  # page ranges with an en dash


def test_text_pages_are_text_with_the_apparatus_at_the_foot(pages: list[str]) -> None:
    first = next(page for page in pages if "Emir Baigazin to confess his love" in page and "Notes on" not in page)
    assert re.search(r"^\s*5\s+\S", first, re.M)  # line numbers every fifth line
    assert "bringing ] brining" in " ".join(" ".join(pages).split())  # an apparatus entry by lemma
    assert "Notes on the text" in " ".join(pages)
    assert not any(re.search(r"^\s*\d\.\d\s+Notes\s*$", page, re.M) for page in pages)  # no empty "1.4 Notes"


def _html_reading_words(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    text = soup.select_one(".edited-text")
    assert text is not None
    for junk in text.select(
        ".edition-legend, a.para-num, a.footnote-reference, .edition-sic-reading, .edition-omitted, "
        ".edition-omitted-text, .edition-marker:not(.edition-sic .edition-marker), [class*=diplomatic], [hidden]"
    ):
        junk.decompose()
    blocks = " ".join(block.get_text("") for block in text.find_all(["p", "h3"]))
    return [w for w in blocks.replace("°", "").replace("[sic]", " ").split()]


NOISE = re.compile(r"^(\d+|¶\d*)$")  # line numbers, page numbers, paragraph numbers


def _words_from(printed: list[str], start: int, count: int) -> list[str]:
    """The first ``count`` words from ``start`` on that are not (or could not be) line, page or paragraph numbers."""
    words = (word for word in itertools.islice(printed, start, None) if not NOISE.match(word))
    return list(itertools.islice(words, count))


@pytest.mark.parametrize("docname", [text.docname for text in TEXTS])
def test_printed_text_equals_the_html_reading_text(edition_pdf_build: Build, edition_html: Path, docname: str) -> None:
    words = _html_reading_words(edition_html / f"{docname}.html")
    printed = " ".join(_pages(_pdf(edition_pdf_build), layout=False)).replace("[sic]", " ").split()
    # the printed text begins where its first words are first printed (in its chapter: only the back matter, after
    # every text, names a headline again), with line and paragraph numbers between them
    first = _words_from(words, 0, 8)
    start = next((i for i, w in enumerate(printed) if w == words[0] and _words_from(printed, i, 8) == first), None)
    assert start is not None, f"the first words of {docname} are not printed: {' '.join(words[:8])}"
    printed = printed[start:]
    printed = printed[: next(i for i, w in enumerate(printed) if w == "Notes" and printed[i + 1 : i + 3] == ["on", "the"])]
    i = breaks = 0
    for word in words:
        skipped = False
        while True:
            assert i < len(printed), f"'{word}' of the reading text is not printed in order"
            token, after = printed[i], printed[i + 1] if i + 1 < len(printed) else ""
            if token == word:
                i += 1
                break
            if token.endswith("-") and word in (token[:-1] + after, token + after):  # hyphenated at a line end
                i += 2
                break
            skipped |= not NOISE.match(token)
            i += 1
        breaks += skipped
    assert breaks <= 3, f"the printed text has {breaks} runs of words the reading text lacks (page furniture?)"


A4_HEIGHT, TOP, BOTTOM = 842, 2.6 / 2.54 * 72, 2.8 / 2.54 * 72  # points: the page and its margins (conf.py)
LINE_NUMBERS = {"5", "10", "15", "20", "25", "30", "35", "40"}


def test_notes_take_at_most_a_third_of_a_text_page_on_average(edition_pdf_build: Build) -> None:
    """On each page with numbered lines, the foot (the apparatus and any note, in footnote size under the
    last line of text size) is measured against the text area, from the positions pdftotext gives."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(_pdf(edition_pdf_build)), "-"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    shares = []
    for page in BeautifulSoup(out, "html.parser").find_all("page"):
        if not any(w.text in LINE_NUMBERS and float(w["xmax"]) < TOP for w in page.find_all("word")):
            continue  # no line number in the left margin: not a page of an edited text
        lines = [(float(ln["ymin"]), float(ln["ymax"])) for ln in page.find_all("line")]
        lines = [(y0, y1) for y0, y1 in lines if y0 < A4_HEIGHT - BOTTOM]  # not the page number
        last_text = max(y1 for y0, y1 in lines if y1 - y0 > 9.5)  # text size: taller than footnote size
        foot = [(y0, y1) for y0, y1 in lines if y0 > last_text]
        shares.append((max(y1 for _, y1 in foot) - min(y0 for y0, _ in foot)) / (A4_HEIGHT - TOP - BOTTOM) if foot else 0)
    assert len(shares) >= 2, "no page of an edited text found"
    assert sum(shares) / len(shares) <= 0.34, shares


def test_a_note_that_gives_a_source_cites_it_short_in_print(edition_pdf_build: Build) -> None:
    tex = (_pdf(edition_pdf_build).parent / "kazakh-cinema-edition.tex").read_text(encoding="utf-8")
    assert "\\sphinxAtStartFootnote\nKamalova, 2015.\n" in tex  # not the whole entry, which the bibliography gives
    assert "\\sphinxAtStartFootnote\nGyuzel Kamalova. Emir Baigazin to confess" not in tex


def test_an_entity_is_one_entry_of_its_index_and_the_index_of_names_heads_its_pages(
    edition_pdf_build: Build, pages: list[str]
) -> None:
    """makeindex made two entries of one title when a mention in a heading wrote it as tokens ('\\textit  {')
    and one in the text as typed; the index of names ran under the last index's running head."""
    latex, _ = edition_pdf_build
    for index in latex.glob("*.ind"):
        items = [" ".join(line.split()) for line in index.read_text(encoding="utf-8").splitlines()
                 if line.strip().startswith(r"\item")]  # fmt: skip
        names = [re.sub(r"(, [\dxivlc]+(--[\dxivlc]+)?)+$", "", item).replace(" ", "") for item in items]
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    start = next(i for i, page in enumerate(pages) if "Index of names in every script" in page and "Contents" not in page)
    following = [page for page in pages[start + 1 :] if page.strip()]
    assert following and all("Index of events" not in page.split("\n", 1)[0] for page in following)
