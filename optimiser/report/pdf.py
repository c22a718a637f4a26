"""PDF from a shipped Typst template and plain data: the only module that knows Typst.

The template reads the data as JSON (`sys.inputs.data`), so text is always text, never markup. Only the
fonts embedded in the typst package are used (no system font is looked up), and the document's date is the
request's: the same data gives the same bytes on every machine with the same typst version.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

from ..errors import InputError, OptimiserError
from ..messages import say


def compile_template(name: str, data: dict, day: str) -> bytes:
    """The PDF of template `name` (in data/record/) filled with `data`, dated `day` (AAAA-MM-JJ)."""
    import typst

    folder = resources.files("optimiser") / "data" / "record"
    inputs = {"data": json.dumps(data, ensure_ascii=False), "date": dt.date.fromisoformat(day).isoformat()}
    with resources.as_file(folder) as root:
        try:
            return typst.compile(str(root / name), root=str(root), sys_inputs=inputs, ignore_system_fonts=True,
                                 pdf_standards=["a-2b"])
        except typst.TypstError as exc:
            missing = _GLYPH.search(str(exc))
            if missing:  # a character of the data (a name, a reason) that no embedded font draws
                raise InputError(say("run_pdf_glyph", character=missing.group(1),
                                     where=" ; ".join(_holding(data, missing.group(1))))) from None
            raise OptimiserError(say("run_pdf_failed", error=exc)) from exc  # the template is ours: a bug


_GLYPH = re.compile(r'the text `"(.+?)"` could not be displayed')


def _holding(data: object, character: str) -> list[str]:
    """The texts of the record that hold `character` (at most three, shortened)."""
    found: list[str] = []

    def walk(item: object) -> None:
        if isinstance(item, str) and character in item and item not in found:
            found.append(item if len(item) <= 80 else item[:77] + "…")
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(data)
    return found[:3]
