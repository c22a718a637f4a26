"""PDF from a shipped Typst template and plain data: the only module that knows Typst.

The template reads the data as JSON (`sys.inputs.data`), so text is always text, never markup. Only the
fonts embedded in the typst package are used (no system font is looked up), and the document's date is the
request's: the same data gives the same bytes on every machine with the same typst version.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from ..errors import OptimiserError
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
        except typst.TypstError as exc:  # the template and its data are ours: a failure here is a bug
            raise OptimiserError(say("run_pdf_failed", error=exc)) from exc
