extensions = ["myst_parser", "critical_edition"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
latex_engine = "xelatex"
myst_enable_extensions = ["colon_fence"]
bibtex_reference_style = "author_year"
