project = "A Test Edition with Objects"
author = "The editors of the Test Edition"
version = release = "1.0"
copyright = "2025, the editors"
language = "en"
extensions = ["myst_parser", "critical_edition"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
edition_date = "2025-03-14"
latex_documents = [("index", "objects.tex", project, author, "manual")]
latex_engine = "xelatex"
latex_use_xindy = False
latex_domain_indices = False
latex_elements = {"fontpkg": r"\setmainfont{FreeSerif}[Extension=.otf,UprightFont=*,ItalicFont=*Italic,"
                             r"BoldFont=*Bold,BoldItalicFont=*BoldItalic]"}  # Cyrillic names too
