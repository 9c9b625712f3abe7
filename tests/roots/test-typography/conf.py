project = "A Test Edition of Typography"
extensions = ["myst_parser", "critical_edition"]
bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "author_year_labels"
bibtex_reference_style = "author_year_short_title"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
