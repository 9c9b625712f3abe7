"""The edition profile: what differs between editions, declared as data and validated.

Kinds of entity, relations, date fields and the rules of chronology, name types, authority files, omission
reasons, degrees of certainty, how names are filed, the licence and the editors. The defaults ship as
``default.yaml``; an edition's own ``edition-profile.yaml`` beside conf.py is merged over them (``load.py``).
This package is pure: no Sphinx, no docutils, nothing of ``core`` (which reads it).

How the active profile reaches the code that needs it: through ``active()``, one accessor set once per build.
An explicit parameter would have to thread through nearly every function of the core (the register's schema,
every check, every export, the filing of names, the relation sentences) and of the Sphinx layer, most of which
are called from Sphinx's events with fixed signatures; the profile is as global to a build as conf.py is. So
the Sphinx layer calls ``activate()`` when the configuration is read (``config-inited``, before any document
is read, and before Sphinx forks the workers of a parallel build, which inherit it), the command line's
``check`` runs the same Sphinx layer, and a caller of the pure core without Sphinx (a test, a script) gets the
defaults, or chooses a profile for a while with ``using()``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from .load import Invalid, default_profile, load_profile, profile_from_text
from .schema import Profile, ProfileField, orcid_is_valid, profile_fields

PROFILE_FILE = "edition-profile.yaml"
"""The name of an edition's own profile, beside conf.py (``edition_profile`` may name another file)."""

_active: Profile | None = None


def active() -> Profile:
    """The profile of the edition being built: set by ``activate``, else the shipped defaults."""
    return _active or default_profile()


def activate(profile: Profile | None) -> None:
    """Make ``profile`` the active one (None: the defaults again)."""
    global _active
    _active = profile


class Vocabulary(Mapping[str, str]):
    """A vocabulary of the active profile (its words and their meanings), read when it is used, not when a module
    is imported: ``Vocabulary("certainty")`` is always the certainty of the edition being built."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _words(self) -> Mapping[str, str]:
        words: Mapping[str, str] = getattr(active(), self.name)
        return words

    def __getitem__(self, word: str) -> str:
        return self._words()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())

    def glossary(self) -> str:
        """Every word with its meaning, as prose and declarations list them: "word: meaning; word: meaning"."""
        return "; ".join(f"{word}: {meaning}" for word, meaning in self._words().items())


@contextmanager
def using(profile: Profile) -> Iterator[Profile]:
    """The profile active for the duration of a ``with`` block, the previous one afterwards."""
    before = _active
    activate(profile)
    try:
        yield profile
    finally:
        activate(before)


__all__ = [
    "PROFILE_FILE",
    "Invalid",
    "Profile",
    "ProfileField",
    "Vocabulary",
    "activate",
    "active",
    "default_profile",
    "load_profile",
    "orcid_is_valid",
    "profile_fields",
    "profile_from_text",
    "using",
]
