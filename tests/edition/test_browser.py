"""The HTML edition in a browser: WCAG 2.1 AA (axe-core), keyboard and screen-reader use, privacy, portability.

Headless Debian Chromium driven by Playwright; axe-core comes with axe-playwright-python. The real edition is
built once for the module and served from 127.0.0.1; every page is loaded once (in two browsers in parallel)
and checked by axe, for foreign requests, failed loads and script errors, and for ``lang`` on non-Latin names.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, axe_report, chromium, new_context, serve
from helpers import edited_texts
from playwright.sync_api import Browser, Error, Page, Request, Response, expect

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Chromium at /usr/bin/chromium")

ROOT = Path(__file__).parents[2]
ARTICLE = "articles/tengrinews-2015-over-the-city.html"
ARTICLES = tuple(f"{text.docname}.html" for text in edited_texts())  # every text of the edition
WITNESSES = {f"{text.docname}.html": text.witness for text in edited_texts()}
OMITTED = "Читайте также"  # page furniture of the Tengrinews witness: shown only in the diplomatic view
# axe's default rules plus its experimental WCAG 2.1 A/AA ones (label in name, orientation, fake headings, tables)
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {rule: {"enabled": True} for rule in (
        "label-content-name-mismatch", "css-orientation-lock", "p-as-heading", "table-fake-caption", "td-has-header",
    )},
}
# pages also checked in the dark colour scheme the theme offers (contrast of the edition's own colours)
DARK_PAGES = (*ARTICLES, "index.html", "citing.html", "annotations/persons.html", "annotations/place/almaty.html")
# edition.css is among the page's style sheets and applies (its custom properties are set)
EDITION_CSS_LOADED = """[...document.styleSheets].some(s => /edition\\.css(\\?|$)/.test(s.href || ''))
  && getComputedStyle(document.documentElement).getPropertyValue('--edition-accent').trim() !== ''"""
NON_LATIN_TEXT = """() => {
  const script = /[\\u0400-\\u052F\\u0590-\\u08FF\\u3040-\\u30FF\\u3400-\\u9FFF\\uAC00-\\uD7AF]/;
  const lists = [...document.querySelectorAll(".entity-data > dt")]  // the register's name lists, and the cards'
    .filter(dt => dt.textContent.trim().startsWith("Names")).map(dt => dt.nextElementSibling)
    .concat([...document.querySelectorAll(".edition-card .card-names")]);
  const found = {names: [], untaggedNames: [], untaggedElsewhere: []};
  const walker = document.createTreeWalker(document.querySelector("main") || document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!script.test(text.data) || /^\\s*[a-z][a-z0-9+.-]*:\\/\\//i.test(text.data)) continue;  // an address is no language
    const inList = lists.some(list => list.contains(text)), tagged = text.parentElement.closest("[lang]");
    if (inList) found.names.push(text.data.trim());
    if (!tagged || tagged === document.documentElement || /^en\\b/i.test(tagged.lang))
      (inList ? found.untaggedNames : found.untaggedElsewhere).push(text.data.trim().slice(0, 80));
  }
  return found;
}"""


@pytest.fixture(scope="module")
def html_dir(edition_html: Path) -> Path:
    """The real edition, built once per test session."""
    return edition_html


@pytest.fixture(scope="module")
def site(html_dir: Path) -> Iterator[str]:
    """The built edition over HTTP on 127.0.0.1."""
    with serve(html_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium for the interactive tests."""
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh profile (empty localStorage), light mode."""
    context = new_context(browser)
    yield context.new_page()
    context.close()


@dataclass
class Scan:
    """What loading every page of the edition showed."""

    pages: list[str]
    violations: list[tuple[str, dict]] = field(default_factory=list)  # (page, axe violation)
    foreign_requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    names: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    views: set[str] = field(default_factory=set)  # "page [mode] view" for each text's other views scanned


@dataclass
class _Watch:
    """Records, for the page being loaded, requests to other hosts, failed loads and script errors."""

    scan: Scan
    base: str
    where: str = ""
    loading: bool = False  # only while a page loads: axe fetches stylesheets itself, resolving @import wrongly

    def request(self, request: Request) -> None:
        if not request.url.startswith((self.base, "data:", "blob:")):
            self.scan.foreign_requests.append(f"{self.where}: {request.url}")

    def response(self, response: Response) -> None:
        if self.loading and response.status >= 400:
            self.scan.failures.append(f"{self.where}: {response.status} {response.url}")

    def request_failed(self, request: Request) -> None:
        if self.loading:
            self.scan.failures.append(f"{self.where}: failed {request.url}")

    def page_error(self, error: Error) -> None:
        self.scan.failures.append(f"{self.where}: script error {error}")


def _scan_pages(tasks: list[tuple[str, str]], base: str, scan: Scan) -> None:
    """Load each (page, mode); run axe (articles also in the diplomatic view, with a card open)."""
    axe = Axe()
    with chromium() as browser:
        for mode in ("light", "dark"):
            context = new_context(browser, mode, reset_view=True)
            page = context.new_page()
            watch = _Watch(scan, base)
            page.on("request", watch.request)
            page.on("response", watch.response)
            page.on("requestfailed", watch.request_failed)
            page.on("pageerror", watch.page_error)
            for rel, _ in (t for t in tasks if t[1] == mode):
                watch.where, watch.loading = f"{rel} [{mode}]", True
                page.goto(base + rel, wait_until="load")
                watch.loading = False
                page.wait_for_function("mode => document.documentElement.dataset.theme === mode", arg=mode)
                result = axe.run(page, options=AXE_OPTIONS)
                scan.violations += [(watch.where, v) for v in result.response["violations"]]
                if mode == "light":
                    scan.names[rel] = page.evaluate(NON_LATIN_TEXT)
                if rel in ARTICLES:  # the diplomatic and side-by-side views (a card open beside the witness)
                    scan.violations += axe_views(page, axe, watch.where, scan.views)
            context.close()


VIEWS = {"diplomatic": "Diplomatic (as captured)", "parallel": "Side by side"}
VIEW_PARTS = {"include": [[".edition-views"], [".edition-popup"], [".edition-view-switch"]]}


def axe_views(page: Page, axe: Axe, where: str, scanned: set[str]) -> list[tuple[str, dict]]:
    """axe's violations in the text's diplomatic and side-by-side views (side by side with a card open); each view
    scanned is added to ``scanned``."""
    found = []
    for view, label in VIEWS.items():
        page.get_by_role("button", name=label).click()
        if view == "parallel":
            page.locator(".edited-text .entity a").first.focus()
            expect(page.locator(".edition-popup")).to_be_visible()
        result = axe.run(page, context=VIEW_PARTS, options=AXE_OPTIONS)
        found += [(f"{where} {view}", v) for v in result.response["violations"]]
        scanned.add(f"{where} {view}")
    page.get_by_role("button", name="Reading text", exact=True).click()
    return found


@pytest.fixture(scope="module")
def scan(html_dir: Path, site: str) -> Scan:
    """Every HTML page of the edition, loaded once (light mode; some pages also dark), in two browsers at once."""
    pages = sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                   if not p.relative_to(html_dir).parts[0].startswith(("_", ".")))
    tasks = [(p, "light") for p in pages] + [(p, "dark") for p in DARK_PAGES]
    result = Scan(pages)
    with ThreadPoolExecutor(2) as pool:  # each thread drives its own browser (Playwright's sync API is per thread)
        list(pool.map(lambda share: _scan_pages(share, site, result), [tasks[0::2], tasks[1::2]]))
    return result


def test_axe_finds_no_violations_on_any_page(scan: Scan) -> None:
    assert {"index.html", "search.html", "genindex.html", "bibliography.html", *ARTICLES} <= set(scan.pages)
    assert len(scan.pages) > 60, scan.pages
    assert not scan.violations, "axe-core (WCAG 2.1 AA) found:\n" + axe_report(scan.violations)


def test_no_request_leaves_localhost(scan: Scan) -> None:
    assert not scan.foreign_requests, "requests to other hosts:\n" + "\n".join(scan.foreign_requests)


def test_pages_load_without_missing_files_or_script_errors(scan: Scan) -> None:
    assert not scan.failures, "\n".join(scan.failures)


def test_non_latin_names_in_the_register_carry_lang(scan: Scan) -> None:
    found = [name for texts in scan.names.values() for name in texts["names"]]
    assert any(re.search("[\u0400-\u04ff]", n) for n in found) and any(re.search("[\u4e00-\u9fff]", n) for n in found)
    assert any(re.search("[\u0600-\u06ff]", n) for n in found)
    missing = {p: texts["untaggedNames"] for p, texts in scan.names.items() if texts["untaggedNames"]}
    assert not missing, f"names in Cyrillic, CJK or Arabic script without a lang attribute: {missing}"


def test_all_non_latin_text_carries_lang(scan: Scan) -> None:
    # WCAG 3.1.2: bibliography titles (the entries' language field), omitted page furniture ({omitted} :lang:),
    # the name index's names and letters, words quoted in notes ({lang}); an address shown as a link is no language
    missing = {p: texts["untaggedElsewhere"] for p, texts in scan.names.items() if texts["untaggedElsewhere"]}
    assert not missing, f"text in Cyrillic, CJK or Arabic script without a lang attribute: {missing}"


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches a selector, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with Tab")


def test_hover_card_opens_by_keyboard_and_escape_closes_it(page: Page, site: str) -> None:
    page.goto(site + ARTICLE)
    tab_to(page, ".edited-text .entity a")
    card_id = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert card_id and page.evaluate("id => !!document.getElementById(id)", card_id)
    popup = page.get_by_role("tooltip")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(page.locator(f"#{card_id} strong").text_content() or "?")
    page.keyboard.press("Escape")
    expect(page.locator(".edition-popup")).to_have_count(0)
    assert page.evaluate("document.activeElement.matches('.edited-text .entity a')")  # focus stays on the link


def test_hover_card_stays_while_the_pointer_is_on_it(page: Page, site: str) -> None:
    page.goto(site + ARTICLE)
    page.locator(".edited-text .entity a").first.hover()
    popup = page.locator(".edition-popup")
    expect(popup).to_be_visible()
    popup.hover()  # WCAG 1.4.13: content shown on hover can itself be hovered
    page.wait_for_timeout(600)
    expect(popup).to_be_visible()
    page.mouse.move(0, 0)
    expect(popup).to_have_count(0)


def test_view_switch_by_keyboard_and_the_choice_persists(page: Page, site: str) -> None:
    page.goto(site + ARTICLE)
    reading = page.get_by_role("button", name="Reading text", exact=True)
    diplomatic = page.get_by_role("button", name="Diplomatic (as captured)")
    omitted = page.locator(".witness-block", has_text=OMITTED)
    tab_to(page, ".edition-view-switch button")
    expect(reading).to_be_focused()
    expect(reading).to_have_attribute("aria-pressed", "true")
    expect(omitted).to_be_hidden()
    page.keyboard.press("Tab")
    expect(diplomatic).to_be_focused()
    page.keyboard.press("Enter")
    expect(diplomatic).to_have_attribute("aria-pressed", "true")
    expect(reading).to_have_attribute("aria-pressed", "false")
    expect(omitted).to_be_visible()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(reading).to_have_attribute("aria-pressed", "true")
    expect(omitted).to_be_hidden()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(omitted).to_be_visible()
    page.reload()
    expect(diplomatic).to_have_attribute("aria-pressed", "true")
    expect(omitted).to_be_visible()
    assert page.evaluate("localStorage.getItem('edition-view')") == "diplomatic"


def test_footnotes_are_named_links_with_back_links(page: Page, site: str) -> None:
    page.goto(site + ARTICLE)
    refs = page.locator("a.footnote-reference")
    assert refs.count() > 10
    for i in range(refs.count()):
        expect(refs.nth(i)).to_have_accessible_name(re.compile(r"\d"))
    broken = page.evaluate("""() => {
      const bad = [];
      for (const ref of document.querySelectorAll("a.footnote-reference")) {
        const note = document.getElementById(ref.getAttribute("href").slice(1));
        if (!note || !note.matches(".footnote")) { bad.push("no note for " + ref.id); continue; }
        const back = [...note.querySelectorAll("a[role=doc-backlink]")].map(a => a.getAttribute("href").slice(1));
        if (!back.includes(ref.id)) bad.push("no back-link from " + note.id + " to " + ref.id);
      }
      return bad;
    }""")
    assert not broken, broken
    first = page.locator(".edited-text a.footnote-reference").first
    target = first.get_attribute("href")
    first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()


def test_works_from_file_url(page: Page, html_dir: Path) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((html_dir / ARTICLE).as_uri())
    expect(page.locator(".witness-block", has_text=OMITTED)).to_be_hidden()
    page.get_by_role("button", name="Diplomatic (as captured)").click()
    expect(page.locator(".witness-block", has_text=OMITTED)).to_be_visible()
    assert page.evaluate(EDITION_CSS_LOADED)
    assert requests and all(url.startswith(("file:", "data:", "blob:")) for url in requests), requests


def test_works_under_a_sub_path(browser: Browser, html_dir: Path, tmp_path: Path) -> None:
    shutil.copytree(html_dir, tmp_path / "srv/some/sub/path")
    with serve(tmp_path / "srv") as base:
        context = new_context(browser)
        page = context.new_page()
        failed: list[str] = []
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        page.goto(base + "some/sub/path/" + ARTICLE)
        assert page.evaluate(EDITION_CSS_LOADED)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        links = {urldefrag(urljoin(page.url, h))[0] for h in hrefs}
        local = sorted(u for u in links if u.startswith(base))
        assert len(local) > 20
        for url in local:
            assert url.startswith(base + "some/sub/path/"), url
            status = page.request.get(url).status
            if status >= 400:
                failed.append(f"{status} {url}")
        context.close()
    assert not failed, failed


def test_cite_box_gives_no_address_where_the_edition_declares_none(page: Page, site: str) -> None:
    """The edition declares no html_baseurl: the box says so, and no citation gives the reader's own address,
    which may be a file on their computer or a server of their own (here 127.0.0.1)."""
    page.goto(site + ARTICLE)
    page.locator("#cite-this summary").click()
    expect(page.locator("#cite-this .edition-cite-address")).to_contain_text("has not declared a permanent address")
    for style in ("chicago-note", "chicago-bibliography", "mla", "apa"):
        expect(page.locator(f"#cite-{style} a.edition-cite-url")).to_have_count(0)
        assert "127.0.0.1" not in page.locator(f"#cite-{style}").inner_text()
    assert "127.0.0.1" not in page.locator("#cite-bibtex").inner_text()
    page.locator('a.para-num[href="#p-4"]').click()
    expect(page.locator("#cite-chicago-note")).to_contain_text("¶ 4.")
    assert "127.0.0.1" not in page.locator("#cite-chicago-note").inner_text()
    page.goto(site + "citing.html")  # "How to cite" shows the same citations, with no address either
    expect(page.locator(".edition-cite-example a.edition-cite-url")).to_have_count(0)
    assert not any("127.0.0.1" in text for text in page.locator(".edition-cite-example").all_inner_texts())


NOTE_MARKER = ".edited-text a.footnote-reference"
BACKGROUND = "s => getComputedStyle(document.querySelector(s)).backgroundColor"


def test_note_popover_opens_in_place_by_keyboard_and_escape_closes_it(page: Page, site: str) -> None:
    page.goto(site + ARTICLE)
    tab_to(page, NOTE_MARKER)
    marker = page.locator("#" + page.evaluate("document.activeElement.id"))
    target = marker.get_attribute("href") or "?"
    popover = page.get_by_role("note")
    expect(popover).to_be_visible()
    expect(marker).to_have_attribute("aria-expanded", "true")
    expect(marker).to_have_attribute("aria-controls", popover.get_attribute("id") or "?")
    note = page.locator(f"{target} > p").first.text_content() or "?"
    expect(popover).to_contain_text(note[:80])
    assert target not in page.url  # in place: the page did not jump to the notes
    assert popover.evaluate("(box, marker) => box.previousElementSibling === marker", marker.element_handle())
    page.keyboard.press("Tab")  # the note's own links come next in the tab order
    assert page.evaluate("!!document.activeElement.closest('.edition-preview')")
    page.keyboard.press("Escape")
    expect(page.locator(".edition-preview")).to_have_count(0)
    expect(marker).to_be_focused()  # Escape returns focus to the marker
    expect(marker).to_have_attribute("aria-expanded", "false")
    expect(page.locator(target)).to_have_count(1)  # the list of notes stays (without script, and in print)


def test_note_popover_opens_on_hover_and_on_tap(browser: Browser, site: str) -> None:
    context = new_context(browser)
    page = context.new_page()
    page.goto(site + ARTICLE)
    page.locator(NOTE_MARKER).first.hover()
    popover = page.locator(".edition-preview")
    expect(popover).to_be_visible()
    popover.hover()  # WCAG 1.4.13: what hover shows can itself be hovered
    page.wait_for_timeout(600)
    expect(popover).to_be_visible()
    page.mouse.move(0, 0)
    expect(popover).to_have_count(0)
    context.close()
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site + ARTICLE)
    marker = page.locator(NOTE_MARKER).first
    target = marker.get_attribute("href") or "?"
    marker.tap()  # a tap shows the note in place
    expect(page.locator(".edition-preview")).to_be_visible()
    assert target not in page.url
    box = page.locator(".edition-preview").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390  # it fits a phone's screen
    marker.tap()  # a second tap follows the link to the list
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    context.close()


def test_an_intervention_links_to_its_apparatus_entry_and_back(page: Page, site: str) -> None:
    page.goto(site + ARTICLE)
    sign = page.locator(".edited-text .edition-corr a.edition-app-link").first  # the ° of "bringing"
    entry = sign.get_attribute("href") or "?"
    sign.hover()  # the source reading shows in place, not only in a title
    expect(page.get_by_role("note")).to_contain_text("bringing ] brining")
    sign.click()
    expect(page).to_have_url(re.compile(re.escape(entry) + "$"))
    expect(page.locator(entry)).to_be_in_viewport()
    assert page.evaluate(BACKGROUND, entry) != "rgba(0, 0, 0, 0)"  # the entry is highlighted (:target)
    page.locator(entry).locator("a.app-lemma").click()
    word = re.compile(r"#iv-\d+$")
    expect(page).to_have_url(word)
    back = "#" + page.url.rsplit("#", 1)[1]
    expect(page.locator(back)).to_be_in_viewport()
    expect(page.locator(back)).to_have_text(re.compile("bringing"))  # the word itself, not only its paragraph
    assert page.evaluate(BACKGROUND, back) != "rgba(0, 0, 0, 0)"


def test_axe_finds_no_violations_with_a_note_or_an_entry_open(browser: Browser, site: str) -> None:
    axe = Axe()
    found: list[tuple[str, dict]] = []
    for mode in ("light", "dark"):
        context = new_context(browser, mode, reset_view=True)
        page = context.new_page()
        for article in ARTICLES:
            page.goto(site + article)
            for what in (NOTE_MARKER, ".edited-text a.edition-app-link"):
                tab_to(page, what)
                expect(page.locator(".edition-preview")).to_be_visible()
                parts = {"include": [[".edited-text"], [".edition-preview"]]}
                result = axe.run(page, context=parts, options=AXE_OPTIONS)
                found += [(f"{article} [{mode}] {what} open", v) for v in result.response["violations"]]
                page.keyboard.press("Escape")
        context.close()
    assert not found, "axe-core (WCAG 2.1 AA) found:\n" + axe_report(found)


# --- the diplomatic and side-by-side views ------------------------------------------------------------

# what the reading text shows of the editors' work: none of it may be visible in the diplomatic view
EDITORIAL = ".para-num, .footnote-reference, .entity, .edition-marker, .edition-supplied, .edition-omitted-marker, a, sup"
VISIBLE_TEXT = """sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length)
  .map(e => e.innerText).join("\\n")"""


@pytest.mark.parametrize("rel", ARTICLES)
def test_diplomatic_view_shows_the_witness_and_no_editorial_sign(page: Page, site: str, rel: str) -> None:
    page.goto(site + rel + "?view=diplomatic")
    expect(page.get_by_role("button", name="Diplomatic (as captured)")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".edited-text")).to_be_hidden()
    view = page.locator(".edition-witness")
    expect(view).to_be_visible()
    # the text of the view is the witness file's, apart from white space
    shown = page.evaluate(VISIBLE_TEXT, ".edition-witness .witness-block")
    witness = (ROOT / WITNESSES[rel]).read_text(encoding="utf-8")
    assert shown.split() == witness.split()
    # no sign, marker, link or styling of the editors: marked runs look like the rest of the text
    assert view.locator(EDITORIAL).count() == 0
    for sign in ("[sic]", "°", "[omitted", "¶"):
        assert sign not in shown
    styles = page.evaluate("""() => [...document.querySelectorAll('.edition-witness .witness-iv')].map(e => {
      const s = getComputedStyle(e), p = getComputedStyle(e.parentElement);
      return [s.backgroundColor, s.color === p.color, s.fontStyle === p.fontStyle, s.fontWeight === p.fontWeight];
    })""")
    assert styles and all(s == ["rgba(0, 0, 0, 0)", True, True, True] for s in styles), styles
    # the back control returns to the reading text and leaves the focus on its button
    page.get_by_role("button", name="Back to reading text").click()
    expect(page.locator(".edited-text")).to_be_visible()
    expect(view).to_be_hidden()
    expect(page.get_by_role("button", name="Reading text", exact=True)).to_be_focused()
    assert "view=" not in page.url


@pytest.mark.parametrize("rel", ARTICLES)
def test_diplomatic_side_by_side_sets_each_witness_block_beside_its_text(browser: Browser, site: str, rel: str) -> None:
    context = new_context(browser, reset_view=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(site + rel)
    page.get_by_role("button", name="Side by side").click()
    expect(page).to_have_url(re.compile(r"\?view=parallel$"))
    pairs = page.evaluate("""() => [...document.querySelectorAll('.witness-block')].filter(w => w.getClientRects().length)
      .map(w => { const e = document.getElementById(w.dataset.for), a = w.getBoundingClientRect(), b = e.getBoundingClientRect();
                  return {witness: [a.left, a.right, a.top], text: [b.left, b.right, b.top], shown: !!e.getClientRects().length}; })""")
    assert len(pairs) == page.locator(".witness-block").count() >= 2  # every block of the witness, a short text too
    for pair in pairs:  # two columns, witness on the left, each block level with the block it reproduces
        assert pair["shown"] and pair["witness"][1] < pair["text"][0], pair
        assert abs(pair["witness"][2] - pair["text"][2]) < 2, pair
    heads = page.locator(".edition-column-head")
    expect(heads.first).to_have_text("Witness, as captured")
    expect(heads.last).to_have_text("Edited text")
    # interventions are marked in both columns
    marked = "e => getComputedStyle(e).backgroundColor"
    assert page.locator(".witness-iv").first.evaluate(marked) != "rgba(0, 0, 0, 0)"
    errors = page.locator(".edited-text .edition-sic, .edited-text .edition-corr > .edition-reading")
    if errors.count():  # a text may have no error to correct or mark
        assert errors.first.evaluate(marked) != "rgba(0, 0, 0, 0)"
    # the view is remembered and addressable
    page.reload()
    expect(page.get_by_role("button", name="Side by side")).to_have_attribute("aria-pressed", "true")
    # on a phone the pairs follow each other: each witness block just above its block of the edited text
    page.set_viewport_size({"width": 390, "height": 844})
    stacked = page.evaluate("""() => [...document.querySelectorAll('.witness-block')].filter(w => w.getClientRects().length)
      .map(w => [w.getBoundingClientRect().bottom, document.getElementById(w.dataset.for).getBoundingClientRect().top])""")
    assert stacked and all(0 <= top - bottom < 60 for bottom, top in stacked), stacked
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_diplomatic_and_side_by_side_views_pass_axe(scan: Scan) -> None:
    # the scan of every page runs axe on each text's other views too, in both colour schemes
    assert {f"{rel} [{mode}] {view}" for rel in ARTICLES for mode in ("light", "dark") for view in VIEWS} <= scan.views
    found = [(where, v) for where, v in scan.violations if where.endswith(tuple(VIEWS))]
    assert not found, "axe-core (WCAG 2.1 AA) found:\n" + axe_report(found)


def test_diplomatic_view_is_named_by_the_address(page: Page, site: str) -> None:
    page.goto(site + ARTICLE + "?view=diplomatic")
    expect(page.locator(".witness-block", has_text=OMITTED)).to_be_visible()
    page.get_by_role("button", name="Reading text", exact=True).click()
    assert "view=" not in page.url
    page.get_by_role("button", name="Diplomatic (as captured)").click()
    expect(page).to_have_url(re.compile(r"\?view=diplomatic$"))
    record = page.locator("details.edition-capture")
    expect(record).to_contain_text("captured between 2024 and 21 November 2026")
    record.locator("summary").click()
    link = record.get_by_role("link", name="tengrinews-262323.txt")
    assert page.request.get(link.evaluate("a => a.href")).body() == (ROOT / WITNESSES[ARTICLE]).read_bytes()
    expect(record.get_by_role("link", name="look up archived copies")).to_have_attribute(
        "href", "https://web.archive.org/web/*/https://en.tengrinews.kz/news/262323")


def test_dark_mode_follows_the_system_until_the_reader_chooses(browser: Browser, site: str) -> None:
    for scheme in ("dark", "light"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site + "index.html")
        expect(page.locator("html")).to_have_attribute("data-theme", scheme)
        context.close()
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'light')")  # the reader chose light before
    page = context.new_page()
    page.goto(site + ARTICLE)
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    context.close()


VISIBLE_SEARCH = """() => [...document.querySelectorAll('.search-button__button, form.bd-search')]
  .filter(e => e.offsetWidth || e.offsetHeight).length"""


def test_one_search_box_and_tables_that_fit_a_phone(browser: Browser, site: str) -> None:
    for width in (1400, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(site + "downloads.html")
        assert page.evaluate(VISIBLE_SEARCH) == 1, width  # the header repeated the sidebar's box on wide screens
        if width == 390:  # each table reflows within the page instead of scrolling sideways
            widths = page.evaluate("[...document.querySelectorAll('table')].map(t => [t.scrollWidth, t.parentElement.clientWidth])")
            assert widths and all(table <= box + 1 for table, box in widths), widths
        context.close()
