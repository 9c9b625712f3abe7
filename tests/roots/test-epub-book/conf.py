extensions = ["myst_parser", "critical_edition"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["references.bib"]
project = "A Small Book: Its Subtitle"
author = "The editors of the Small Book"
version = release = "0.1"
copyright = epub_copyright = "2025, the editors"
edition_date = "2025-03-14"
today_fmt = "%d %B %Y"
# the book: the introduction, the preface, the texts (none here), the notes; "editing" is for editors only
edition_print_front = ["preface"]
edition_print_back = ["notes"]
