extensions = ["myst_parser", "critical_edition"]
exclude_patterns = ["_build"]
bibtex_bibfiles = ["references.bib"]
latex_engine = "xelatex"  # as the edition: the marks stay Unicode in the .tex
