"""On a phone, for everyone (issue 25, part 3): no page scrolls sideways, WCAG 2.2 AA, targets a finger can hit,
and the rules print the straight marks they name as straight marks.

The browser part loads every HTML page the build wrote once, in one headless Chromium with one page, and resizes it
to each width: the page must fit at 320, 768 and 1280 CSS pixels (each text also in its diplomatic and side-by-side
views). At 320 pixels (a phone) axe-core runs the WCAG 2.0, 2.1 and 2.2 A and AA rules on every page, and the
targets WCAG 2.5.8 asks to be 24 by 24 CSS pixels are measured on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, axe_report, chromium, new_context, serve
from conftest import slow_fixture
from helpers import book_pdf, declared_mark_lists, pdf_text
from playwright.sync_api import Page

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Chromium at /usr/bin/chromium")

WIDTHS = (320, 768, 1280)  # a small phone, a tablet upright, a laptop
PHONE = WIDTHS[0]
WCAG_22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
              "resultTypes": ["violations"]}  # fmt: skip
VIEWS = ("Diplomatic (as captured)", "Side by side", "Reading text")  # each text's views, the reading one last

# The targets 2.5.8 asks to be 24 × 24: the note markers and intervention signs (the closing bracket of supplied
# words is a target inside a sentence, which 2.5.8 exempts), the notes' links back, the paragraph numbers, the
# view switch, the cite box, and the navigation controls of the page (header buttons, previous and next).
TARGETS = {
    "note marker": "a.footnote-reference",
    "intervention sign": "a.edition-app-link:not(.edition-bracket)",
    "link back from a note": "aside.footnote a[role=doc-backlink]",
    "paragraph number": "a.para-num",
    "view switch": ".edition-view-switch button",
    "cite box": ".edition-cite > summary, .edition-cite button",
    "navigation control": ".bd-header button, .bd-header-article button, .prev-next-area a",
}
MEASURE = """targets => {
  const found = [];
  for (const [name, selector] of Object.entries(targets))
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect(), style = getComputedStyle(el);
      if (!box.width || !box.height || style.visibility === "hidden") continue;  // not shown at this width
      found.push([name, (el.id || el.getAttribute("href") || el.textContent.trim()).slice(0, 40), box.width, box.height]);
    }
  return found;
}"""
WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"


@dataclass
class PhoneScan:
    """What loading every page at each width showed."""

    pages: list[str]
    too_wide: list[str] = field(default_factory=list)  # "page [view] at width: scroll width"
    violations: list[tuple[str, dict]] = field(default_factory=list)
    targets: list[tuple[str, str, str, float, float]] = field(default_factory=list)  # page, kind, which, w, h
    views: set[str] = field(default_factory=set)


def _fits(page: Page, where: str, width: int, scan: PhoneScan) -> None:
    scroll, inner = page.evaluate(WIDTH)
    if scroll > inner:
        scan.too_wide.append(f"{where} at {width} px: {scroll} px wide")


@pytest.fixture(scope="module")
@slow_fixture
def phone_scan(edition_html: Path) -> PhoneScan:
    """Every HTML page of the edition, loaded once and resized to each width."""
    pages = sorted(p.relative_to(edition_html).as_posix() for p in edition_html.rglob("*.html")
                   if not p.relative_to(edition_html).parts[0].startswith(("_", ".")))  # fmt: skip
    scan = PhoneScan(pages)
    axe = Axe()
    with serve(edition_html) as base, chromium() as browser:
        context = new_context(browser, reset_view=True)
        page = context.new_page()
        for rel in pages:
            page.set_viewport_size({"width": PHONE, "height": 800})
            page.goto(base + rel, wait_until="load")
            scan.violations += [(rel, v) for v in axe.run(page, options=WCAG_22_AA).response["violations"]]
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                _fits(page, rel, width, scan)
                scan.targets += [(f"{rel} at {width} px", *found) for found in page.evaluate(MEASURE, TARGETS)]
            if page.locator(".edition-view-switch").count():
                for view in VIEWS:
                    page.get_by_role("button", name=view, exact=True).click()
                    for width in WIDTHS:
                        page.set_viewport_size({"width": width, "height": 800})
                        _fits(page, f"{rel} [{view}]", width, scan)
                    scan.views.add(f"{rel} [{view}]")
        context.close()
    return scan


def test_no_page_scrolls_sideways_at_any_width(phone_scan: PhoneScan) -> None:
    assert {"index.html", "search.html", "citing.html", "principles.html"} <= set(phone_scan.pages)
    assert any(v.endswith("[Side by side]") for v in phone_scan.views)  # the texts' views were looked at
    assert not phone_scan.too_wide, "pages wider than the window:\n" + "\n".join(phone_scan.too_wide)


def test_axe_finds_no_wcag_22_aa_violation_on_a_phone(phone_scan: PhoneScan) -> None:
    assert not phone_scan.violations, "axe-core (WCAG 2.2 AA, 320 px) found:\n" + axe_report(phone_scan.violations)


def test_targets_are_at_least_24_by_24_css_pixels(phone_scan: PhoneScan) -> None:
    kinds = {kind for _, kind, *_ in phone_scan.targets}
    assert kinds == set(TARGETS), f"no {set(TARGETS) - kinds} on any page: the selectors no longer find them"
    small = [f"{where}: {kind} {which!r} {w:.1f} × {h:.1f}" for where, kind, which, w, h in phone_scan.targets
             if w < 24 or h < 24]  # fmt: skip
    assert not small, "targets smaller than 24 × 24 CSS pixels:\n" + "\n".join(small[:40])


# the rules print the marks they name as they are: code, which no smart quotes or TeX ligature turns curly (in
# every builder, on a small root: tests/extension/test_phone.py)


def test_the_pdf_prints_the_straight_marks_straight(edition_pdf_build: tuple[Path, object]) -> None:
    """What a reader of the real PDF sees (pdftotext): every list of marks as declared, none turned curly."""
    latex, _ = edition_pdf_build
    pdf = book_pdf(latex)
    text = " ".join(pdf_text(pdf).split())
    for marks in declared_mark_lists():
        assert f"({marks})" in text, marks
