"""Each kind of editorial intervention, in HTML and in LaTeX, and the apparatus that lists it."""

from __future__ import annotations

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_html_marks_every_intervention(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "edition" not in warning.getvalue(), warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # corr: reading shown, source reading kept for the diplomatic view
    assert '<span class="edition-corr" title="source: brining">' in html
    assert '<span class="edition-sic-reading" lang="en">brining</span><span class="edition-reading">bringing' in html
    # a misspelt name inside an entity mention is a correction too
    assert 'title="source: Ann Smyth"' in html
    # supplied: bracketed, with its certainty
    assert 'class="edition-supplied" data-cert="medium"' in html
    # sic: kept as printed, marked
    assert 'know <span class="edition-marker">[<i>sic</i>]</span>' in html
    # omitted: marker in the reading text, the text itself kept for the diplomatic view
    assert '[omitted: web-page furniture' in html
    assert '<pre class="edition-omitted-text">Share this</pre>' in html
    # paragraph numbers and anchors
    assert 'id="p-1"' in html and 'id="p-2"' in html and 'aria-label="paragraph 2"' in html


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_apparatus_lists_each_intervention_by_paragraph(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    apparatus = html[html.index('class="apparatus'):]
    apparatus = apparatus[: apparatus.index("</ul>")]
    assert apparatus.count("<li>") == 5
    assert "bringing</em> ] brining source; corrected (typographical error)" in apparatus
    assert "Ann Smith</em> ] Ann Smyth source; corrected (misspelt name)" in apparatus
    assert "supplied by the editors, not in the source; certainty medium" in apparatus
    assert "know</em> ] sic: kept as printed (verb form)" in apparatus
    assert "after ¶ 1" in apparatus and "omitted: web-page furniture" in apparatus
    assert 'href="#p-1"' in apparatus


@pytest.mark.sphinx("latex", testroot="interventions", freshenv=True)
def test_latex_marks_every_intervention(app: SphinxTestApp, warning) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "bringing" in tex and "brining" not in tex.split("Apparatus")[0]
    assert "said: [{\\hyperref" in tex and "}] my father" in tex  # supplied, in square brackets
    assert r"know [\textit{sic}]" in tex
    assert r"\textit{[omitted: web\sphinxhyphen{}page furniture" in tex
    assert r"\marginpar{\footnotesize\sffamily 2}" in tex
    assert r"\index[person]{ann smith@Ann Smith}" in tex


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True, confoverrides={"edition_gloss_notes": "every"})
def test_first_mention_gets_a_gloss_note_with_its_source(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count("An invented person who stands in for a real one") == 2  # note and hover card
    assert "Doe, 2020" in html  # the gloss cites its source, author-year
    assert 'id="card-ann-smith"' in html and '<span lang="ru">Анна Смит</span>' in html


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_by_default_the_gloss_is_in_the_card_not_in_a_note(app: SphinxTestApp) -> None:
    # edition_gloss_notes = "marked" and Ann Smith's entry does not ask for a note (gloss_note: true)
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.count("An invented person who stands in for a real one") == 1  # the hover card only
    assert "entity-note" not in html


# --- the diplomatic and side-by-side views, and the witness's capture record ------------------------

EDITORIAL_SIGNS = ("[", "]", "°", "sic", "omitted", "para-num", "footnote", "entity", "edition-", "<a ", "<h")


def witness_view(html: str) -> str:
    """The HTML of the page's witness view (the blocks the diplomatic view shows)."""
    start = html.index('<div class="edition-witness"')
    return html[start : html.index('<p class="edition-column-head">Edited text</p>', start)]


def plain(fragment: str) -> str:
    """The text of an HTML fragment, tags removed and entities resolved."""
    import html as html_module
    import re

    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.sphinx("html", testroot="diplomatic", freshenv=True)
def test_diplomatic_view_is_the_witness_itself_block_by_block(app: SphinxTestApp, warning) -> None:
    import re

    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    view = witness_view(html)
    blocks = re.findall(r'<div class="witness-block" id="witness-\d+" data-for="([^"]+)"[^>]*>(.*?)</div>', view)
    # one block per block of the edited text, each paired with it by id: headline, ¶ 1, omitted, ¶ 2
    assert [anchor for anchor, _ in blocks] == ["block-1", "p-1", "block-3", "p-2"]
    for anchor in ("block-1", "block-3"):
        assert f'id="{anchor}"' in html.split('<div class="edition-witness"')[0]
    # the witness's own characters (curly quotes, two spaces), not the edited text's; no editorial sign
    assert plain(blocks[1][1]) == "One brining day Ann Smyth said: my father know  “it”."
    texts = "".join(body for _, body in blocks)
    for sign in EDITORIAL_SIGNS:
        assert sign not in texts.replace('<span class="witness-iv">', ""), sign
    witness = (app.srcdir / "witnesses/w.txt").read_text(encoding="utf-8")
    assert " ".join(plain(body) for _, body in blocks).split() == witness.split()
    # what an intervention touched is marked (shown only side by side): the sic reading, the kept reading
    assert re.findall(r'<span class="witness-iv">([^<]*)</span>', view) == ["brining", "Ann Smyth", "know", "Share this"]


@pytest.mark.sphinx("html", testroot="diplomatic", freshenv=True)
def test_the_witness_has_a_capture_record_with_its_file_digest_and_an_archive_lookup(app: SphinxTestApp) -> None:
    import hashlib

    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    start = html.index('<details class="edition-capture">')
    record = html[start : html.index("</details>", start)]
    assert "<summary>About the witness: captured between 2024 and 21 November 2026</summary>" in record
    assert "A plain-text copy of an invented page. Its furniture names 2024." in record
    assert "(EDTF <code" in record and "2024/2026-11-21" in record
    witness = (app.srcdir / "witnesses/w.txt").read_bytes()
    assert hashlib.sha256(witness).hexdigest() in record
    # the witness and its digests file are published as downloads, byte for byte
    downloads = {p.name: p for p in (app.outdir / "_downloads").glob("*/*") if p.name in ("w.txt", "SHA256SUMS")}
    assert downloads["w.txt"].read_bytes() == witness
    assert "w.txt" in downloads["SHA256SUMS"].read_text(encoding="utf-8")
    for name, path in downloads.items():
        assert f'href="_downloads/{path.parent.name}/{name}"' in record
    # a lookup in a web archive, worded as a search, not as a claim that a copy exists
    assert 'href="https://web.archive.org/web/*/https://example.org/source">look up archived copies</a>' in record
    assert "a search, which may find none" in record
    # and in TEI, the capture date as TEI date attributes in the witness's bibl
    tei = (app.outdir / "_downloads/tei/index.xml").read_text(encoding="utf-8")
    assert '<note type="capture"><date notBefore="2024-01-01" notAfter="2026-11-21">' in tei
    assert "A plain-text copy of an invented page." in tei


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_without_a_capture_date_the_record_still_gives_the_file(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "<summary>About the witness</summary>" in html and "Captured " not in html
    assert '<div class="witness-block" id="witness-2" data-for="p-1"' in html


@pytest.mark.sphinx("latex", testroot="diplomatic", freshenv=True)
def test_latex_prints_the_edited_text_alone(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "bringing" in tex
    assert "About the witness" not in tex and "as captured" not in tex and "archived copies" not in tex
