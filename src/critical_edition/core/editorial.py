"""What every editorial role shares, without Sphinx: its options and their vocabularies, and its apparatus entry.

An editorial role (``{corr}``, ``{sic}``, ``{supplied}``…, see ``critical_edition.sphinx.editorial``) reads
its options here, each checked against the vocabulary it names (``vocabulary.CERTAINTY``…), and says what its
apparatus entry reads as an ``ApparatusEntry``: lemma ] reading — what the editors did.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .model import Problem


@dataclass(frozen=True)
class Option:
    """An option of a role, written ``; name=value`` after its text."""

    name: str  # as written: cert
    label: str  # as a message names it: certainty
    default: str = ""  # the value when it is not written
    choices: Mapping[str, str] | None = None  # the vocabulary its value is taken from (word -> meaning); None: any
    required: bool = False


def option_values(
    role: str, given: Mapping[str, str], options: Sequence[Option]
) -> tuple[dict[str, str], list[Problem]]:
    """The value of every option (as written, or its default) and a problem for each value outside its vocabulary
    and each required option not written. The problems have no place: the caller knows where the role stands."""
    values: dict[str, str] = {}
    problems = []
    for option in options:
        value = given.get(option.name, option.default)
        values[option.name] = value
        if not value:
            if option.required:
                known = f": {', '.join(option.choices)}" if option.choices else ""
                problems.append(
                    Problem(
                        "bad-markup",
                        f"the {{{role}}} role needs its {option.label}",
                        hint=f"add ' ; {option.name}=…'{known}",
                    )
                )
            continue
        if option.choices is not None and value not in option.choices:
            close = difflib.get_close_matches(value, list(option.choices), n=1)
            problems.append(
                Problem(
                    "bad-markup",
                    f"{option.label} '{value}' is not one of {', '.join(option.choices)}",
                    hint=f"did you mean '{close[0]}'?" if close else "",
                )
            )
    return values, problems


@dataclass(frozen=True)
class ApparatusEntry:
    """An entry of the apparatus: lemma ] reading (note) — what the editors did; evidence.

    ``lemma`` is the words of the edited text, without the text's signs (``know``, not ``know [sic]``), ``reading``
    what the source has there, ``done`` what the editors did and why; ``note`` a remark on the reading ("41 words not
    shown") and ``evidence`` the bib keys that support it. ``lemma_is_sign``: the lemma is the sign of words the
    text lacks (``[…]``), so no ']' follows it.
    """

    lemma: str
    reading: str
    done: str
    note: str = ""
    evidence: tuple[str, ...] = ()
    lemma_is_sign: bool = False
