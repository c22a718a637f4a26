"""The words the terminal shows (command results, progress, errors), in French and English, `{key: {fr, en}}`."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
