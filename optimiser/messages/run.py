"""Messages of a run (`app/`, `process.py`, `errors.py`, `feasibility.py`, `allocation.py`, `comparison.py`,
`decision.py`, `milp/`, `report/`), `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
