"""The Sphinx layer: markup, transforms, writers and builders over the pure core.

One package per feature, each with its nodes, roles and directives, writers and checks: ``register`` (the
entities, their mentions and pages), ``editorial`` (the editorial roles), ``apparatus`` (the apparatus and the
witness's views), ``citation`` (citing sources and citing the edition), ``print`` (the PDF and the EPUB),
``tei`` (the TEI export) and ``exports`` (open data, the timeline and the map). The modules beside them are what
the features share (the domain, the text's shared markup, the writers, reporting, the settings, the guards on
the input) and ``extension``, which registers everything in order.
"""
