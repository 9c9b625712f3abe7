"""Each kind of editorial intervention, in HTML and in LaTeX, and the apparatus that lists it."""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from helpers import between, html_text
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_html_marks_every_intervention(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "edition" not in warning.getvalue(), warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    # corr: reading shown, source reading kept for the diplomatic view, the sign names it for screen readers
    assert '<span class="edition-corr" id="iv-1">' in html
    assert '<span class="edition-sic-reading" lang="en">brining</span><span class="edition-reading">bringing' in html
    assert 'href="#app-1" aria-label="corrected; the source reads brining">°</a>' in html
    # a misspelt name inside an entity mention is a correction too; its sign follows the link (no link in a link)
    assert 'aria-label="corrected; the source reads Ann Smyth">°</a>' in html
    assert re.search(r'Ann Smith</span></span></a></span><a [^>]*href="#app-2"', html)
    # supplied: bracketed, with its certainty
    assert 'class="edition-supplied" id="iv-3" data-cert="medium"' in html
    # sic: kept as printed, marked
    assert 'know <a class="edition-marker edition-app-link" href="#app-4"' in html and "[<i>sic</i>]</a>" in html
    # omitted: one sign in the reading text, the text itself kept for the diplomatic view
    assert re.search(r'<div class="edition-omitted" id="block-\d+" data-reason="furniture"><p class="edition-omitted-marker" id="iv-5">', html)
    assert 'href="#app-5" aria-label="left out here: web-page furniture' in html
    assert '<pre class="edition-omitted-text">Share this</pre>' in html
    # paragraph numbers and anchors
    assert 'id="p-1"' in html and 'id="p-2"' in html and 'aria-label="paragraph 2"' in html


def _apparatus(html: str) -> str:
    return between(html, 'class="apparatus', "</ul>")


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_apparatus_lists_each_intervention_in_lemma_form(app: SphinxTestApp) -> None:
    app.build()
    apparatus = _apparatus((app.outdir / "index.html").read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", "", apparatus)  # ¶, lemma ] source reading — what was done, why
    assert apparatus.count("<li ") == 5
    assert "¶ 1 bringing ] brining — corrected (typographical error)." in text
    assert "¶ 1 Ann Smith ] Ann Smyth — corrected (misspelt name)." in text
    # the lemma is the words without the text's signs: no "[Ann Smith] ]" nor "know [sic] ]"
    assert "¶ 1 Ann Smith ] not in the source — supplied by the editors, certainty medium; evidence [Doe, 2020]." in text
    assert "¶ 1 know ] know — kept as printed (verb form)." in text
    assert "] ]" not in text
    assert "after ¶ 1 […] “Share this” — left out: web-page furniture" in text  # the sign, then the reading
    assert 'href="#p-1"' in apparatus
    assert "<code" not in apparatus  # omitted text is a quoted reading, not a code chip


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_each_intervention_links_to_its_entry_and_the_entry_back_to_the_word(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = html[html.index('<div class="edited-text">') : html.index('class="apparatus')]
    signs = re.findall(r'<a [^>]*class="[^"]*edition-app-link[^"]*" href="#(app-\d+)"', text)
    assert signs == [f"app-{n}" for n in range(1, 6)]
    entries = dict(re.findall(r'<li id="(app-\d+)"><p>.*?<a class="app-lemma" href="#(iv-\d+)">', html))
    assert entries == {f"app-{n}": f"iv-{n}" for n in range(1, 6)}
    for n, word in ((1, "bringing"), (2, "Ann Smith"), (3, "Ann Smith"), (4, "know")):
        element = text[text.index(f'id="iv-{n}"') :]
        assert word in element[: element.index("</span>") + 200], n  # the id sits on the word, not the paragraph


@pytest.mark.sphinx("html", testroot="interventions", freshenv=True)
def test_a_legend_of_the_signs_sits_above_the_text(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = html[html.index('<div class="edited-text">') :]
    assert text.index('<p class="edition-legend">') < text.index("A Headline")
    legend = text[: text.index("</p>")]
    for sign in ("<b>°</b> corrected", "<b>[<i>sic</i>]</b>", "<b>[ ]</b> supplied", "<b>[…]</b>"):
        assert sign in legend
    assert '<a href="#apparatus">apparatus</a>' in legend


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_a_run_of_omissions_shows_one_sign_and_keeps_every_passage(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = html[html.index('<div class="edited-text">') : html.index('class="apparatus')]
    assert text.count('class="edition-omitted-marker"') == 2  # three passages, two places
    assert 'data-preview="app-1 app-2"' in text and 'data-preview="app-4"' in text
    for passage in ("Share this", "Follow us", "Read also"):  # the diplomatic view still has each
        assert re.search(rf'<pre class="edition-omitted-text"( id="iv-\d+")?>{passage}</pre>', text)
    assert re.search(r'<div class="edition-omitted" id="block-\d+" data-reason="furniture"><pre class="edition-omitted-text" id="iv-2">', text)
    entries = dict(re.findall(r'<li id="(app-\d+)"><p>.*?<a class="app-lemma" href="#(iv-\d+)">', html))
    assert entries == {"app-1": "iv-1", "app-2": "iv-1", "app-3": "iv-3", "app-4": "iv-4"}  # back to the run's sign


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_note_markers_in_a_cluster_follow_their_numbers(app: SphinxTestApp) -> None:
    # {footcite}`first2019,second2021,src2020` after a citation of src2020: docutils numbers it 1, the others 2, 3
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    cluster = between(html, "and the first again.", "</p>")
    assert re.findall(r"</span>(\d+)<span", cluster) == ["1", "2", "3"]
    assert cluster.count('<span class="fn-sep">,</span>') == 2


@pytest.mark.sphinx("latex", testroot="notes", freshenv=True)
def test_note_clusters_are_ordered_in_the_doctree_for_every_output(app: SphinxTestApp) -> None:
    app.build()
    doctree = app.env.get_doctree("index")
    paragraph = next(p for p in doctree.findall(nodes.paragraph) if "first again" in p.astext())
    assert [r.astext() for r in paragraph.findall(nodes.footnote_reference)][-3:] == ["1", "2", "3"]


@pytest.mark.sphinx("html", testroot="notes", freshenv=True)
def test_the_notes_sit_under_their_heading(app: SphinxTestApp) -> None:
    # MyST gathers notes after a rule at the page's foot; the "Notes" heading above {footbibliography} was empty
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    notes = between(html, '<section id="notes">', "</section>")
    assert 'id="footcite-src2020"' in notes and 'id="shot"' in notes
    assert notes.index('id="footcite-second2021"') < notes.index('id="shot"')
    assert '<hr class="footnotes' not in html


@pytest.mark.sphinx("latex", testroot="interventions", freshenv=True)
def test_latex_sets_the_text_with_numbered_lines_and_an_apparatus_at_the_foot(app: SphinxTestApp, warning) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    text = tex[tex.index(r"\beginnumbering") : tex.index(r"\endnumbering")]
    assert text.count(r"\pstart") == text.count(r"\pend") == 3  # headline and two paragraphs
    assert (
        r"\edtext{bringing}{\lemma{bringing}\Afootnote{brining \textit{source; corrected (typographical error)}}}"
        in text
    )
    assert r"\Afootnote{Ann Smyth \textit{source; corrected (misspelt name)}}" in text
    assert r"\Afootnote{\textit{supplied by the editors; certainty medium}}" in text  # supplied, in brackets
    assert r"]}{\lemma{Ann Smith}\Afootnote{\textit{supplied" in text  # its lemma the words: no "[Ann Smith] ]"
    assert r"\edtext{[{\hyperref" in text
    assert r"\Afootnote{\textit{sic, kept as printed (verb form)}}} [\textit{sic}]" in text
    assert r"\textit{the source adds} “Share this” (\textit{web\sphinxhyphen{}page furniture" in text  # quoted
    assert "[omitted" not in tex and r"\begin{itemize}" not in text  # no screen apparatus in print
    assert r"\editionparanumber{2}" in text and r"\label{\detokenize{index:p-2}}\pstart" in text
    assert r"\index[person]{ann smith@Ann Smith}" in text
    assert (app.outdir / "critical-edition.sty").read_text(encoding="utf-8").count("reledmac") >= 1
    assert "Signs:" not in tex  # the legend of the signs is for the HTML reading view only


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
    assert html_text(blocks[1][1]) == "One brining day Ann Smyth said: my father know  “it”."
    texts = "".join(body for _, body in blocks)
    for sign in EDITORIAL_SIGNS:
        assert sign not in texts.replace('<span class="witness-iv">', ""), sign
    witness = (app.srcdir / "witnesses/w.txt").read_text(encoding="utf-8")
    assert " ".join(html_text(body) for _, body in blocks).split() == witness.split()
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
    assert "Captured between 2024 and 21 November 2026." in record.replace("\u00a0", " ")  # no-break spaces in dates
    assert "EDTF" not in record  # the code is the TEI header's
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


@pytest.mark.sphinx(
    "latex", testroot="interventions", freshenv=True,
    confoverrides={"html_baseurl": "https://edition.example.org/", "edition_keywords": ["test", "edition"]},
)
def test_the_title_pages_name_the_address_the_licence_and_the_metadata(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    title = tex[tex.index(r"\begin{titlepage}") : tex.index(r"\clearpage", tex.index(r"\begin{titlepage}"))]
    assert r"The edition online: \sphinxhref{https://edition.example.org/}{\mbox{https://edition.}" in title
    assert r"\sphinxhref{https://creativecommons.org/licenses/by/4.0/}" in title
    assert r" of \mbox{\@date}." in title  # the date unbroken
    assert r"pdfkeywords={test, edition}" in tex and "pdflang={en}" in tex
