"""The edition's pictures in a book: the map and the timeline as figures of the PDF and of the EPUB.

A web page sets a picture's SVG in the page, with a link on each place or fact (``exports/figures``, ``exports/data``).
A book gets the same picture drawn without links (the list after it links each place or fact to its
entry), as a file in a figure with a caption, and the picture's description as the image's text:

- EPUB: the SVG itself, in ``_images/`` (SVG is a core media type of EPUB 3, and Sphinx lists every
  file of the output in the package document), shown with ``<img>``.
- PDF: the SVG turned into PDF by ``rsvg-convert`` (Debian ``librsvg2-bin``, which the noxfile installs
  with TeX) in the LaTeX folder, placed by ``\\sphinxincludegraphics``. Its labels are set in the PDF's
  sans-serif font, FreeSans, which the converter embeds; the file is dated by the edition's date, so
  the same sources give the same bytes.

Other outputs (plain text, man, Texinfo) get a sentence saying where the picture is; so does a PDF
built where rsvg-convert is missing or fails, with the warning ``edition.unmade-picture`` at the
picture's directive, so that ``-W`` never lets a PDF out without its pictures.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ...core.figures import PrintSize
from ...core.model import Problem
from .. import identity
from ..report import warn

CONVERTER = "rsvg-convert"
"""The program that turns a picture's SVG into PDF for print (Debian ``librsvg2-bin``)."""
BOOK_FONT = "FreeSans, sans-serif"
"""The labels' font in a book: the PDF's sans-serif font (conf.py), found by the converter through fontconfig."""
BOOK_PAGE = PrintSize(width=430.0, size=8.0)
"""The timeline of a book: 430 points wide, within the text of an A4 page with the edition's margins (432 points),
so that it is printed at its own size, its labels in 8 points (a narrower text would scale it down)."""


def elsewhere(what: str) -> nodes.paragraph:
    """The sentence an output without the picture gets instead: where the picture is."""
    return nodes.paragraph(text=f"The {what} is drawn in the HTML edition.", classes=["edition-picture-elsewhere"])


def book_figure(
    app: Sphinx, node: nodes.Element, docname: str, name: str, svg: str, caption: str, description: str, what: str
) -> nodes.Element:
    """The picture ``svg`` (drawn without links, in ``BOOK_FONT``) as a figure of the book, with its caption.

    The EPUB gets ``_images/<name>.svg``, the PDF ``<name>.pdf`` made from it, each with the ``description``
    as the image's text; another output, or a PDF whose picture cannot be made (reported at ``node``), gets
    the sentence saying where the ``what`` is.
    """
    builder = app.builder
    if builder.name.startswith("epub"):
        folder = Path(app.outdir, builder.imagedir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.svg").write_text(svg, encoding="utf-8")
        uri = posixpath.relpath(f"{builder.imagedir}/{name}.svg", posixpath.dirname(docname) or ".")
    elif builder.format == "latex" and _to_pdf(
        svg, Path(app.outdir, f"{name}.pdf"), node, identity.the_moment(app.config)
    ):
        uri = f"{name}.pdf"
    else:
        return elsewhere(what)
    figure = nodes.figure(ids=[nodes.make_id(name)], classes=["edition-book-figure"])
    figure += nodes.image(uri=uri, candidates={"*": uri}, alt=description)  # a file of the output, not the sources
    figure += nodes.caption(caption, caption)
    return figure


def _to_pdf(svg: str, target: Path, node: nodes.Element, when: dt.datetime) -> bool:
    """Convert an SVG picture to a PDF file dated ``when``; report why at ``node`` if it cannot be."""
    program = shutil.which(CONVERTER)
    if program is None:
        hint = "install Debian's librsvg2-bin (nox -s docs does), or read the HTML edition"
        warn(Problem("unmade-picture", f"{CONVERTER} is not installed: the PDF has no picture here", hint=hint), node)
        return False
    epoch = str(int(when.timestamp()))  # rsvg-convert dates the file by SOURCE_DATE_EPOCH: the edition's date
    done = subprocess.run(
        [program, "--format", "pdf", "--output", str(target)],
        input=svg.encode("utf-8"),
        capture_output=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": epoch},
        check=False,
    )
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        warn(Problem("unmade-picture", f"{CONVERTER} could not draw the picture for the PDF: {message}"), node)
        return False
    return True
