"""Messages of the candidates file (`loading/`, `identifiers.py`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
