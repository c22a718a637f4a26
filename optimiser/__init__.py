"""optimiser: exact, explained allocation of a grant envelope among industrial projects."""

from functools import cache


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # 30 ms of imports: only when a version is asked

    try:
        return version("optimiser")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'optimiser' has no attribute {name!r}")
