"""What a book of the edition holds, and in what order: the PDF and the EPUB are the same book.

The root page's contents list every page of the web edition; a book holds the reader's pages only:
the introduction (the root page's own text), the front matter (``edition_print_front``), the texts in
the order of the contents, and the back matter (``edition_print_back``). A page in none of these, an
editor's reference or a list of downloads, is left out of the book; a page a book holds brings the
pages its own contents list (the register brings its entries). With neither list declared, there is
no book order: a book holds the contents as they stand.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BookMatter:
    """The pages a book holds after its introduction, in three parts, each in the book's order."""

    front: tuple[str, ...]
    texts: tuple[str, ...]
    back: tuple[str, ...]

    @property
    def pages(self) -> tuple[str, ...]:
        """Every page of the three parts, in the book's order."""
        return (*self.front, *self.texts, *self.back)


def book_matter(
    contents: Sequence[str], texts: Collection[str], front: Sequence[str], back: Sequence[str]
) -> BookMatter | None:
    """The book's matter among the root page's ``contents`` (in their order): the ``front`` pages in that list's
    order, the ``texts`` in the contents' order, the ``back`` pages in that list's order; a page of ``front`` or
    ``back`` that the contents do not list is not in the book. None when neither list names a page."""
    if not (front or back):
        return None
    listed = set(contents)
    return BookMatter(
        front=tuple(page for page in front if page in listed),
        texts=tuple(page for page in contents if page in texts),
        back=tuple(page for page in back if page in listed),
    )


def pages_with_their_contents(pages: Sequence[str], includes: Mapping[str, Sequence[str]]) -> list[str]:
    """``pages``, each followed by the pages its contents list (``includes``: a page to the pages it lists), and
    theirs in turn, depth first, each page once."""
    found: list[str] = []
    seen: set[str] = set()

    def visit(page: str) -> None:
        if page in seen:
            return
        seen.add(page)
        found.append(page)
        for child in includes.get(page, ()):
            visit(child)

    for page in pages:
        visit(page)
    return found
