"""The edition profile in a build: read once when the configuration is, reported where it is wrong, made active.

``edition_profile`` names the edition's profile (default ``edition-profile.yaml`` beside conf.py; none there,
the shipped defaults). It is read at ``config-inited``, before anything that reads the profile (the editors and
the title page, the register, the roles of the text), so that every later event sees one profile: see the
docstring of ``critical_edition.profile`` for why it is one accessor and not a parameter.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils.parsers.rst import roles
from sphinx.application import Sphinx
from sphinx.config import Config

from .. import profile as edition_profile
from ..core.checks import assignment_line
from ..core.model import Problem
from ..core.paths import display_path, is_inside, outside_hint
from .inputs import conf_file
from .register.markup import EntityRole, entity_roles
from .report import report


def profile_path(app: Sphinx, config: Config) -> Path:
    """The file ``edition_profile`` names, relative to the folder of conf.py."""
    return Path(app.confdir, config.edition_profile)


def read_profile(app: Sphinx, config: Config) -> None:
    """Read the edition's profile, report what is wrong at its line, make it the build's profile (the defaults
    if it cannot be used), and give the text a role for each of its kinds."""
    root = Path(app.srcdir)
    path = profile_path(app, config)
    given = config.edition_profile != edition_profile.PROFILE_FILE
    found = edition_profile.default_profile()
    if not is_inside(path, root):
        shown, text = conf_file(app)
        line = None if "edition_profile" in config.overrides else assignment_line("edition_profile", text)
        report(Problem("outside-file", f"edition_profile leads outside the project: {config.edition_profile}",
                       shown if line else "", line, outside_hint(path)), root)  # fmt: skip
    elif path.is_file():
        registered = {**roles._role_registry, **roles._roles}  # type: ignore[attr-defined]
        taken = {name for name, role in registered.items() if not isinstance(role, EntityRole)}
        found, invalid = edition_profile.load_profile(path, taken)
        for problem in invalid:
            report(Problem("profile", problem.message, display_path(path, root), problem.line, problem.hint), root)
    elif given:
        shown, text = conf_file(app)
        report(Problem("profile", f"edition_profile names {config.edition_profile}, which is not a file",
                       shown, assignment_line("edition_profile", text), "give the path of the profile relative "
                       "to conf.py, or leave the setting out for edition-profile.yaml"), root)  # fmt: skip
    edition_profile.activate(found)
    config.edition_profile_digest = hashlib.sha256(found.model_dump_json().encode()).hexdigest()
    for name, role in entity_roles().items():
        app.add_role(name, role, override=True)


def forget_profile(app: Sphinx, exception: Exception | None) -> None:
    """The defaults again once the build is over, for whatever runs next in the same process."""
    edition_profile.activate(None)


def setup(app: Sphinx) -> None:
    """Read the profile (``edition_profile``, declared with the other settings) first of all when the configuration
    is read: the editors, the title page and the roles of the text need it. The profile's digest is a setting that
    no one sets: Sphinx reads every page again when it changes, as when conf.py does."""
    app.add_config_value("edition_profile_digest", "", "env", str)
    app.connect("config-inited", read_profile, priority=100)
    app.connect("build-finished", forget_profile, priority=900)
