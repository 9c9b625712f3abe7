"""A root whose links point at a local HTTP server; the test sets the ports (extlinks) at run time."""

extensions = ["sphinx.ext.extlinks"]
exclude_patterns = ["_build"]
# replaced by the test: {"served": ("http://127.0.0.1:<port>%s", None), "refused": ("http://127.0.0.1:<closed>%s", None)}
extlinks = {"served": ("http://127.0.0.1:9%s", None), "refused": ("http://127.0.0.1:9%s", None)}
linkcheck_anchors = True
linkcheck_timeout = 5
linkcheck_retries = 1
linkcheck_workers = 2
