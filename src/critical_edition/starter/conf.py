"""Sphinx configuration of the edition (written by ``critical-edition new``; edit it freely)."""

project = "A New Edition"
author = "The editors"
copyright = "2026, the editors"  # fixed: a reproducible build prints no wall-clock year
version = release = "0.1"
language = "en"

extensions = ["myst_parser", "sphinxcontrib.bibtex", "critical_edition"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", ".*", "**/.*", "README.md", "tests", "witnesses"]
# never "substitution": it renders pages as Jinja2 templates, and pages are data (the extension refuses it)
myst_enable_extensions = ["colon_fence", "deflist", "attrs_block"]
nitpicky = True

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "author_year_labels"
bibtex_reference_style = "author_year_short_title"
bibtex_foot_reference_style = "foot"

edition_register_dir = "annotations"
edition_orphans = "warning"
edition_verification_records = True  # every source says how it was verified (its annote)

# --- HTML -----------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_last_updated_fmt = "%d %B %Y"  # from SOURCE_DATE_EPOCH when set: reproducible
html_show_sourcelink = False
html_copy_source = False

# --- PDF (xelatex; FreeSerif from Debian's fonts-freefont-otf, reledmac from texlive-humanities) -----
latex_engine = "xelatex"
latex_documents = [(root_doc, "edition.tex", project, author, "manual")]
latex_use_xindy = False
latex_domain_indices = False
latex_show_urls = "no"
today_fmt = "%d %B %Y"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf,UprightFont=*,ItalicFont=*Italic,BoldFont=*Bold,BoldItalicFont=*BoldItalic]
\setsansfont{FreeSans}[Extension=.otf,UprightFont=*,ItalicFont=*Oblique,BoldFont=*Bold,BoldItalicFont=*BoldOblique]
\setmonofont{FreeMono}[Extension=.otf,UprightFont=*,ItalicFont=*Oblique,BoldFont=*Bold,BoldItalicFont=*BoldOblique,Scale=0.9]
""",
    "preamble": r"""
\setlength{\emergencystretch}{3em}
\raggedbottom
""",
    "extraclassoptions": "openany",
}

# --- EPUB 3 (nox -s docs checks it with EPUBCheck) ---------------------------------------------
epub_basename = "edition"
epub_title = project
epub_author = epub_publisher = author
epub_copyright = copyright
# the book's identifier, fixed when the edition was made: it must never change between releases. Sphinx writes
# epub_uid both as an XML id and as toc.ncx's dtb:uid, which must equal the identifier: a UUID that starts
# with a letter is both
epub_identifier = epub_uid = "EPUB-IDENTIFIER"
epub_scheme = "uuid"
epub_theme = "epub"  # no JavaScript, no remote resources
epub_show_urls = "inline"
epub_tocdepth = 2
epub_use_index = True
