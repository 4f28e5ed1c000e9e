"""The version of geokg, in one place: the package metadata (``pyproject.toml``) reads it from here."""

__version__ = "0.1.0"
