"""Shared fixtures: sphinx.testing, the test roots and the real edition."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the test roots are (sphinx.testing convention: roots/test-NAME)."""
    return Path(__file__).parent / "roots"
