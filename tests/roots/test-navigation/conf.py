extensions = ["myst_parser", "critical_edition"]
edition_register_dir = "no-register"  # the navigation needs no register: every page is a plain page
bibtex_bibfiles: list[str] = []  # no sources
html_theme = "sphinx_book_theme"
html_theme_options = {"home_page_in_toc": True}
templates_path = ["_templates"]
# the theme's navigation (with hidden toctrees) and one without them, as the edition's own template asks for it
html_sidebars = {"**": ["sbt-sidebar-nav.html", "hidden-left-out-sidebar-nav-bs.html"]}
exclude_patterns = ["_build"]
