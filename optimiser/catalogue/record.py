"""The words of the signed record (`optimiser proces-verbal`), in French and English, `{key: {fr, en}}`."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
}
