"""The book as a press would set it: what a proofreader of the first PDF found, each guarded here.

The fonts the colophon names are the fonts the PDF embeds; the contents fit their page; the indices carry
running heads; no line breaks inside a date; the apparatus sets an omitted reading off from the editors'
words; no value is printed twice in a row. (The rules on their own: tests/extension/test_typesetting.py.)
"""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from conftest import Build
from helpers import EDITED_TEXT, ROOT, book_pdf, configuration
from lxml import etree

from critical_edition.core.figures import TimelineMark, timeline_svg
from critical_edition.core.register import load_register
from critical_edition.sphinx.print.pictures import BOOK_PAGE

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


# --- the rules, on the edition's prose and its book's page ------------------------------------------------


MARKED = re.compile(r"\{[\w:-]+\}`[^`]*`|`[^`]*`|(?<![\w*])\*[^*\n]+\*|“[^”]*”|\"[^\"\n]*\"|„[^“]*“|\([^()\n]*\)=")
"""What the editors' prose may hold a title in without italics of its own: a role (a mention, in italics when it
is a work's), code, MyST's emphasis, a quotation."""


def test_every_title_of_a_work_in_the_editors_prose_is_in_italics() -> None:
    register = load_register(ROOT / "annotations", ROOT)
    others = " ".join(e.name for e in register if e.kind != "work")  # "Amangeldy" is a work and a man's name
    titles = {name for work in register.of_kind("work")
              for name in [work.name, *(n.text for n in work.names if n.lang.startswith("en") and n.type != "short")]
              if name[0].isupper() and name not in others}  # fmt: skip
    found = re.compile(rf"(?<![\w*])({'|'.join(map(re.escape, sorted(titles, key=len, reverse=True)))})(?![\w*])")
    prose = {f"{e.path} (gloss)": e.gloss for e in register} | {e.path: e.body for e in register}
    for path in sorted((ROOT / "articles").glob("*.md")):  # the editors' words around the source's
        prose[path.name] = EDITED_TEXT.sub("", path.read_text(encoding="utf-8"))
    roman = {(where, m.group()) for where, text in prose.items() for m in found.finditer(MARKED.sub(" ", text))}
    assert not roman  # "presented Over the City as the opening…": italic only where it was first mentioned


def text_width() -> float:
    """The width of the book's text in points: the paper's less the margins conf.py gives (in cm)."""
    elements = configuration()["latex_elements"]
    paper = {"a4paper": 21.0, "letterpaper": 21.59}[elements["papersize"]]
    inner, outer = re.findall(r"[\d.]+", re.search(r"hmargin=\{([^}]*)\}", elements["sphinxsetup"]).group(1))
    return (paper - float(inner) - float(outer)) / 2.54 * 72.27


def test_the_book_s_timeline_is_drawn_with_labels_of_at_least_7_points_at_print_size() -> None:
    label = "A fact whose label is long enough to need a second line on a page"
    marks = [TimelineMark(str(year), label, year, year + 3 * (year % 2), uncertain=year == 1950)
             for year in range(1870, 2030, 9)]  # fmt: skip
    svg = etree.fromstring(timeline_svg(marks, font="FreeSans", page=BOOK_PAGE).encode("utf-8"))
    points = float(svg.get("width", "").removesuffix("pt"))
    units = float(svg.get("viewBox", "").split()[2])
    printed = min(1.0, text_width() / points)  # a picture wider than the text is scaled down to it
    sizes = [float(g.get("font-size", "")) for g in svg.iter("{*}g") if g.get("font-size")]
    assert sizes and min(sizes) * points / units * printed >= 7, (sizes, points, units, printed)
    assert len(list(svg.iter("{*}tspan"))) > len(marks)  # the labels that fit on neither side are wrapped


# --- the real edition's PDF --------------------------------------------------------------------------------


def _run(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf(edition_pdf_build: Build) -> Path:
    latex, result = edition_pdf_build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return book_pdf(latex)


@pytest.fixture(scope="module")
def pages(pdf: Path) -> list[str]:
    return _run("pdftotext", "-layout", pdf, "-").split("\f")


def test_the_colophon_names_the_fonts_the_pdf_embeds(pdf: Path) -> None:
    colophon = " ".join((ROOT / "colophon.md").read_text(encoding="utf-8").split())
    claimed = set(re.findall(r"GNU (Free(?:Serif|Sans|Mono))", colophon))
    regions = dict(re.findall(r"(Noto (?:Serif|Sans) CJK) (SC|TC|HK|JP|KR)", colophon))
    claimed |= {name.replace(" ", "") for name in regions}
    lines = _run("pdffonts", pdf).splitlines()[2:]
    embedded = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in lines}
    # a family's faces (FreeSerifBoldItalic); a CJK collection's faces share one set of outlines, which the PDF
    # names after the collection's first face (NotoSerifCJKjp) whichever face set the text
    families = {re.match(r"Free(?:Serif|Sans|Mono)|NotoS(?:erif|ans)CJK", name) for name in embedded}
    assert None not in families, embedded
    assert {family.group() for family in families if family} == claimed
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    for name, region in regions.items():  # the face is the one fontspec loaded: the region the colophon names
        assert f"Font family '{name.replace(' ', '')}{region}(" in log, (name, region)


FREESANS_BOX = 1.1
"""How tall pdftotext boxes a word of FreeSans, in ems (its ascent and descent)."""


def test_the_timeline_page_prints_its_labels_at_7_points_or_more(pdf: Path, pages: list[str]) -> None:
    number = next(
        n for n, page in enumerate(pages, 1) if "Timeline of the dated facts, earliest" in " ".join(page.split())
    )
    boxes = _run("pdftotext", "-bbox", "-f", number, "-l", number, pdf, "-")
    words = [(float(top), float(bottom), word)
             for top, bottom, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes)]  # fmt: skip
    caption = min(top for top, _, word in words if word == "Fig.")
    head = min(bottom for _, bottom, _ in words)  # the running head's line
    drawn = [(bottom - top, word) for top, bottom, word in words if head < top and bottom < caption]
    assert len(drawn) > 50 and min(drawn)[0] / FREESANS_BOX >= 7, min(drawn)  # was 5.5 points (the years)


def _contents(pages: list[str]) -> list[list[str]]:
    """The lines of each page of the contents (they end where the text's page numbers start again at 1)."""
    start = next(i for i, page in enumerate(pages) if page.split()[:1] == ["Contents"])
    out = []
    for page in pages[start:]:
        lines = [line for line in page.splitlines() if line.strip()]
        if not re.fullmatch(r"[ivx]+", lines[-1].strip()):  # the contents' pages are numbered i, ii…
            break
        out.append(lines[:-1])
    return out


def test_the_contents_do_not_spill_a_few_lines_onto_a_page_of_their_own(pages: list[str]) -> None:
    contents = _contents(pages)
    assert contents and all(contents), contents
    assert len(contents) == 1 or len(contents[-1]) >= 6, contents[-1]  # was: five chapters alone on page ii
    for line in [line for page in contents for line in page[1:]]:
        assert re.search(r"\s\d+$", line), f"an entry runs over its line: {line!r}"


def test_index_pages_carry_running_heads(pages: list[str]) -> None:
    titles = ["Index of persons", "Index of places", "Index of works", "Index of organisations", "Index of events"]
    first = next(i for i, page in enumerate(pages) if titles[0] in page and "Contents" not in page)
    heads = [page.splitlines()[0].strip() for page in pages[first + 1 :] if page.strip()]  # after the chapter's
    assert heads  # opening page, which has none
    for head in heads:  # the book's short title on a left page, the index's title on a right one
        assert re.fullmatch(r"\d+\s+Kazakh Cinema in the News|Index of [\w ]+?\s+\d+", head), heads


def test_no_line_breaks_inside_a_date_or_a_page_reference(pages: list[str]) -> None:
    lines = [line.strip() for page in pages for line in page.splitlines() if line.strip()]
    for before, after in itertools.pairwise(lines):
        split = (
            (re.search(r"(?<![\d.,–-])\b\d{1,2}$", before) and re.match(rf"({MONTHS})\b", after))
            or (re.search(rf"\b({MONTHS})$", before) and re.match(r"\d{1,4}\b", after))
            or (re.search(r"(?<!\w)pp?\.$", before) and re.match(r"\d", after))
        )
        assert not split, (before, after)


def test_apparatus_sets_omitted_readings_off_and_a_lemma_has_one_bracket(pages: list[str]) -> None:
    flat = " ".join(" ".join(pages).split())
    assert "] ]" not in flat  # "[Baldyrgan Baikadamova] ]": a supplied lemma needs no brackets of its own
    entries = re.findall(r"the source (?:adds|has before it) ", flat)
    reason = r"\((?:[^()]|\([^()]*\))*\)"  # "(words of the site's (Russian) user interface)"
    quoted = re.findall(rf"the source (?:adds|has before it) “[^”]*” {reason}(?:; “[^”]*” {reason})*", flat)
    assert entries and len(quoted) == len(entries)  # was "the source adds Emir Baigazain Emir Baigazain (an image…"


def test_no_value_is_printed_twice_in_a_row(pages: list[str]) -> None:
    flat = " ".join(" ".join(pages).split())
    assert not re.search(r"(?<![\w·])(\w[\w ]*?) · \1(?![\w])", flat)  # "France · France" in the list of places
