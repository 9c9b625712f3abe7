"""The edition's profile (edition-profile.yaml) is valid, and the defaults it changes are consistent."""

from __future__ import annotations

from pathlib import Path

from critical_edition import profile
from critical_edition.profile.consistency import cross_references
from critical_edition.profile.load import read_yaml

ROOT = Path(__file__).parents[2]


def test_the_defaults_are_consistent_and_the_editions_profile_is_valid() -> None:
    defaults = profile.default_profile()
    assert not cross_references(defaults)
    data, lines, invalid = read_yaml((ROOT / "edition-profile.yaml").read_text(encoding="utf-8"))
    assert invalid is None and lines and set(data) <= set(profile.Profile.model_fields)
    _edition, problems = profile.load_profile(ROOT / "edition-profile.yaml")
    assert not problems
