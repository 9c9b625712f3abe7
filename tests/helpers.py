"""Helpers shared by test modules (test modules never import each other)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def record_witness_digests(folder: Path) -> None:
    """Write SHA256SUMS for every witness in ``folder`` as the documented command does (sha256sum, run there)."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    result = subprocess.run(["sha256sum", *names], cwd=folder, capture_output=True, text=True, check=True)
    (folder / "SHA256SUMS").write_text(result.stdout, encoding="utf-8")
