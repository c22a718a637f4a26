"""Bytes -> a grid of cells: the CSV reader (encodings, separators, comment and metadata lines).

A `Grid` is what both readers (CSV here, XLSX in `xlsx`) hand on: cells without meaning yet.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..messages import number, say
from .cells import MAX_CELL_CHARS

_METADATA = re.compile(r"#\s*([\w.-]+)\s*:\s*(.*)")
_BLANK = re.compile(r"[\s;,]*")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
_EXCEL_TEXT = re.compile(r'="(.*)"', re.DOTALL)  # Excel's way of forcing text in a CSV: ="007"


@dataclass
class Grid:
    """The file's cells, column by column, before any meaning is given to them."""

    headers: list[str]
    labels: list[str]                  # how to name a column without a header: "E" or "5"
    cells: list[list[object]]          # per column; CSV: str only; XLSX: str, int, float, bool, date, None
    rows: np.ndarray                   # the row number the user sees, per data row
    header_row: int
    text_only: bool
    metadata: dict[str, str] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row or 0, message) found while reading
    notes: list[str] = field(default_factory=list)                 # what was read differently, and why


def read_csv(raw: bytes, name: str) -> Grid:
    """Decode, find comments and header, and split into cells with their physical line numbers."""
    text = _decode(raw, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start, comments, separator = _preamble(lines)
    if start == len(lines):
        raise InputError(say("load_only_comments", name=name) if comments else say("load_empty_file", name=name))
    header_line = start + 1
    separator = separator or _detect_separator(lines[start])
    metadata = metadata_of(_unquote_comments(comments, separator))
    headers, records, rows, problems = _records(lines[start:], separator, header_line, name)
    if not records:
        raise InputError(say("load_no_data_rows", name=name, line=header_line))
    cells = [list(column) for column in zip(*records, strict=False)]
    for column in cells:
        if '="' in "\x00".join(column):
            column[:] = [_unwrap_excel_text(c) for c in column]
    return Grid(headers, [str(j + 1) for j in range(len(headers))], cells, np.asarray(rows, dtype=np.int64),
                header_line, True, metadata, problems)


def _preamble(lines: list[str]) -> tuple[int, list[str], str | None]:
    """Where the header line is, the comment lines before it, and Excel's `sep=` hint if any."""
    comments: list[str] = []
    separator: str | None = None
    start = 0
    while start < len(lines):
        line = lines[start].strip()
        if _BLANK.fullmatch(line):
            pass
        elif line.startswith(("#", '"#')):
            comments.append(line)
        elif separator is None and not comments and re.fullmatch(r"sep=.", line, re.I):
            separator = lines[start].strip()[4]  # Excel's separator hint, before anything else
        else:
            break
        start += 1
    return start, comments, separator


def _records(lines: list[str], separator: str, header_line: int, name: str
             ) -> tuple[list[str], list[list[str]], list[int], list[tuple[int, str]]]:
    """Headers, then the non-empty records cut or padded to the header's width, with their line numbers."""
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=separator, strict=True)
    try:
        records: list[list[str]] = []
        rows: list[int] = []
        problems: list[tuple[int, str]] = []
        last = 0
        headers = [h.strip() for h in next(reader)]
        width = len(headers)
        last = reader.line_num
        for fields in reader:
            row = header_line + last
            last = reader.line_num
            if not "".join(fields).strip():
                continue
            if len(fields) != width:
                if len(fields) < width:
                    fields += [""] * (width - len(fields))
                else:
                    if "".join(fields[width:]).strip():
                        problems.append((row, say("load_too_many_fields", count=len(fields), width=width,
                                                  separator=_show_separator(separator))))
                    fields = fields[:width]
            records.append(fields)
            rows.append(row)
    except csv.Error as exc:
        line = header_line + last  # where the record that failed starts
        if "field larger than field limit" in str(exc):
            raise InputError(say("load_csv_cell_too_long", name=name, line=line, limit=number(csv.field_size_limit()),
                                 excel=number(MAX_CELL_CHARS))) from None
        raise InputError(say("load_csv_unreadable", name=name, line=line, error=exc)) from None
    return headers, records, rows, problems


def _unwrap_excel_text(cell: str) -> str:
    """`="007"` is how Excel forces text into a CSV cell: the cell reads 007, as Excel shows it."""
    match = _EXCEL_TEXT.fullmatch(cell.strip())
    return match[1].replace('""', '"') if match else cell


def _decode(raw: bytes, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252; binary files get a clear refusal."""
    if not raw.strip():
        raise InputError(say("load_empty_file", name=name))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(say("load_utf16_broken", name=name)) from None
    if raw.startswith(b"PK\x03\x04"):
        raise InputError(say("load_zip_not_csv", name=name))
    head = raw[:8192]
    if b"\x00" in head:
        if head.count(b"\x00") * 3 > len(head):  # every other byte is 0: UTF-16 text without its mark
            raise InputError(say("load_utf16_no_bom", name=name))
        raise InputError(say("load_binary", name=name))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _UTF8_SEQUENCE.search(raw):  # accents in UTF-8 elsewhere: reading it all as Windows-1252 garbles them
            line = raw[:exc.start].count(b"\n") + 1
            raise InputError(say("load_mixed_encodings", name=name, line=line, byte=f"{raw[exc.start]:02x}")) from None
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(say("load_unknown_encoding", name=name, byte=f"{body[exc.start]:02x}",
                             position=exc.start + len(raw) - len(body))) from None


def _detect_separator(header: str) -> str:
    """The most frequent of ; tab , outside quotes on the header line (ties in that order)."""
    counts = {";": 0, "\t": 0, ",": 0}
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda sep: counts[sep])  # max keeps the first of equal counts


def _show_separator(separator: str) -> str:
    return say("load_separator_tab") if separator == "\t" else f"'{separator}'"


def _unquote_comments(comments: list[str], separator: str) -> list[str]:
    """Comment lines as Excel saves them: maybe quoted, maybe padded with separators."""
    result = []
    for comment in comments:
        fields = next(csv.reader([comment], delimiter=separator), [""])
        result.append(separator.join(fields).rstrip(separator + " \t"))
    return result


def metadata_of(comments: Iterable[str]) -> dict[str, str]:
    """`# key: value` comment lines (a one-word key, lowercased); prose comments are ignored."""
    found: dict[str, str] = {}
    for text in comments:
        match = _METADATA.fullmatch(text.strip())
        if match:
            found[match[1].strip().lower()] = match[2].strip()
    return found
