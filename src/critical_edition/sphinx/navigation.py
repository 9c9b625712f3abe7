"""The theme's sidebar navigation, rendered once for each navigation that differs, not once for each page.

pydata-sphinx-theme (and sphinx-book-theme on top of it) renders the whole site tree in the sidebar of every
page: Sphinx resolves the toctree, writes it as HTML, and the theme parses that HTML again to add its
classes and folds. That is a few milliseconds a page, and a tenth of an edition's build. Yet two pages
get the same navigation whenever Sphinx would resolve the tree alike for them. For a page, Sphinx's
result depends only on
- where the page's address lies relative to the folders of the pages the tree lists (every link is
  relative: ``../persons.html`` reads the same from any folder beside ``persons``);
- the page itself, where the tree links to it (that entry, and the branches above it, are marked
  "current");
- the page's ancestors in the toctrees, where the tree has no depth limit (Sphinx then copies their
  branches whole).

So the navigation is cached under these three. A page the tree does not list (a register entry in a
hidden toctree) gets the navigation of the other pages so placed, and the 2,000 entries of a large
register cost a handful of renders. The theme's own function still renders each navigation; this only
avoids rendering the same one again. tests/extension/test_navigation.py checks, page by page, that the cache gives
what the theme gives.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment


@dataclass
class Navigations:
    """A build's navigations, by what makes them differ, and what that is worked out from."""

    rendered: dict[tuple[Any, ...], str] = field(default_factory=dict)
    listed: dict[bool, frozenset[str]] = field(default_factory=dict)
    folders: dict[bool, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)


_BUILDS: WeakKeyDictionary[Builder, Navigations] = WeakKeyDictionary()
"""One record per builder: a build's pages share it, a new build starts empty."""


def _toctrees(env: BuildEnvironment, docname: str) -> Iterator[addnodes.toctree]:
    """The toctrees of a document that Sphinx follows: the root document's all, another's in its table of
    contents (``only`` blocks included)."""
    tree = env.master_doctree if docname == env.config.root_doc else env.tocs.get(docname)
    if tree is not None:
        yield from tree.findall(addnodes.toctree)


def listed_documents(env: BuildEnvironment, includehidden: bool) -> frozenset[str]:
    """Every document a toctree entry of the navigation may link to: those reached from the root document
    through toctrees that the navigation resolves (hidden ones only with ``includehidden``). A document
    listed only in an ``only`` block is counted too: one too many here only costs a render."""
    hidden_included = includehidden or any(
        toctree.get("includehidden") for doc in env.found_docs for toctree in _toctrees(env, doc)
    )
    found: set[str] = set()
    waiting = [env.config.root_doc]
    while waiting:
        for toctree in _toctrees(env, waiting.pop()):
            if toctree.get("hidden") and not hidden_included:
                continue
            for _title, ref in toctree["entries"]:
                if ref not in found:
                    found.add(ref)
                    waiting.append(ref)
    return frozenset(found)


def toctree_ancestors(parents: dict[str, str], docname: str) -> tuple[str, ...]:
    """The documents whose toctrees lead to this one, nearest first, as Sphinx finds them (the last
    toctree to include a document is its parent)."""
    found: list[str] = []
    current = docname
    while current in parents and parents[current] not in found and parents[current] != docname:
        current = parents[current]
        found.append(current)
    return tuple(found)


def _folder(builder: Builder, docname: str) -> tuple[str, ...]:
    folder = posixpath.dirname(builder.get_target_uri(docname))
    return tuple(folder.split("/")) if folder else ()


def link_base(folder: tuple[str, ...], listed_folders: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
    """What the relative links from a page in ``folder`` to pages in ``listed_folders`` depend on: Sphinx's
    ``relative_uri`` climbs out of the folders the two addresses do not share and down into the rest, so
    the page's depth and what it shares with each listed folder decide every link."""
    return (len(folder), *(len(posixpath.commonprefix([folder, listed])) for listed in listed_folders))


def navigation_key(app: Sphinx, pagename: str, includehidden: bool, maxdepth: int) -> tuple[Any, ...]:
    """What the navigation of a page depends on: where it lies, itself where listed, its ancestors where
    the tree has no depth limit."""
    builder, env = app.builder, app.env
    build = _BUILDS.setdefault(builder, Navigations())
    if includehidden not in build.listed:
        build.listed[includehidden] = listed_documents(env, includehidden)
        linked = {_folder(builder, ref) for ref in build.listed[includehidden] if "://" not in ref}
        build.folders[includehidden] = tuple(sorted(linked))
    if not build.parents:
        for including, children in env.toctree_includes.items():
            build.parents |= dict.fromkeys(children, including)
    itself = pagename if pagename in build.listed[includehidden] or pagename == env.config.root_doc else ""
    where = link_base(_folder(builder, pagename), build.folders[includehidden])
    ancestors = toctree_ancestors(build.parents, pagename) if maxdepth <= 0 else ()
    return where, itself, ancestors


def cache_navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give the page's templates the theme's ``generate_toctree_html``, rendering each navigation once.

    Only the whole-site sidebar tree (``kind="sidebar"``, ``startdepth=0``, as sphinx-book-theme and the
    edition's template ask for it) is cached; any other call goes to the theme's function unchanged.
    """
    generate: Callable[..., Any] | None = context.get("generate_toctree_html")
    if generate is None:
        return
    rendered = _BUILDS.setdefault(app.builder, Navigations()).rendered

    def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
        if kind != "sidebar" or startdepth != 0:
            return generate(kind, startdepth=startdepth, show_nav_level=show_nav_level, **kwargs)
        depth = int(kwargs.get("maxdepth") or 0)  # 0 or none: each toctree's own limit, or none
        page = navigation_key(app, pagename, bool(kwargs.get("includehidden", False)), depth)
        key = (page, show_nav_level, tuple(sorted((name, str(value)) for name, value in kwargs.items())))
        if key not in rendered:
            rendered[key] = str(generate(kind, startdepth=startdepth, show_nav_level=show_nav_level, **kwargs))
        return rendered[key]

    context["generate_toctree_html"] = generate_toctree_html


def forget_navigations(app: Sphinx, env: BuildEnvironment) -> None:
    """A new build (of the same application) renders its navigations anew: titles or toctrees may have changed."""
    _BUILDS.pop(app.builder, None)


def setup(app: Sphinx) -> dict[str, Any]:
    """Wrap the theme's function after the theme has put it in the page's context. A Sphinx extension of its
    own, so that a baseline build without the edition can load it too (benchmarks/run.py measures it alone)."""
    app.connect("env-updated", forget_navigations)
    app.connect("html-page-context", cache_navigation, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
