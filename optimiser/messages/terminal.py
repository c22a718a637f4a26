"""Messages of the command line (`cli.py`): results, notes and usage, `{key: {fr, en}}` (see `messages`)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
