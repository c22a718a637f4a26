"""The HTML the reports are made of: escaped text, tags, tables, sections, cards, the style sheet and the
page around them. Self-contained pages: no script, no font or file fetched, printable."""

from __future__ import annotations

import html

from .. import __version__
from ..allocation import Allocation
from ..catalogue import reason_text, t
from ..formatting import fmt_eur, fmt_num
from ..reasons import Reason


class Html(str):
    """Text that is already HTML (escaped where needed): written as it is."""


def esc(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=False))


def join(*parts: object) -> Html:
    return Html("".join(esc(p) for p in parts))


def tag(name: str, content: object, cls: str = "", **attrs: str) -> Html:
    attributes = (f' class="{cls}"' if cls else "") + "".join(
        f' {k.rstrip("_").replace("_", "-")}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return Html(f"<{name}{attributes}>{esc(content)}</{name}>")


def table_html(headers: list[object], rows: list[list[object]], numeric: set[int] = frozenset(),
           row_classes: list[str] | None = None, cell_classes: dict[tuple[int, int], str] | None = None,
           cls: str = "", text: set[int] = frozenset()) -> Html:
    """A table; the columns in `numeric` are right-aligned figures, those in `text` get room for words."""
    cell_classes = cell_classes or {}

    def cell_class(r: int | None, c: int) -> str:
        names = (["num"] if c in numeric else []) + (["text"] if c in text else []) \
            + ([cell_classes[(r, c)]] if (r, c) in cell_classes else [])
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f'<th scope="col"{cell_class(None, c)}>{esc(h)}</th>' for c, h in enumerate(headers))
    body = []
    for r, row in enumerate(rows):
        row_cls = f' class="{row_classes[r]}"' if row_classes and row_classes[r] else ""
        cells = "".join(f"<td{cell_class(r, c)}>{esc(v)}</td>" for c, v in enumerate(row))
        body.append(f"<tr{row_cls}>{cells}</tr>")
    table_cls = f' class="{cls}"' if cls else ""
    return Html(f'<div class="table-wrap"><table{table_cls}><thead><tr>{head}</tr></thead>\n<tbody>\n'
                + "\n".join(body) + "\n</tbody></table></div>\n")


def section(title: str, *content: object, id_: str = "") -> Html:
    ident = f' id="{id_}"' if id_ else ""
    return Html(f"<section{ident}>\n<h2>{esc(title)}</h2>\n" + "".join(esc(c) for c in content) + "</section>\n")


def para(content: object, cls: str = "") -> Html:
    return Html(tag("p", content, cls) + "\n")


def chart(svg: str) -> Html:
    return Html(f'<figure class="chart-figure">\n{svg}</figure>\n')


def synthetic_banner(lang: str) -> Html:
    return Html(f'<p class="banner synthetic" role="note"><strong>{esc(t("synthetic_title", lang))}</strong> '
                f'{esc(t("synthetic_text", lang))}</p>\n')


def reason_cell(reason: Reason, lang: str) -> Html:
    """The sentence that explains an outcome, in the page's language."""
    return esc(reason_text(reason, lang))


def card(value: str, label: str, detail: str = "") -> Html:
    extra = f'<span class="card-detail">{esc(detail)}</span>' if detail else ""
    return Html(f'<div class="card"><span class="card-value">{esc(value)}</span>'
                f'<span class="card-label">{esc(label)}</span>{extra}</div>\n')


def dl(items: list[tuple[str, object]]) -> Html:
    return Html("<dl class=\"facts\">\n" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>\n" for k, v in items)
                + "</dl>\n")


def epci_name(alloc: Allocation, siren: str) -> str:
    return next((e.name for e in alloc.territory.epcis if e.siren == siren), siren)


def priority_label(alloc: Allocation, key: str) -> str:
    return next((p.label for p in alloc.territory.priorities if p.key == key), key)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def rule_unit(measure: str, lang: str):
    """How a rule's activity and bounds read: euros, projects, or a column's total."""
    if measure == "eur":
        return lambda v: fmt_eur(v, lang)
    return lambda v: fmt_num(v, 0 if measure == "projects" else 1, lang)



CSS = """
:root {
  --ink: #111111; --muted: #4d4d4d; --line: #c4c4c4; --head: #0b3a66; --zebra: #f1f4f8;
  --warn-bg: #fff3cd; --warn-line: #a86400; --bad-bg: #fbe3df; --bad-line: #a3221a;
  --good-bg: #dcefe3; --good-ink: #0b5a32;
}
* { box-sizing: border-box; }
html { font-size: 18px; -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: var(--ink); line-height: 1.45;
  font-family: "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1400px; margin: 0 auto; padding: 1.2rem 2rem 3rem; }
h1 { font-size: 2.1rem; line-height: 1.2; margin: 0.6rem 0 1rem; color: var(--head); }
h2 { font-size: 1.55rem; margin: 2.4rem 0 0.9rem; padding-bottom: 0.25rem; color: var(--head);
  border-bottom: 3px solid var(--head); }
h3 { font-size: 1.2rem; margin: 1.6rem 0 0.6rem; }
p.lead { font-size: 1.15rem; }
p.note, p.empty { color: var(--muted); }
code { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 0.88em; }
code.sha { word-break: break-all; }
.banner { margin: 1rem 0; padding: 0.8rem 1.1rem; font-size: 1.08rem; border-left: 10px solid var(--warn-line);
  background: var(--warn-bg); }
.banner.alert { border-left-color: var(--bad-line); background: var(--bad-bg); }
.not-proven, .infeasible { color: var(--bad-line); }
.no-cap { color: var(--bad-line); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1rem; margin: 1rem 0; }
.card { border: 2px solid var(--line); border-top: 8px solid var(--head); padding: 0.7rem 1rem 0.8rem;
  display: flex; flex-direction: column; break-inside: avoid; }
.card-value { font-size: 2.1rem; font-weight: 700; color: var(--head); font-variant-numeric: tabular-nums;
  white-space: nowrap; }
.card-label { font-size: 1.05rem; font-weight: 700; }
.card-detail { font-size: 0.92rem; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1.2rem; margin: 1rem 0; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1.2rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.94rem; }
th, td { padding: 0.42rem 0.6rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
thead th { background: var(--head); color: #ffffff; font-weight: 700; vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--zebra); }
th.text, td.text { min-width: 11rem; }
table.indicators td.text { min-width: 17rem; }
table.wide th.text:last-child, table.wide td.text:last-child { min-width: 17rem; }
th .sub { display: block; font-weight: 400; font-size: 0.8em; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.best { background: var(--good-bg); color: var(--good-ink); font-weight: 700; }
.star { color: var(--good-ink); }
.badge { display: inline-block; padding: 0 0.4em; margin-left: 0.3em; font-size: 0.8em; font-weight: 700;
  border: 1.5px solid var(--head); border-radius: 0.3em; color: var(--head); }
tr.is-dominated td { color: var(--muted); }
.dominated { color: var(--bad-line); font-weight: 700; }
tr.is-infeasible td { color: var(--bad-line); }
.move-enters { color: var(--good-ink); font-weight: 700; white-space: nowrap; }
.move-leaves { color: var(--bad-line); font-weight: 700; white-space: nowrap; }
.move-amount { color: var(--head); font-weight: 700; white-space: nowrap; }
.detail { display: block; color: var(--muted); font-size: 0.9em; }
.error { white-space: pre-wrap; }
ul.binding li, ul.infeasible-list li { margin: 0.3rem 0; }
figure.chart-figure { margin: 1rem 0 1.8rem; break-inside: avoid; page-break-inside: avoid; }
svg.chart { display: block; width: 100%; max-width: 1180px; height: auto; }
@media print {
  @page { size: A4 portrait; margin: 14mm 12mm 15mm 12mm; }
  html { font-size: 10pt; }
  body { background: #ffffff; color: #000000; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 18pt; color: #000000; }
  h2 { font-size: 14pt; color: #000000; border-bottom-color: #000000; margin-top: 1.4rem;
    break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  section { break-before: auto; }
  .banner { background: #ffffff; border: 1.5pt solid #000000; border-left-width: 6pt; }
  .card { border-color: #777777; border-top-color: #000000; }
  .card-value { color: #000000; font-size: 16pt; }
  table { font-size: 8.6pt; }
  thead { display: table-header-group; }
  thead th { background: #ffffff; color: #000000; border-top: 1.2pt solid #000000;
    border-bottom: 1.2pt solid #000000; }
  tbody tr:nth-child(even) { background: #ffffff; }
  tr, td, th { break-inside: avoid; page-break-inside: avoid; }
  td.best { background: #ffffff; color: #000000; text-decoration: underline; }
  .table-wrap { overflow: visible; }
  th.text, td.text { min-width: 8em; }
  table.wide th.text:last-child, table.wide td.text:last-child { min-width: 17em; }
  .cards { grid-template-columns: repeat(4, 1fr); gap: 0.6rem; }
  table.indicators td.text { min-width: 14em; }
  figure.chart-figure { margin: 0.5rem 0 1rem; }
  svg.chart { max-width: 100%; max-height: 235mm; }
  .badge { border-color: #000000; color: #000000; }
}
"""


def page(title: str, parts: list[Html], lang: str) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="optimiser {esc(__version__)}">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            + "".join(parts) + "</main>\n</body>\n</html>\n")

