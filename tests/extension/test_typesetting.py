"""The book as a press would set it, the rules on their own: dates and page numbers kept together, each other
form of a name listed once (the real edition's PDF: tests/edition/test_typesetting.py)."""

from __future__ import annotations

import pytest

from critical_edition.core.model import Entity, Name
from critical_edition.core.typography import NO_BREAK_SPACE, keep_together
from critical_edition.sphinx.register.render import other_forms


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("on 29 September 2015, at", "on 29_September_2015, at"),
        ("in May 2016 and on May 25", "in May_2016 and on May_25"),
        ("see p. 3, pp. 4–5 and no. 12", "see p._3, pp._4–5 and no._12"),
        ("in 1943 the 3 men may go", "in 1943 the 3 men may go"),  # a number is not a date; "may" is not May
        ("the map. 3 places", "the map. 3 places"),  # "p." only as a word of its own
    ],
)
def test_dates_and_page_numbers_are_kept_together(text: str, kept: str) -> None:
    assert keep_together(text) == kept.replace("_", NO_BREAK_SPACE)


def test_a_register_list_shows_each_other_form_once_and_not_the_name_itself() -> None:
    names = (Name("France", "fr", "native"), Name("Алматы", "kk", "native"), Name("Алматы", "ru", "native"),
             Name("Almaty", "en", "variant"), Name("Almaty", "kk-Latn", "transliteration"))  # fmt: skip
    place = Entity("x", "place", "Almaty", "A city.", (), names=names)
    assert [n.text for n in other_forms(place)] == ["France", "Алматы"]  # "France · France" was printed
