"""``{command-help} check``: what ``critical-edition check --help`` prints, run when the manual is built.

The manual's page on the command line is made from the command itself, so it cannot drift from it. Without an
argument the directive prints the help of the command as a whole.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from critical_edition import cli

WIDTH = "88"
"""The width argparse wraps the help to: fixed, so that the page is the same on every terminal and in CI."""


@contextlib.contextmanager
def _columns(width: str) -> Iterator[None]:
    """argparse wraps its help to the terminal's width, which it reads from COLUMNS."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = width
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def command_help(*command: str) -> str:
    """The text ``critical-edition COMMAND --help`` prints."""
    printed = io.StringIO()
    with _columns(WIDTH), contextlib.redirect_stdout(printed), contextlib.suppress(SystemExit):
        cli.main([*command, "--help"])
    return printed.getvalue()


class CommandHelp(SphinxDirective):
    """The help of one command of ``critical-edition`` (none: the help of the whole), as a literal block."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        text = command_help(*self.arguments).rstrip()
        if not text:
            raise self.error(f"'critical-edition {' '.join(self.arguments)} --help' printed nothing")
        return [nodes.literal_block(text, text, language="text")]


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("command-help", CommandHelp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
