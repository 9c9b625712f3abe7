"""The apparatus as a press would set it (issue 25): a long omitted reading is abridged only between whole words
(the real PDF and EPUB: tests/edition/test_print.py)."""

from __future__ import annotations

from critical_edition.core.syntax import WHOLE_READING_WORDS, apparatus_reading


def test_a_long_reading_is_abridged_only_between_words() -> None:
    words = [f"word{n}" for n in range(WHOLE_READING_WORDS + 10)]
    reading = apparatus_reading(" ".join(words))
    head, tail = reading.shown.split(" … ")
    assert head.split() == words[: len(head.split())] and tail.split() == words[-len(tail.split()) :]
    assert reading.words_left_out == len(words) - len(head.split()) - len(tail.split())
    assert reading.note == f"{reading.words_left_out} words not shown"
    assert apparatus_reading("Иконка  меню\nмобильная") == type(reading)("Иконка меню мобильная")
