"""The general speedups, each an extension of its own: the build collects garbage less often and leaves what it
read out of the collector's passes (critical_edition.sphinx.heap), and plugin look-ups read the installed entry
points once (critical_edition.sphinx.bibtex_cache). The navigation has tests of its own (test_navigation.py). A build
after one in which nothing changed reads and writes no page, and finds the configuration it pickled unchanged; the
package's folders join each edition's settings, never Sphinx's defaults."""

from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

from helpers import app_on_a_copy, sphinx_build_forked
from sphinx.config import Config

from critical_edition.sphinx import bibtex_cache, extension
from critical_edition.sphinx.heap import YOUNG_GENERATION
from critical_edition.sphinx.register import name_index

ROOT = Path(__file__).parent.parent / "roots" / "test-navigation"  # a small site; any would do
PLAIN = Path(__file__).parent.parent / "roots" / "test-cite"  # Sphinx's own theme, which leaves the configuration be


def test_the_young_generation_is_collected_less_often_during_the_build_only(tmp_path: Path) -> None:
    before = gc.get_threshold()
    during = []
    with app_on_a_copy(ROOT, tmp_path / "src") as app:
        app.connect("html-page-context", lambda *args: during.append((gc.get_threshold(), gc.get_freeze_count())))
        app.build()
    assert {threshold for threshold, _ in during} == {(YOUNG_GENERATION, *before[1:])}
    assert min(frozen for _, frozen in during) > 10_000  # the environment, the register, the doctrees read
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_plugin_look_ups_select_from_the_entry_points_read_once() -> None:
    from importlib.metadata import entry_points

    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    bibtex_cache.cache_entry_points()
    assert pybtex.plugin.entry_points is bibtex_cache.entry_points
    assert sphinxcontrib.bibtex.plugin.entry_points is bibtex_cache.entry_points
    wanted = {"group": "pybtex.style.formatting", "name": "plain"}
    assert list(bibtex_cache.entry_points(**wanted)) == list(entry_points(**wanted))
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "plain").__module__ == "pybtex.style.formatting.plain"
    assert sphinxcontrib.bibtex.plugin.find_plugin("sphinxcontrib.bibtex.style.referencing", "author_year")
    assert len(bibtex_cache.entry_points(group="pybtex.style.formatting")) >= 2  # a group alone, as pybtex asks too
    assert bibtex_cache._installed.cache_info().misses == 1


def test_a_second_build_without_a_change_reads_and_writes_no_page(tmp_path: Path) -> None:
    shutil.copytree(PLAIN, tmp_path / "src")
    args = ("-b", "html", "-d", tmp_path / "doctrees", tmp_path / "src", tmp_path / "html")
    first, _ = sphinx_build_forked(*args)
    assert first.returncode == 0 and re.search(r"reading sources\.\.\. \[", first.stdout), first.stderr
    second, _ = sphinx_build_forked(*args)
    assert second.returncode == 0, second.stderr
    assert "The configuration has changed" not in second.stdout  # the settings the extension adds are added alike
    assert "targets for 0 source files that are out of date" in second.stdout
    assert not re.search(r"(reading sources|writing output)\.\.\. \[", second.stdout), second.stdout


def test_the_package_folders_join_each_edition_settings_once_and_never_sphinx_defaults(tmp_path: Path) -> None:
    for build in ("one", "two"):  # the root sets neither templates_path nor html_static_path
        with app_on_a_copy(PLAIN, tmp_path / build) as app:
            assert app.config.templates_path == [str(name_index.TEMPLATES)]
            assert app.config.html_static_path == [str(extension.STATIC)]
    assert Config.config_values["templates_path"].default == []
