"""The diplomatic text: the witness itself, cut into the blocks of the edited text.

The fidelity proof (``witness.compare``) shows that the source readings of the edited text, block by
block, equal the witness after the declared normalisations. This module uses the same alignment the
other way round: it maps each block back onto the witness's own characters, so the diplomatic view
prints the witness as it is (its quotation marks, dashes and line breaks), block by block, and each
block can stand beside its paragraph of the edited text. A run of the witness that an intervention
touched (a corrected or kept source reading, an omitted passage) is marked, for the side-by-side view.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .dates import date_in_words
from .witness import _QUOTES, normalise


@dataclass(frozen=True)
class Piece:
    """A run of the witness's own characters; ``marked`` if an intervention of the edited text touched it, and its
    ``language`` where the edited text gives one (``{lang}``; '' for the page's)."""

    text: str
    marked: bool = False
    language: str = ""


@dataclass(frozen=True)
class WitnessBlock:
    """The part of the witness that one block of the edited text reproduces (its label, e.g. '¶ 4')."""

    label: str
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        """The block's witness text, as the witness has it."""
        return "".join(p.text for p in self.pieces)


def _normalised_with_origins(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` of an NFC text, and for each of its characters the index it comes from in text."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origins.append(index)
            continue
        chars.append(char.translate(_QUOTES))
        origins.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origins.pop()
    return "".join(chars), origins


def align(witness: str, blocks: list[tuple[str, list[tuple[str, bool, str]]]]) -> list[WitnessBlock] | None:
    """The witness cut into the given blocks, or None if the blocks do not reproduce it.

    ``blocks`` are (label, parts): the source readings of one block of the edited text, each with a flag
    saying whether an intervention produced it and its language. A block with no source text (all editorial)
    gets no pieces.
    """
    raw = unicodedata.normalize("NFC", witness)
    target, origins = _normalised_with_origins(raw)
    if target != normalise(witness):
        return None
    result: list[WitnessBlock] = []
    offset = 0
    for label, parts in blocks:
        joined = "".join(unicodedata.normalize("NFC", text) for text, _, _ in parts)
        flags = [(marked, tag) for text, marked, tag in parts for _ in unicodedata.normalize("NFC", text)]
        text, sources = _normalised_with_origins(joined)
        if not text:
            result.append(WitnessBlock(label, ()))
            continue
        if offset:
            if target[offset : offset + 1] != " ":
                return None
            offset += 1
        if target[offset : offset + len(text)] != text:
            return None
        end = offset + len(text)
        raw_end = origins[end - 1] + 1
        pieces: list[Piece] = []
        start = 0
        for k in range(1, len(text) + 1):
            if k == len(text) or flags[sources[k]] != flags[sources[start]]:
                stop = origins[offset + k] if k < len(text) else raw_end
                pieces.append(Piece(raw[origins[offset + start] : stop], *flags[sources[start]]))
                start = k
        result.append(WitnessBlock(label, tuple(pieces)))
        offset = end
    if offset != len(target):
        return None
    return result


def capture_label(value: str) -> str:
    """When a witness was captured, in words: 'between 2024 and 21 November 2026', 'not later than …'."""
    start, sep, end = value.partition("/")
    if not sep:
        return date_in_words(value)
    if start in ("", ".."):
        return f"not later than {date_in_words(end)}"
    if end in ("", ".."):
        return f"not earlier than {date_in_words(start)}"
    return f"between {date_in_words(start)} and {date_in_words(end)}"
