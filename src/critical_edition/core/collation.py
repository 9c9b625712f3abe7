"""How the register and the indices file names: an entity's filing form (``sort_as``, or its name without a leading
article for a title) and the key that orders it as the profile's ``collation`` says, and the register's one order."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from ..profile import active
from .model import Entity

_LETTERS: list[Any] = [None, {}]
"""The collation whose letters were last worked out, and those letters."""


def filing_name(entity: Entity) -> str:
    """The form the register and the indices file an entity under: its ``sort_as``, else its name (for a kind
    named by titles, without a leading article of the profile's ``collation.articles``: "River, The")."""
    if entity.sort_as:
        return entity.sort_as
    profile = active()
    lowered = entity.name.casefold()
    articles = [f"{a.casefold()} " for a in profile.collation.articles] if profile.is_title(entity.kind) else []
    article = next((a for a in articles if lowered.startswith(a)), "")
    return entity.name[len(article) :] + (f", {entity.name[: len(article)].strip()}" if article else "")


def register_order(entity: Entity) -> tuple[int, str, str]:
    """The one order of the register, its lists, its pages (the toctree, the HTML's previous and next, the PDF,
    the EPUB) and its indices: by kind, then by filing name (persons by surname, works without a leading
    article, the rest by name) as ``sort_key`` collates it, then by id (two entries filed alike)."""
    kinds = active().kinds
    position = list(kinds).index(entity.kind) if entity.kind in kinds else len(kinds)
    return position, sort_key(filing_name(entity)), entity.id


@functools.lru_cache(maxsize=8)
def _filing_letters(alphabets: tuple[str, ...]) -> dict[str, str]:
    """Each letter of the profile's alphabets and the character it files as: the letters of an alphabet, in its
    order, at the start of their Unicode block (the Cyrillic 'аә…я' as U+0400, U+0401 …), where no letter is
    once case is folded: each then files before every letter of its script that the alphabet leaves out."""
    letters: dict[str, str] = {}
    for alphabet in alphabets:
        start = ord(alphabet[0]) & ~0xFF
        letters.update({letter: chr(start + i) for i, letter in enumerate(alphabet)})
    return letters


def _collation_char(char: str, letters: dict[str, str], fold: bool) -> str:
    if char in letters:
        return letters[char]
    if not fold:
        return char
    return "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))


def sort_key(name: str) -> str:
    """A key that files names as the profile's ``collation`` says: letters of its alphabets in their order (the
    Kazakh alphabet: Қ after К, not after Я), other letters with their diacritics folded (Ǵ with G), letters of
    other scripts by code point (the CJK block is in radical and stroke order)."""
    collation = active().collation
    if _LETTERS[0] is not collation:  # the same profile files many names: its letters are worked out once
        _LETTERS[:] = [collation, _filing_letters(tuple(a.casefold() for a in collation.alphabets.values()))]
    letters = _LETTERS[1]
    return "".join(_collation_char(c, letters, collation.fold_diacritics) for c in name.casefold())
