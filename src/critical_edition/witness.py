"""Reconstruct the witness from the edited text and prove it equal to the stored witness.

The edited text is handed over as blocks (one per paragraph, headline or omitted passage), each a
list of the *source* readings of its parts: the sic reading of a correction, the omitted text of a
gap, the displayed text of a mention; editorial additions are left out. After the normalisations
declared below, the joined blocks must equal the witness character for character.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import Problem

NORMALISATIONS: tuple[tuple[str, str], ...] = (
    ("Unicode", "The text is compared in Unicode normalisation form NFC."),
    (
        "Spacing",
        "Any run of white space, including no-break spaces and line breaks, counts as one space; "
        "spaces at the start and end of a paragraph are not significant.",
    ),
    (
        "Quotation marks",
        'Straight and curly double quotation marks (" “ ” „) are one mark, as are straight '
        "and curly apostrophes (' ‘ ’).",
    ),
    (
        "Dashes",
        "Hyphen-minus, en dash and em dash (- – —) are one mark: the edition prints a dash that opens "
        "reported speech as an en dash.",
    ),
)
"""The normalisations the edition applies everywhere, declared once (editorial principles)."""

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "‐": "-"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    """One block of the edited text: its label (e.g. '¶ 4') and its source readings."""

    label: str
    parts: tuple[str, ...]
    line: int | None = None

    @property
    def text(self) -> str:
        """The block's source text, parts joined as printed."""
        return "".join(self.parts)


def normalise(text: str) -> str:
    """Apply the declared normalisations."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def reconstruct(blocks: list[Block]) -> tuple[str, list[tuple[int, Block]]]:
    """The normalised source text of the blocks, and where each block starts in it."""
    pieces: list[str] = []
    starts: list[tuple[int, Block]] = []
    offset = 0
    for block in blocks:
        text = normalise(block.text)
        if not text:
            continue
        if pieces:
            offset += 1  # the space between blocks
        starts.append((offset, block))
        pieces.append(text)
        offset += len(text)
    return " ".join(pieces), starts


def first_difference(a: str, b: str) -> int | None:
    """The index of the first character where a and b differ, or None if equal."""
    if a == b:
        return None
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return min(len(a), len(b))


def compare(witness: str, blocks: list[Block], article: str, path: str = "", line: int | None = None) -> Problem | None:
    """A fidelity problem naming the paragraph and a short diff, or None if the texts agree."""
    expected = normalise(witness)
    actual, starts = reconstruct(blocks)
    at = first_difference(expected, actual)
    if at is None:
        return None
    block = next((b for start, b in reversed(starts) if start <= at), starts[0][1] if starts else None)
    label = block.label if block else "the start"
    line = (block.line if block else None) or line
    before = max(0, at - 30)
    want = expected[before : at + 40]
    got = actual[before : at + 40]
    if at >= len(actual):
        what = "the edited text ends early: the witness goes on"
    elif at >= len(expected):
        what = "the edited text has more than the witness"
    else:
        what = f"the edited text differs at {label}"
    return Problem(
        "fidelity",
        f"{article}: {what}: witness «…{want}…» but edited text «…{got}…»",
        path,
        line,
        "mark the change as {corr} or {sic}, keep omitted text in an {omitted} block, "
        "or restore the witness if it was altered",
    )


def sha256(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_witness(path: Path, shown: str = "") -> tuple[str | None, str]:
    """The text of a witness file, or None and the reason it cannot be read."""
    shown = shown or path.as_posix()
    try:
        return path.read_bytes().decode("utf-8"), ""
    except FileNotFoundError:
        return None, f"witness file {shown} does not exist"
    except IsADirectoryError:
        return None, f"witness path {shown} is a directory, not a file"
    except UnicodeDecodeError:
        return None, f"witness file {shown} is not UTF-8"
    except OSError as err:
        return None, f"witness file {shown} cannot be read: {err.strerror}"


def checksum_problem(path: Path, sums_file: Path, shown: str) -> Problem | None:
    """A problem if the witness's SHA-256 differs from the one recorded in SHA256SUMS."""
    if not sums_file.exists():
        return None
    recorded = dict(
        (name.strip().lstrip("*"), digest)
        for digest, _, name in (ln.partition(" ") for ln in sums_file.read_text().splitlines() if ln.strip())
    )
    digest = recorded.get(path.name)
    if digest and digest != sha256(path):
        return Problem(
            "witness-altered",
            f"witness {path.name} does not match its recorded SHA-256",
            shown,
            None,
            "witnesses are never edited: restore it from version control",
        )
    return None
