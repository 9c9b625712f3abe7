"""Guards on the input files, before Sphinx and sphinxcontrib-bibtex read them.

A broken references.bib or a page that is not UTF-8 would otherwise stop the build with a
traceback, and a source URL such as ``javascript:`` would become a link in the pages. Each is
reported as a warning with file and line, and kept out of the build.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from .checks import config_problems, url_problems
from .collector import warn
from .model import Problem
from .register import read_bibliography

EMPTY_BIB = Path(__file__).parent / "empty.bib"
LENIENT_UTF8 = "edition_utf_8_replace"
"""A codec that reads UTF-8 (with or without BOM) and turns undecodable bytes into U+FFFD."""


def _lenient_utf8(name: str) -> codecs.CodecInfo | None:
    if name != LENIENT_UTF8:
        return None
    utf8 = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=LENIENT_UTF8,
        encode=utf8.encode,
        decode=lambda data, errors="strict": utf8.decode(data, "replace"),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=lambda errors="strict": utf8.incrementaldecoder("replace"),  # type: ignore[misc, arg-type]
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_lenient_utf8)


def _where(app: Sphinx, problem: Problem) -> str:
    return f"{Path(app.srcdir, problem.path).as_posix()}:{problem.line or 1}"


def check_bibliographies(app: Sphinx) -> None:
    """Report unreadable BibTeX files and unsafe URLs; give sphinxcontrib-bibtex only readable files."""
    readable: list[str] = []
    unsafe: set[str] = set()
    for name in app.config.bibtex_bibfiles:
        bib = read_bibliography(Path(app.srcdir, name), name)
        for problem in bib.problems:
            warn(problem, _where(app, problem))
        if not bib.problems:
            readable.append(name)
        for problem in url_problems(bib.urls, name):
            warn(problem, _where(app, problem))
            unsafe.add(problem.message.split("'")[1])
    app.config.bibtex_bibfiles = readable or [str(EMPTY_BIB)]
    app.env.edition_unsafe_urls = unsafe  # type: ignore[attr-defined]


def check_configuration(app: Sphinx, config: Config) -> None:
    """Report an edition setting of conf.py that has no meaning, at its line; use the default instead."""
    conf = Path(app.confdir, "conf.py")
    try:
        text = conf.read_text(encoding="utf-8", errors="replace")
    except OSError:  # no conf.py (sphinx-build -C): the value comes from the command line
        text = ""
    try:
        shown = conf.resolve().relative_to(Path(app.srcdir).resolve()).as_posix()
    except ValueError:
        shown = conf.as_posix()
    for problem in config_problems(config.edition_orphans, shown, text):
        warn(problem, f"{conf.as_posix()}:{problem.line}" if problem.line else conf.as_posix())
        config.edition_orphans = "warning"


def drop_unsafe_urls(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remove the URLs reported as unsafe, so that they never become links."""
    unsafe: set[str] = getattr(env, "edition_unsafe_urls", set())
    if not unsafe:
        return
    entries = env.get_domain("cite").bibdata.data.entries  # type: ignore[attr-defined]
    for key in unsafe:
        if key in entries:
            entries[key].fields.pop("url", None)


def report_undecodable_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report pages that are not UTF-8, with the line of the first bad byte; they are read leniently."""
    env.settings["input_encoding"] = LENIENT_UTF8  # no crash: bad bytes become U+FFFD, and the warning fails -W
    register_prefix = app.config.edition_register_dir + "/"
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as err:
            if not docname.startswith(register_prefix):  # the register reports its own files
                line = path.read_bytes()[: err.start].count(b"\n") + 1
                problem = Problem(
                    "bad-encoding", f"{path.name} is not valid UTF-8", str(path), line, "save the file as UTF-8"
                )
                warn(problem, f"{path.as_posix()}:{line}")
        except OSError:
            continue


def setup(app: Sphinx) -> None:
    """Connect the guards: on the configuration, before sphinxcontrib-bibtex reads its files, before pages are read."""
    app.connect("config-inited", check_configuration)
    app.connect("builder-inited", check_bibliographies, priority=400)
    app.connect("env-before-read-docs", drop_unsafe_urls)
    app.connect("env-before-read-docs", report_undecodable_pages)
