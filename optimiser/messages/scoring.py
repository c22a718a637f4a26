"""Messages of the grid and its rules (`territory.py`, `expressions.py`, `scoring.py`, `rules.py`,
`identifiers.py`, `state_aid.py`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
