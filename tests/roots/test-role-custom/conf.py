import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))  # the edition's own extension: its editorial role

extensions = ["myst_parser", "critical_edition", "deleted_role"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
latex_engine = "xelatex"
myst_enable_extensions = ["colon_fence"]
bibtex_reference_style = "author_year"
