"""The edition's data for readers and machines: the downloads, the timeline and the map, the texts' overview.

The modules: ``data`` (the register written as JSON, CSV, JSON-LD and a table for reconciliation when an HTML
build ends, with ``{edition-downloads}`` documenting them from the code; ``{edition-timeline}``, every dated fact
and every text's publication in order; ``{edition-texts}``, a card for each edited text) and ``figures`` (the map
of places, ``{edition-map}``). A book draws the same pictures without links (``print/pictures``); the TEI files
are ``tei/``'s, the citation files ``citation/``'s.
"""
