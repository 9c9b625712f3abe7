"""The edition's data across documents: which pages to read and write again, and the checks of the whole.

What each document holds is recorded while Sphinx reads it (``edited_text``, ``apparatus/interventions``,
``register/mentions``) in the domain, which forgets and merges it per document.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..core.bibliography import entry_lines
from ..core.checks import check_all, cited_keys, evidence_problems, source_record_problems, unknown_source_problem
from ..core.model import Problem
from ..core.witness import DIGESTS_FILE, digest_problems
from .domain import bib_entries, edition_data, edition_domain, edition_register, entity_docname, entity_pages
from .report import project_path, report


def outdated_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the documents that mention an entity whose file changed, and the register lists."""
    prefix = env.config.edition_register_dir + "/"
    entity_docs = entity_pages(env, added | changed | removed)
    if not entity_docs:
        return []
    ids = {d.rsplit("/", 1)[1] for d in entity_docs}
    data = edition_data(env)
    readers = {doc for doc, ms in data.mentions.items() if any(m.entity_id in ids for m in ms)}
    listings = {doc for doc in env.found_docs if doc.startswith(prefix) and doc.count("/") == 1}
    # an entity's page lists the relations pointing to it: re-read pages related to a changed entity
    register = edition_register(env)
    related = {f"{prefix}{e.kind}/{e.id}" for e in register for r in e.relations if r.target in ids}
    related |= {
        f"{prefix}{t.kind}/{t.id}"
        for i in ids
        if (e := register.get(i))
        for r in e.relations
        if (t := register.get(r.target))
    }
    return sorted(((readers | listings | related) & env.found_docs) - added - changed)


def updated_documents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Re-write the pages of entities whose mentions changed ("mentioned in" lists)."""
    data = edition_data(env)
    register = edition_register(env)
    data.forget_removed()
    pages = [entity_docname(env, e) for i in sorted(data.touched) if (e := register.get(i))]
    data.touched = set()
    return [p for p in pages if p in env.found_docs]


def unknown_cited_keys(env: BuildEnvironment, keys: set[str]) -> list[Problem]:
    """``{cite}`` keys of the pages (a note of a text) that are not in the bibliography, with a suggestion (which
    sphinxcontrib-bibtex's ``bibtex.key_not_found`` lacks); the register's own are checked with its files."""
    register_prefix = env.config.edition_register_dir + "/"
    unknown: dict[str, set[str]] = {}
    for ref in getattr(env.get_domain("cite"), "citation_refs", []):
        if not ref.docname.startswith(register_prefix):
            unknown.setdefault(ref.docname, set()).update(t.key for t in ref.targets if t.key not in keys)
    problems = []
    for docname, missing in sorted(unknown.items()):
        path = Path(env.doc2path(docname))
        try:  # the role's line: the cite domain records the document's current line, not the role's
            cited = cited_keys(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            cited = []
        lines = {key: line for key, line in reversed(cited)}
        shown = project_path(env.srcdir, path)
        problems += [unknown_source_problem(key, keys, shown, lines.get(key)) for key in sorted(missing)]
    return problems


def report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Run every check over the register, the mentions, the texts and their sources; report problems as warnings."""
    edition_domain(env).mention_index = None
    register = edition_register(env)
    data = edition_data(env)
    entries = {key: {f.lower(): str(v) for f, v in e.fields.items()} for key, e in bib_entries(env).items()}
    keys = set(entries)
    texts = [text for _, text in sorted(data.articles.items())]
    interventions = [iv for doc in sorted(data.interventions) for iv in data.interventions[doc]]
    entry_places = {
        key: place
        for name in app.config.bibtex_bibfiles
        for key, place in entry_lines(Path(app.srcdir, name), project_path(app.srcdir, Path(app.srcdir, name))).items()
    }
    problems = check_all(register, data.all_mentions(), keys, app.config.edition_orphans)
    problems += evidence_problems(interventions, keys, lambda doc: project_path(app.srcdir, env.doc2path(doc)))
    problems += [unknown_source_problem(t.source, keys, t.path, t.line) for t in texts if t.source not in keys | {""}]
    problems += unknown_cited_keys(env, keys)
    problems += source_record_problems(texts, entries, entry_places, app.config.edition_verification_records)
    for folder in sorted({Path(text.witness).parent for text in texts if text.witness}):
        sums = Path(app.srcdir, folder, DIGESTS_FILE)
        problems += digest_problems(sums, (folder / DIGESTS_FILE).as_posix(), Path(app.srcdir))
    for problem in problems:
        report(problem, app.srcdir)
