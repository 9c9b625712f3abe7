"""Helpers shared by test modules (test modules never import each other)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
EPOCH = "1795219200"  # 2026-11-21: a fixed SOURCE_DATE_EPOCH, so that builds are reproducible


def sphinx_build(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build as a user would (no colour, a fixed release date), and capture what it prints."""
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    # make mode (-M) must come first; --no-color keeps messages free of escape codes in CI
    ordered = [*map(str, args), "--no-color"] if args and args[0] == "-M" else ["--no-color", *map(str, args)]
    return subprocess.run([sys.executable, "-m", "sphinx", *ordered], capture_output=True, text=True,
                          env=full_env, check=False)


def record_witness_digests(folder: Path) -> None:
    """Write SHA256SUMS for every witness in ``folder`` as the documented command does (sha256sum, run there)."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    result = subprocess.run(["sha256sum", *names], cwd=folder, capture_output=True, text=True, check=True)
    (folder / "SHA256SUMS").write_text(result.stdout, encoding="utf-8")


def pages(html_dir: Path) -> list[Path]:
    """Every HTML page of a build, without the theme's files in _static."""
    return sorted(p for p in html_dir.rglob("*.html") if p.relative_to(html_dir).parts[0] != "_static")


def require(found: bool, reason: str) -> None:
    """Skip when a tool is missing on a developer's machine; in CI (CI set) a missing tool is a failure."""
    import pytest

    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must have it (nox -s tests installs it)")
        pytest.skip(reason)


def between(text: str, start: str, end: str) -> str:
    """The part of a page from the first ``start`` to the first ``end`` after it (``end`` left out); a missing
    marker raises ValueError, so a test fails on it."""
    part = text[text.index(start) :]
    return part[: part.index(end)]
