"""The apparatus and the witness's views: what the editors did to the text, and the source the text was made from.

The modules: ``interventions`` (the edited text's interventions recorded as each page is read, and the
``{apparatus}`` that lists them in the lemma form of critical editions) and ``diplomatic`` (the edited text
compared with its witness, character for character, and the diplomatic and side-by-side views with the witness's
capture record). The edited text itself (its numbered paragraphs) is ``sphinx/edited_text.py``'s, and the links
between an intervention and its entry in the reading view ``sphinx/reading.py``'s; each editorial role says what
its own entry holds (``sphinx/editorial/``).
"""
