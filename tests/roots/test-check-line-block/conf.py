project = "A Test Edition with a Poem"
extensions = ["myst_parser", "critical_edition"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
copyright = "2026, the editors"
version = "1"
