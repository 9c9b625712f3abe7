"""The index of names in every script: each name form of each entity, filed as the register files names.

The HTML's general index (``genindex``) and the PDF's index of names are made from these entries: an entity's
own name in its filing form ("Baigazin, Emir"), each other form as written ("Эмир Байгазин") with its language,
pointing to the entity. Entries are filed by ``collation.sort_key``, so each script is one alphabet (Latin letters
with their diacritics folded, Cyrillic in the order of the Kazakh alphabet, other scripts by code point) and the
scripts follow each other: Latin, Cyrillic, Arabic, Chinese.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .collation import filing_name, sort_key
from .model import Entity
from .register import Register


@dataclass(frozen=True)
class IndexedName:
    """One entry of the index of names: a form of an entity's name (``lang`` '' for its own name)."""

    form: str
    lang: str
    entity: Entity

    @property
    def main(self) -> bool:
        """Whether this is the entity's own name, in its filing form."""
        return self.form == filing_name(self.entity)


def indexed_names(entity: Entity) -> list[IndexedName]:
    """The entity's own name in its filing form, then each other form of its name once, with its language."""
    own = filing_name(entity)
    found = [IndexedName(own, "", entity)]
    seen = {own, entity.name}
    for name in entity.names:
        if name.text not in seen:
            seen.add(name.text)
            found.append(IndexedName(name.text, name.lang, entity))
    return found


def index_entry(name: IndexedName) -> str:
    """The entry as Sphinx's general index takes it: the own name alone; another form with the entity's own name as
    its subentry ("Эмир Байгазин; Baigazin, Emir"), so that the index says which entry a shared form leads to."""
    return name.form if name.main else f"{name.form}; {filing_name(name.entity)}"


def heading(form: str) -> str:
    """The letter an index files the form under: its first letter (a Latin one without its diacritics), in upper
    case; "0–9" for a form that begins with a digit or a sign."""
    first = form.lstrip("\"'“‘«(")[:1]
    if not first.isalpha():
        return "0–9"
    base = "".join(c for c in unicodedata.normalize("NFKD", first) if not unicodedata.combining(c))
    return (base if base.isascii() else first).upper()


def name_index(register: Register) -> list[tuple[str, list[IndexedName]]]:
    """Every name form of the register under its letter, letters and forms in the register's filing order."""
    names = sorted(
        (name for entity in register for name in indexed_names(entity)),
        key=lambda n: (sort_key(n.form), n.form, sort_key(filing_name(n.entity)), n.entity.id),
    )
    groups: dict[str, list[IndexedName]] = {}
    for name in names:
        groups.setdefault(heading(name.form), []).append(name)
    return sorted(groups.items(), key=lambda group: (group[0] != "0–9", sort_key(group[0])))
