"""The edition's reconciliation table: every column documented on its downloads page and in its guide, every
entity with an id or a dated record of the search."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import csv_rows

from critical_edition.core import reconcile
from critical_edition.core.register import load_register
from critical_edition.profile import default_profile

ROOT = Path(__file__).parents[2]


def test_the_downloads_page_and_the_guide_document_every_column() -> None:
    downloads = (ROOT / "downloads.md").read_text(encoding="utf-8")
    for column, _ in reconcile.reconciliation_columns():
        assert f"`{column}`" in downloads, column
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert reconcile.RECONCILIATION_FILE in guide and "OpenRefine" in guide


def test_every_entity_of_the_edition_has_an_id_or_a_dated_record_of_the_search() -> None:
    register = load_register(ROOT / "annotations", ROOT)
    table = csv_rows(reconcile.to_reconciliation_csv(register))
    assert len(table) == len(register.entities)
    for row in table:
        known = any(row[reconcile.authority_column(a)] for a in default_profile().authorities)
        assert known or re.search(r"\b\d{4}-\d{2}-\d{2}\b", row["authority note"]), (
            f"{row['id']}: no authority id and no dated record of the search in authority_note"
        )
