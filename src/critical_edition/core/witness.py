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
from .paths import is_inside, outside_hint

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
    index = next((i for i in range(len(starts) - 1, -1, -1) if starts[i][0] <= at), 0)
    block = starts[index][1] if starts else None
    label = block.label if block else "the start"
    if block is not None and index > 0 and at <= starts[index][0] + 1:
        # text missing at the end of a block shows at the start of the next: name both
        label = f"the end of {starts[index - 1][1].label} or the start of {block.label}"
        block = starts[index - 1][1]
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


DIGESTS_FILE = "SHA256SUMS"
"""The file beside the witnesses that records their SHA-256, as ``sha256sum`` writes it."""

_GNU_LINE = re.compile(r"^(?P<digest>[0-9a-fA-F]{64}) [ *](?P<name>.+)$")
_BSD_LINE = re.compile(r"^SHA256 \((?P<name>.+)\) = (?P<digest>[0-9a-fA-F]{64})$")


def digest_line(path: Path) -> str:
    """The line ``sha256sum`` writes for a witness when run in its folder."""
    return f"{sha256(path)}  {path.name}"


def read_digests(
    sums_file: Path, shown: str, root: Path | None = None
) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """The recorded digests by file name, with their lines, and the problems of the file itself.

    With ``root``, a digests file that leads outside it (a link) is refused: it is neither read nor trusted.

    Accepted: the lines ``sha256sum`` writes (text or binary mode) and those of ``sha256sum --tag``, run in
    the folder of the witnesses, so that ``sha256sum -c SHA256SUMS`` there verifies them.
    """
    hint = f"run in the witnesses folder: sha256sum <file> >> {DIGESTS_FILE}"
    if not sums_file.is_file():
        return {}, []
    if root is not None and not is_inside(sums_file, root):
        return {}, [Problem("witness-digests", f"{shown} leads outside the project", shown, 1, outside_hint(sums_file))]
    try:
        text = sums_file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = sums_file.read_bytes()[: err.start].count(b"\n") + 1
        return {}, [Problem("witness-digests", f"{shown} is not UTF-8", shown, line, hint)]
    except OSError as err:
        return {}, [Problem("witness-digests", f"{shown} cannot be read: {err.strerror}", shown, None, hint)]
    recorded: dict[str, tuple[str, int]] = {}
    problems = []
    for number, raw in enumerate(text.splitlines(), 1):
        entry = raw.rstrip("\r")
        if not entry.strip() or entry.startswith("#"):
            continue
        found = _GNU_LINE.match(entry) or _BSD_LINE.match(entry)
        if not found:
            problems.append(
                Problem(
                    "witness-digests",
                    f"line {number} of {shown} is not a sha256sum line: {entry[:60]!r}",
                    shown,
                    number,
                    f"a line is '<64 hex digits>  <file name>'; {hint}",
                )
            )
            continue
        name, digest = found.group("name"), found.group("digest").lower()
        if "/" in name or "\\" in name:
            bare = name.replace("\\", "/").rsplit("/", 1)[-1]
            problems.append(
                Problem(
                    "witness-digests",
                    f"{shown} names {name!r} with a folder, which 'sha256sum -c' in "
                    f"{sums_file.parent.name}/ cannot find",
                    shown,
                    number,
                    f"replace the line with: {digest}  {bare}",
                )
            )
            name = bare  # the digest still guards the witness meanwhile
        if name in recorded:
            problems.append(
                Problem(
                    "witness-digests",
                    f"{name} is recorded twice in {shown} (line {recorded[name][1]})",
                    shown,
                    number,
                    "keep one line per witness",
                )
            )
            continue
        recorded[name] = (digest, number)
    return recorded, problems


def digest_problems(sums_file: Path, shown: str, root: Path) -> list[Problem]:
    """Problems of a digests file as a whole: a link out of the project, bad lines, lines for missing files."""
    recorded, problems = read_digests(sums_file, shown, root)
    for name, (_, number) in sorted(recorded.items()):
        if not (sums_file.parent / name).is_file():
            problems.append(
                Problem(
                    "witness-digests",
                    f"{shown} records {name}, which is not in {sums_file.parent.name}/",
                    shown,
                    number,
                    "remove the line, or restore the witness",
                )
            )
    return problems


def checksum_problem(
    path: Path, sums_file: Path, shown: str, root: Path, text_path: str = "", line: int | None = None
) -> Problem | None:
    """A problem if the witness has no recorded SHA-256, or one that differs from its own."""
    if sums_file.is_file() and not is_inside(sums_file, root):
        return None  # digest_problems reports the link out of the project, and no witness is called sound by it
    recorded, _ = read_digests(sums_file, shown)  # the file's own problems are reported once, by digest_problems
    entry = recorded.get(path.name)
    sums_shown = (Path(shown).parent / DIGESTS_FILE).as_posix()
    if entry is None:
        return Problem(
            "witness-unrecorded",
            f"witness {shown} has no SHA-256 in {sums_shown}, so its integrity cannot be checked",
            text_path or shown,
            line,
            f"add this line to {sums_shown}: {digest_line(path)}",
        )
    if entry[0] != sha256(path):
        return Problem(
            "witness-altered",
            f"witness {path.name} does not match its recorded SHA-256 ({sums_shown}:{entry[1]})",
            text_path or shown,
            line,
            "witnesses are never edited: restore it from version control; if git converted its line endings "
            "(core.autocrlf), check it out again with the project's .gitattributes",
        )
    return None


def read_witness(path: Path, shown: str = "") -> tuple[str | None, str]:
    """The text of a witness file, or None and the reason it cannot be read (only regular files are opened)."""
    shown = shown or path.as_posix()
    try:
        if path.is_dir():
            return None, f"witness path {shown} is a directory, not a file"
        if not path.exists():
            return None, f"witness file {shown} does not exist"
        if not path.is_file():
            return None, f"witness path {shown} is not a regular file (a pipe or a device)"
        return path.read_bytes().decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, f"witness file {shown} is not UTF-8"
    except OSError as err:
        return None, f"witness file {shown} cannot be read: {err.strerror}"
