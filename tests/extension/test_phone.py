"""The rules print the straight marks they name as straight marks, in every builder: code, which no smart quotes
or TeX ligature turns curly (issue 25, part 3; the real PDF and the pages on a phone: tests/edition/test_phone.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes
from helpers import declared_mark_lists, html_text
from sphinx.testing.util import SphinxTestApp

SPHINX_TEX_MARKS = {r"\sphinxhyphen{}": "-", r"\textquotesingle{}": "'"}
"""Sphinx's LaTeX for two ASCII marks, each printed as the mark itself (not a dash, not a curly quote)."""


def test_the_normalisations_name_straight_marks() -> None:
    marks = "".join(declared_mark_lists())
    assert '"' in marks and "'" in marks  # else the tests below test nothing


def _codes(page: Path) -> list[str]:
    """The text of each ``<code>`` of an HTML or XHTML page, as the reader sees it."""
    found = re.findall(r"<code[^>]*>(.*?)</code>", page.read_text(encoding="utf-8"))
    return [html_text(code) for code in found]


@pytest.mark.sphinx("html", testroot="rules", freshenv=True)
def test_the_rules_print_straight_marks_straight_in_html(app: SphinxTestApp) -> None:
    app.build()
    assert _codes(app.outdir / "index.html") == declared_mark_lists()


@pytest.mark.sphinx("epub", testroot="rules", freshenv=True)
def test_the_rules_print_straight_marks_straight_in_epub(app: SphinxTestApp) -> None:
    app.build()
    assert _codes(app.outdir / "index.xhtml") == declared_mark_lists()


@pytest.mark.sphinx("latex", testroot="rules", freshenv=True)
def test_the_rules_print_straight_marks_straight_in_the_pdf(app: SphinxTestApp) -> None:
    """In the PDF the lists are code (a monospaced font without TeX's ligatures, upquote's straight apostrophe)."""
    app.build()
    doctree = app.env.get_doctree("index")
    assert [n.astext() for n in doctree.findall(nodes.literal)] == declared_mark_lists()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    codes = re.findall(r"\\sphinxcode\{\\sphinxupquote\{(.*?)\}\}(?=\))", tex)
    for escape, mark in SPHINX_TEX_MARKS.items():
        codes = [code.replace(escape, mark) for code in codes]
    assert codes == declared_mark_lists()
