"""Sphinx configuration of the edition "Kazakh Cinema in the News"."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "src"))  # the extension, also when not installed

from critical_edition.core.corpus import describe

bibtex_bibfiles = ["references.bib"]
texts = describe(Path(__file__).parent, bibtex_bibfiles)  # the number of texts and their years, never stale
project = f"Kazakh Cinema in the News: A Critical Edition of {texts.count_words.title()} Reports, {texts.year_range}"
short_title = "Kazakh Cinema in the News"
author = "The editors of the Kazakh Cinema Edition"
copyright = "2026, the editors"  # fixed: a reproducible build prints no wall-clock year
version = release = "1.0"
language = "en"

extensions = ["myst_parser", "sphinxcontrib.bibtex", "critical_edition"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build", ".*", "**/.*", "venv", "README.md", "CONTRIBUTING.md", "LICENSE*.md",
    "tests", "benchmarks", "src", "witnesses", ".ci", "node_modules", "BENCHMARKS.md", "CHANGELOG.md", "audit",
    "manual",  # the manual for editors of other editions: a Sphinx project of its own (nox -s manual)
]
# never "substitution": it renders pages as Jinja2 templates, and pages are data (the extension refuses it)
myst_enable_extensions = ["colon_fence", "deflist", "attrs_block"]
myst_footnote_transition = True
myst_heading_anchors = 3
nitpicky = True

bibtex_default_style = "author_year_labels"  # labelled as the notes cite: "Kamalova, 2015"
bibtex_reference_style = "author_year_short_title"  # a source without author: a short title
bibtex_foot_reference_style = "foot"

edition_register_dir = "annotations"
edition_orphans = "warning"
edition_verification_records = True  # every source says how it was verified (CONTRIBUTING, "Adding a source")
# its kinds, vocabularies, collation, licence and editors: edition-profile.yaml, beside this file

# --- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = short_title
html_static_path = ["_static"]
templates_path = ["_templates"]  # theme fixes for accessibility (search label, sidebar landmark)
html_css_files = ["site.css"]
html_last_updated_fmt = "%-d %B %Y"  # the edition's date (edition_date: the last commit), never the build's
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = True
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "navbar_persistent": [],  # one search box: the sidebar's (the header repeated it on wide screens)
}
# the theme's sidebar, with our navigation (_templates/edition-sidebar-nav-bs.html) in place of sbt-sidebar-nav.html
html_sidebars = {
    "**": ["navbar-logo.html", "icon-links.html", "search-button-field.html", "edition-sidebar-nav-bs.html"],
}
html_context = {"default_mode": "auto"}  # the reader's system setting, until the reader chooses

# --- PDF (xelatex; fonts and settings from research/toolchain.md) -----------------------------
latex_engine = "xelatex"
latex_documents = [(root_doc, "kazakh-cinema-edition.tex", project, author, "manual")]
latex_use_xindy = False
latex_domain_indices = False
latex_show_urls = "no"
today_fmt = "%-d %B %Y"  # the edition's date style, as on the HTML pages
edition_print_front = ["principles"]
edition_print_back = ["annotations/index", "map", "timeline", "bibliography", "citing", "licence", "colophon"]
edition_keywords = ["critical edition", "Kazakh cinema", "Kazakhstan", "news reports", "Emir Baigazin",
                    "Xian Xinghai", "Bakhytzhan Baikadamov", "TEI"]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf,UprightFont=*,ItalicFont=*Italic,BoldFont=*Bold,BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf,UprightFont=*,ItalicFont=*Oblique,BoldFont=*Bold,BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Extension=.otf,UprightFont=*,ItalicFont=*Oblique,BoldFont=*Bold,BoldItalicFont=*BoldOblique,Scale=0.9]
""",
    "preamble": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK SC}
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}
\xeCJKDeclareCharClass{Default}{"00B7, "2013, "2014, "2018 -> "201D, "2026}
\setotherlanguage{russian}
% Arabic-script Kazakh (a register's transliterations): FreeSerif with Arabic shaping, so that letters join
\newfontfamily\editionarabic{FreeSerif}[Extension=.otf,UprightFont=*,Script=Arabic]
\def\editionrtlfont{\editionarabic}
\setlength{\marginparwidth}{1.6cm}
\setlength{\emergencystretch}{3em}
\raggedbottom
% a repeated note mark prints its number only: a page number here can make the layout oscillate
\renewcommand\sphinxthefootnotemark[2]{#1}
""",
    "sphinxsetup": "hmargin={2.6cm,3.2cm}, vmargin={2.6cm,2.8cm}, marginpar=1.6cm",
    "fncychap": r"\usepackage[Sonny]{fncychap}",
    "extraclassoptions": "openany",
}

# --- links ----------------------------------------------------------------------------------
linkcheck_timeout = 10
linkcheck_retries = 1
linkcheck_workers = 4

# --- EPUB 3 (Sphinx's epub builder; nox -s docs checks it with epubcheck) ----------------------
epub_basename = "kazakh-cinema-edition"
epub_title = project
epub_author = author  # dc:creator: the editors, as the title page and "How to cite" name them
epub_publisher = author
epub_contributor = "The project team: research, transcription, markup, annotation and software"  # the colophon
epub_description = (
    f"A critical edition of {texts.count_words} English-language reports on Kazakh film, {texts.year_range}"
)
epub_copyright = (  # dc:rights
    f"{copyright}. Editorial content: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). "
    "The source texts are not covered by that licence and remain the property of their publishers."
)
# the book's identifier never changes between releases (dcterms:modified tells releases apart);
# fixed once, from uuid5(NAMESPACE_URL, "kazakh-cinema-edition"), never random. Sphinx writes epub_uid
# both as the identifier's XML id and as toc.ncx's dtb:uid, which must equal the identifier (NCX-001):
# so the two are the same UUID, which starts with a letter and is therefore also a valid XML id
epub_identifier = epub_uid = "c5292ff2-c021-5a5e-b795-3d121eb5bced"
epub_scheme = "uuid"
epub_theme = "epub"  # no JavaScript, no remote resources; the reading text is shown, the view switch is web-only
epub_show_urls = "inline"  # a link's address in brackets when its text does not show it (Wikidata Q232 ...)
epub_tocdepth = 2
epub_use_index = True
