"""The diplomatic text (core, no Sphinx): the witness cut into the blocks of the edited text, and capture dates."""

from __future__ import annotations

import pytest

from critical_edition.core.diplomatic import Piece, WitnessBlock, align, capture_label

WITNESS = "Head  line\n\nOne “brining”  day -\nsaid.\n\n Share\n this \n\nEnd."


def test_each_block_gets_the_witness_own_characters_with_interventions_and_languages_marked() -> None:
    blocks = [
        ("the headline", [("Head line", False, "")]),
        ("¶ 1", [('One "', False, ""), ("brining", True, ""), ('" day – ', False, ""), ("said.", False, "ru")]),
        ("an omitted passage", [("Share this", True, "")]),
        ("¶ 2", []),  # all editorial (supplied): no source text
        ("¶ 3", [("End.", False, "")]),
    ]
    assert align(WITNESS, blocks) == [
        WitnessBlock("the headline", (Piece("Head  line"),)),
        WitnessBlock("¶ 1", (Piece("One “"), Piece("brining", True), Piece("”  day -\n"), Piece("said.", False, "ru"))),
        WitnessBlock("an omitted passage", (Piece("Share\n this", True),)),
        WitnessBlock("¶ 2", ()),
        WitnessBlock("¶ 3", (Piece("End."),)),
    ]


@pytest.mark.parametrize(
    "blocks",
    [
        [("¶ 1", [("Head line One", False, "")])],  # the witness goes on
        [("¶ 1", [("Head lime", False, "")])],  # a word differs
        [("¶ 1", [("Head", False, "")]), ("¶ 2", [("line One brining", False, "")])],  # stops short
    ],
)
def test_blocks_that_do_not_reproduce_the_witness_give_none(blocks: list) -> None:
    assert align(WITNESS, blocks) is None


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2024/2026-11-21", "between 2024 and 21 November 2026"),
        ("../2026-11-21", "not later than 21 November 2026"),
        ("2025/..", "not earlier than 2025"),
        ("2025-03", "March 2025"),
        ("2025-03-14", "14 March 2025"),
        ("2024?", "probably 2024"),
    ],
)
def test_capture_dates_read_as_words(value: str, label: str) -> None:
    assert capture_label(value) == label
