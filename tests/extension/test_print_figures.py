"""The map and the timeline in the books of a small edition: in LaTeX a figure of a PDF drawn from the SVG, in the
EPUB files without links; without the converter the PDF says where the map is, and the build warns (the real
edition's books: tests/edition/test_print_figures.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import pdf_text, require
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from critical_edition.sphinx.print import pictures

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.sphinx("latex", testroot="map", freshenv=True)
def test_latex_map_is_a_figure_of_a_pdf_drawn_from_the_svg(app: SphinxTestApp, warning) -> None:
    require(shutil.which("rsvg-convert") is not None, "rsvg-convert not installed (Debian: librsvg2-bin)")
    require(shutil.which("pdftotext") is not None, "pdftotext not installed (Debian: poppler-utils)")
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "\\sphinxincludegraphics{{edition-map-index}.pdf}" in tex and "drawn in the HTML edition" not in tex
    assert "Northtown" in tex and "59.94" in tex  # the list of the places stays, with their coordinates
    drawn = pdf_text(Path(app.outdir, "edition-map-index.pdf")).split()
    assert "Easton" in drawn and "Northtown" in drawn and "Landia" not in drawn  # Landia has no coordinates


@pytest.mark.sphinx("latex", testroot="map", freshenv=True)
def test_without_the_converter_the_pdf_says_where_the_map_is_and_warns(
    app: SphinxTestApp, warning, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pictures, "CONVERTER", "no-such-rsvg-convert")
    app.build()
    assert "map.md" in warning.getvalue() and "[edition.unmade-picture]" in warning.getvalue()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "The map of these places is drawn in the HTML edition." in tex and "includegraphics" not in tex


@pytest.mark.sphinx("epub", testroot="map", freshenv=True, confoverrides={"version": "1", "epub_copyright": "2020"})
def test_epub_pictures_are_files_without_links(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    for page, svg in (("map.xhtml", "edition-map-map.svg"), ("timeline.xhtml", "edition-timeline-timeline.svg")):
        assert f'src="_images/{svg}"' in Path(app.outdir, page).read_text(encoding="utf-8")
        drawing = etree.parse(Path(app.outdir, "_images", svg)).getroot()
        assert drawing.get("role") == "img" and not list(drawing.iter(f"{SVG}a")), svg
    opf = Path(app.outdir, "content.opf").read_text(encoding="utf-8")
    assert 'href="_images/edition-map-map.svg" media-type="image/svg+xml"' in opf
