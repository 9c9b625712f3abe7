"""The extension's suite: small Sphinx projects (tests/roots, with the sphinx.testing fixtures), the pure core,
and the project's quick checks; nothing in it builds or reads the real edition."""
