"""The printed book's transforms, beside the texts' layout (latex.py): note marks kept apart and numbered through
a chapter, names kept whole at the end of a line, the bibliography where its page is, and the book's order."""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import footnotemark, footnotetext, thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from ...core.book import book_matter
from ...core.register import Register
from ..domain import edition_data, edition_register

# --- the notes' marks ---------------------------------------------------------------------------

NOTE_MARK = (nodes.footnote, footnotemark)
"""What stands in the text as a note's mark in LaTeX: a note (its mark where it is), or a repeated mark."""


def separate_adjacent_marks(document: nodes.document) -> None:
    """A superscript comma between two marks that follow each other ("8,10,12", not "8,1012"). Two notes in a
    row are separated by reledmac itself; a repeated mark before or after a note is not."""
    for mark in list(document.findall(lambda n: isinstance(n, NOTE_MARK))):
        at = mark.parent.index(mark)
        before = mark.parent[at - 1] if at else None
        if isinstance(before, NOTE_MARK) and not (
            isinstance(before, nodes.footnote) and isinstance(mark, nodes.footnote)
        ):
            mark.parent.insert(at, nodes.raw("", r"\textsuperscript{,}", format="latex"))


class NotesNumberedByChapter(SphinxPostTransform):
    """Number the notes of each chapter 1, 2, 3… in reading order. Sphinx numbers them per source file, so a
    chapter made of many files (the register, a file an entity) would count anew in the middle of a page."""

    default_priority = 720  # once the book is in its order (BookOrder)
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        self.numbers: dict[tuple[int, str, str], str] = {}
        self.counted: dict[int, int] = {}
        self._renumber(self.document, [])

    def _renumber(self, element: nodes.Element, files: list[addnodes.start_of_file]) -> None:
        """Renumber the notes below ``element``, inside ``files`` (outermost first). The tree is walked from the
        top: Sphinx puts a file's nodes into the book without making them its children (their ``parent`` is
        still the file's own document)."""
        for child in element.children:
            if not isinstance(child, nodes.Element):
                continue
            inside = [*files, child] if isinstance(child, addnodes.start_of_file) else files
            if isinstance(child, (nodes.footnote, footnotetext, footnotemark)):
                chapter = id(inside[0]) if inside else 0
                label = child if isinstance(child, footnotemark) else child[0]
                key = (chapter, inside[-1]["docname"] if inside else "", label.astext())
                if key not in self.numbers:
                    self.counted[chapter] = self.counted.get(chapter, 0) + 1
                    self.numbers[key] = str(self.counted[chapter])
                label[:] = [nodes.Text(self.numbers[key])]
            self._renumber(child, inside)


# --- names kept whole at the end of a line --------------------------------------------------------


def unbroken_words(register: Register) -> list[str]:
    """The words of the register's names in every form, for ``\\hyphenation`` without a break point: the
    English patterns break transliterated names badly ("Kaza-khstan"), and a press does not break a name.
    Only words TeX can take there (runs of letters with case), in lower case, sorted."""
    words = {
        word.lower()
        for entity in register
        for name in [entity.name, *(n.text for n in entity.names)]
        for word in re.findall(r"[^\W\d_]+", name)
        if len(word) > 4 and all(ch.lower() != ch.upper() for ch in word)
    }
    return sorted(words)


class NamesUnbroken(SphinxPostTransform):
    """Tell TeX, at the start of the book, never to break the register's names across lines."""

    default_priority = 730
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        words = unbroken_words(edition_register(self.env))
        if words:
            exceptions = "\n".join(words)
            self.document.insert(0, nodes.raw("", f"\\hyphenation{{%\n{exceptions}}}\n", format="latex"))


# --- the bibliography where its page is ---------------------------------------------------------


class BibliographyInPlace(SphinxPostTransform):
    """Print the list of sources on the bibliography's own page: Sphinx gathers every citation into one
    list at the end of the book (priority 750); this puts that list back where the first citation stood."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        marker = next((n for n in self.document.findall(nodes.raw) if "edition-bibliography" in n["classes"]), None)
        listing = next(iter(self.document.findall(thebibliography)), None)
        if marker is None or listing is None:
            return
        listing.parent.remove(listing)
        begin = nodes.raw("", "\\begingroup\\editionbibliographyinplace\n", format="latex")
        marker.replace_self([begin, listing, nodes.raw("", "\\endgroup\n", format="latex")])


def mark_bibliography(document: nodes.document) -> None:
    """Mark the place of the first citation, before Sphinx moves the citations to the end."""
    first = next(iter(document.findall(nodes.citation)), None)
    if first is not None and first.parent is not None:
        marker = nodes.raw("", "", format="latex", classes=["edition-bibliography"])
        first.parent.insert(first.parent.index(first), marker)


# --- the book's order ---------------------------------------------------------------------------


def _numbering(depth: int) -> nodes.raw:
    return nodes.raw("", rf"\setcounter{{secnumdepth}}{{{depth}}}" + "\n", format="latex")


class BookOrder(SphinxPostTransform):
    """Put the book in the order a reader needs it: introduction (the root page's own text), the front
    matter, the texts (numbered chapters), the back matter; pages in neither list stay out of the print, as they
    stay out of the EPUB (``core.book``, one rule for both books)."""

    default_priority = 710
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        root = next(iter(self.document.findall(nodes.section)), None)
        if root is None:
            return
        wrappers = [c for c in root.children if isinstance(c, nodes.compound) and "toctree-wrapper" in c["classes"]]
        files = {f["docname"]: f for w in wrappers for f in w.children if isinstance(f, addnodes.start_of_file)}
        config = self.config
        matter = book_matter(list(files), edition_data(self.env).articles, config.edition_print_front,
                             config.edition_print_back)  # fmt: skip
        if not files or matter is None:
            return
        body = [c for c in root.children if not isinstance(c, (nodes.title, nodes.compound)) and c not in wrappers]
        for child in [*body, *wrappers]:
            root.remove(child)
        root += _numbering(-1)
        if body:
            title = "Introduction"
            root += nodes.section("", nodes.title(title, title), *body, ids=["edition-introduction"])
        root.extend(files[name] for name in matter.front)
        root += _numbering(0)
        root.extend(files[name] for name in matter.texts)
        root += _numbering(-1)
        root.extend(files[name] for name in matter.back)
