"""The edition's languages: its names filed in the order of the alphabets its profile declares (collation.alphabets)."""

from __future__ import annotations

from helpers import ROOT


def test_names_are_filed_in_the_kazakh_alphabets_order() -> None:
    # the order is this edition's, declared in its profile (collation.alphabets)
    from critical_edition.core.collation import sort_key
    from critical_edition.profile import load_profile, using

    edition, problems = load_profile(ROOT / "edition-profile.yaml")
    assert not problems
    names = ["Яньань", "Өзен", "Омск", "Қостанай", "Кустанай", "Zürich", "Ärger", "Émile", "冼星海", "Ёлка", "Ель"]
    with using(edition):
        filed = sorted(names, key=sort_key)
    assert filed == ["Ärger", "Émile", "Zürich", "Ель", "Ёлка", "Кустанай", "Қостанай", "Омск",
                                           "Өзен", "Яньань", "冼星海"]
