"""The books: the PDF through LaTeX and the EPUB, the same book in the same order.

The modules: ``latex`` (the texts set as critical editions are set, with reledmac: numbered lines, the apparatus
at the foot of the page, the critical notes after the text; the title pages and the indices; the package the build
writes), ``book`` (the book's transforms: its order, note marks numbered through a chapter, names kept whole, the
bibliography in place), ``epub`` (the EPUB builder: the PDF's pages in the PDF's order, a cover and a title page,
a reproducible archive), ``pictures`` (the map and the timeline as figures of a book) and ``register_lists`` (the
register's data blocks and lists set compact in print). What is web-only is left out by ``domain.builds_web_pages``.
"""
