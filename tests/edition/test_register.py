"""The edition's register: its persons and works in their filing order, its lists and its index of names."""

from __future__ import annotations

from pathlib import Path

from critical_edition.core.register import load_register


def test_persons_are_filed_by_surname_and_works_without_their_article() -> None:
    from critical_edition.core.collation import filing_name

    register = load_register(Path(__file__).parents[2] / "annotations", Path(__file__).parents[2])
    persons = [e.name for e in register.of_kind("person")]
    assert persons.index("Emir Baigazin") < persons.index("Bakhytzhan Baikadamov") < persons.index("Gyuzel Kamalova")
    assert persons.index("Gyuzel Kamalova") < persons.index("Xi Jinping")  # Chinese names: the surname comes first
    works = {e.name: filing_name(e) for e in register.of_kind("work")}
    assert works["The River"] == "River, The" and works["The Wounded Angel"] == "Wounded Angel, The"
    titles = [e.name for e in register.of_kind("work")]
    assert titles.index("Over the City") < titles.index("The River") < titles.index("The Wounded Angel")


def test_the_register_lists_works_by_their_titles_in_italics(edition_html: Path) -> None:
    works = (edition_html / "annotations" / "works.html").read_text(encoding="utf-8")
    assert '<em><a class="reference internal" href="work/composer-film.html">' in works
    persons = (edition_html / "annotations" / "persons.html").read_text(encoding="utf-8")
    assert '<em><a class="reference internal"' not in persons
    almaty = (edition_html / "annotations" / "place" / "almaty.html").read_text(encoding="utf-8")
    assert 'href="../work/over-the-city.html"><em>Over the City</em></a>' in almaty  # "Also named on"


def test_the_name_index_is_linked_from_the_navigation(edition_html: Path) -> None:
    page = (edition_html / "articles" / "qazaqtv-2018-composer.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="bd-links') : page.index("</nav>", page.index('<nav class="bd-links'))]
    assert '<a class="reference internal" href="../genindex.html">Index of names, in every script</a>' in nav
    assert "冼星海" in (edition_html / "genindex.html").read_text(encoding="utf-8")  # names in every script
