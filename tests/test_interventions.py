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
def test_latex_sets_the_text_with_numbered_lines_and_an_apparatus_at_the_foot(app: SphinxTestApp, warning) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    text = tex[tex.index(r"\beginnumbering") : tex.index(r"\endnumbering")]
    assert text.count(r"\pstart") == text.count(r"\pend") == 3  # headline and two paragraphs
    assert r"\edtext{bringing}{\lemma{bringing}\Afootnote{brining \textit{source; corrected (typographical error)}}}" in text
    assert r"\Afootnote{Ann Smyth \textit{source; corrected (misspelt name)}}" in text
    assert r"\Afootnote{\textit{supplied by the editors; certainty medium}}" in text  # supplied, in brackets
    assert r"\edtext{[{\hyperref" in text
    assert r"\Afootnote{\textit{sic, kept as printed (verb form)}}} [\textit{sic}]" in text
    assert r"\textit{the source adds} Share this (\textit{web\sphinxhyphen{}page furniture" in text  # the omission
    assert "[omitted" not in tex and r"\begin{itemize}" not in text  # no screen apparatus in print
    assert r"\editionparanumber{2}" in text and r"\label{\detokenize{index:p-2}}\pstart" in text
    assert r"\index[person]{ann smith@Ann Smith}" in text
    assert (app.outdir / "critical-edition.sty").read_text(encoding="utf-8").count("reledmac") >= 1


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
