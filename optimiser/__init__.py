"""optimiser: exact, explained allocation of a grant envelope among industrial projects."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("optimiser")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
