"""Sphinx configuration of the manual of critical_edition, for the editors of other editions.

The manual is a project of its own, apart from the edition in the folder above (whose conf.py excludes it).
It loads the extension for one reason: its reference pages are tables that the extension's own code makes
(``{edition-rules}``) and the help of each command (``{command-help}``, from ``_ext/command_help.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "src"))  # the extension of this checkout, also when it is not installed
sys.path.insert(0, str(HERE / "_ext"))

from critical_edition import __version__  # noqa: E402

project = "critical_edition: a manual for editors"
author = "The editors of the Kazakh Cinema Edition"
copyright = "2026, the editors"  # fixed: a reproducible build prints no wall-clock year
version = release = __version__
language = "en"

extensions = ["myst_parser", "critical_edition", "command_help"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".*", "**/.*", "_ext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
nitpicky = True

bibtex_bibfiles: list[str] = []  # the manual cites nothing; the extension reads this setting
edition_register_dir = "_no_register"  # the manual has no register: nothing to read, nothing to check

html_theme = "sphinx_book_theme"
html_title = f"critical_edition {version}: manual"
html_last_updated_fmt = "%d %B %Y"
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
}
html_context = {"default_mode": "auto"}
