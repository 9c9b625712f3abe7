"""The editors' reference lists every role and directive the extension registers, from the code itself."""

from __future__ import annotations

from pathlib import Path

from docutils.parsers.rst import directives, roles
from helpers import app_on_a_copy

from critical_edition.sphinx.files import READING_DIRECTIVES

ROOT = Path(__file__).parent / "roots" / "test-interventions"
PAGE = "# Reference\n\n```{edition-rules} roles\n```\n\n```{edition-rules} directives\n```\n"


def test_the_reference_lists_every_role_and_directive_of_the_extension(tmp_path: Path) -> None:
    with app_on_a_copy(ROOT, tmp_path / "src") as app:
        (Path(app.srcdir) / "reference.md").write_text("---\norphan: true\n---\n" + PAGE, encoding="utf-8")
        app.build()
        ours = {name for name, cls in directives._directives.items()
                if getattr(cls, "__module__", "").startswith("critical_edition.") and name not in READING_DIRECTIVES}
        our_roles = {name for name, role in roles._roles.items()
                     if type(role).__module__.startswith("critical_edition.")}  # fmt: skip
    html = (Path(app.outdir) / "reference.html").read_text(encoding="utf-8")
    assert {"edition-map", "edition-citation", "edited-text", "omitted"} <= ours
    assert {"person", "corr", "lang", "edition-fact"} <= our_roles
    missing = sorted(name for name in ours | our_roles if f"<dt>{{{name}}}" not in html)
    assert not missing, f"not in the reference: {missing}"
