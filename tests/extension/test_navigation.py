"""The theme's sidebar navigation is rendered once for each navigation that differs, and every page gets
exactly what the theme would have given it.

The small site (tests/roots/test-navigation) has captions, a page two levels down, a register whose
entries sit in hidden toctrees in two folders, and an orphan page.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from helpers import app_on_a_copy, pages

from critical_edition.sphinx import navigation

ROOT = Path(__file__).parent.parent / "roots" / "test-navigation"


def build(target: Path, cached: bool) -> tuple[dict[str, str], list[tuple[Any, ...]]]:
    """Every page's HTML, and the navigations rendered (the cache's keys)."""
    warnings = StringIO()
    with app_on_a_copy(ROOT, target, warnings) as app:
        if not cached:  # the theme's own function on every page
            for listener in list(app.events.listeners["html-page-context"]):
                if listener.handler is navigation.cache_navigation:
                    app.disconnect(listener.id)
        app.build()
        found = navigation._BUILDS.get(app.builder)
        rendered = list(found.rendered) if found else []
    assert "WARNING" not in warnings.getvalue(), warnings.getvalue()
    out = Path(app.outdir)
    return {page.relative_to(out).as_posix(): page.read_text(encoding="utf-8") for page in pages(out)}, rendered


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], list[tuple[Any, ...]], dict[str, str]]:
    tmp = tmp_path_factory.mktemp("navigation")
    cached, rendered = build(tmp / "cached", cached=True)
    theme, none = build(tmp / "theme", cached=False)
    assert none == []
    return cached, rendered, theme


def navigations(html: str) -> list[str]:
    """The page's three navigations: the theme's (with hidden toctrees), the one without them, and that one folded
    to the page's branches with no depth limit."""
    return re.findall(r'<nav class="(?:bd-links bd-docs-nav|test-navigation)".*?</nav>', html, re.S)


def test_every_page_is_what_the_theme_alone_makes_of_it(builds) -> None:
    cached, _, theme = builds
    assert sorted(cached) == sorted(theme) and len(cached) == 18
    assert {page for page, html in cached.items() if theme[page] != html} == set()
    assert all(len(navigations(html)) == 3 for html in cached.values())


def rendered_as(rendered: list[tuple[Any, ...]], includehidden: bool, collapse: bool) -> int:
    """How many navigations of one kind were rendered."""
    wanted = {("includehidden", str(includehidden)), ("collapse", str(collapse))}
    return sum(wanted <= set(key[-1]) for key in rendered)


def test_pages_the_navigation_does_not_list_share_their_siblings_navigation(builds) -> None:
    cached, rendered, _ = builds
    # one render for each listed page (8, the root among them), and one for the unlisted pages alike in where they
    # lie: the persons and the places (whose links read the same), the page beside the persons' list, the notes
    # beside the texts, and at the top the orphan, the index and the search page; 12 for 18 pages
    assert rendered_as(rendered, includehidden=False, collapse=False) == 12
    persons = [navigations(cached[f"register/{name}.html"])[1] for name in ("persons/ada", "persons/bo", "places/east")]
    assert persons[0] == persons[1] == persons[2] and 'class="current' not in persons[0]
    assert navigations(cached["texts/notes.html"])[1] != navigations(cached["register/persons-sources.html"])[1]
    # the theme's own navigation lists hidden toctrees too: there each person is current on its own page, and only
    # the three unlisted pages at the top share one, and the notes beside the texts have their own
    assert rendered_as(rendered, includehidden=True, collapse=False) == 16
    assert 'class="current reference internal" href="#">Person bo' in navigations(cached["register/persons/bo.html"])[0]


def test_a_listed_page_is_marked_current_and_its_links_are_relative_to_it(builds) -> None:
    cached, _, _ = builds
    about_more = navigations(cached["about-more.html"])[1]
    assert re.search(r'<li class="toctree-l2 current active"><a class="current reference internal" href="#">', about_more)
    places = navigations(cached["register/places.html"])[1]
    assert 'href="../texts/one.html"' in places and 'href="persons.html"' in places and 'href="#">Places</a>' in places
    orphan = navigations(cached["orphan.html"])[1]
    assert 'href="texts/one.html"' in orphan and 'class="current' not in orphan


def test_the_ancestors_of_a_page_are_found_as_sphinx_finds_them() -> None:
    parents = {"a": "index", "b": "a", "c": "b", "loop1": "loop2", "loop2": "loop1"}
    assert navigation.toctree_ancestors(parents, "c") == ("b", "a", "index")
    assert navigation.toctree_ancestors(parents, "index") == ()
    assert navigation.toctree_ancestors(parents, "loop1") == ("loop2",)  # a cycle ends where it began
