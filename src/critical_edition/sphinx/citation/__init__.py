"""Citing: how the edition cites its sources, and how a reader cites the edition.

The modules: ``cite_this`` (each page's citation record, embedded as metadata, written as CSL-JSON, BibTeX and RIS,
shown in the "cite this" box and by ``{edition-citation}``), ``csl`` (the record formatted by citeproc-py in the
official CSL styles) and ``csl_styles`` (those styles read into subclasses of citeproc-py's classes), and
``author_year`` (the sources cited by author and year, alike in the notes and in the bibliography's labels).
The citation of bib keys that other features print is ``sphinx/cite.py``'s.
"""
