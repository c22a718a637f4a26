"""Messages of the scenario file (`config.py`, `models.py`, `strict.py`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
