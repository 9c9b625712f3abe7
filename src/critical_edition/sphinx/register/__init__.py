"""The register in Sphinx: the entities a text mentions, their pages, and every way a reader finds them.

The modules: ``markup`` (the entity roles, ``{entity}`` and ``{register}``, the placeholders they leave),
``mentions`` (each mention recorded, noted at its first occurrence in a text, linked to its entity's page),
``pages`` (an annotation file made an entity page, the register's placeholders filled), ``render`` (the nodes
made from an entity's data: its gloss, its data block, its relations, a kind's list), ``resolve`` (the "mentioned
in" lists and the hover cards, which need every page) and ``name_index`` (the index of names in every script, on
the web and in the PDF).
"""
