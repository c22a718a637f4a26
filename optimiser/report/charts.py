"""Charts of the HTML reports, drawn by matplotlib and returned as inline SVG text.

pyplot is never imported: each chart is a bare `matplotlib.figure.Figure` saved through matplotlib's
SVG backend (no display, nothing else is touched), with the rcParams it needs set only for the time
of the drawing (`rc_context`). The SVG is made fit for pasting into an HTML page:

- deterministic bytes: a fixed `svg.hashsalt`, no date nor creator metadata, text drawn as paths
  (so it looks the same on any machine, without the fonts installed);
- no URL left at all: the XML prolog, DOCTYPE, comments and `<metadata>` are dropped, the `xmlns`
  declarations removed (inline SVG in HTML needs none) and `xlink:href` becomes SVG 2's `href`;
- ids prefixed with the chart's name, so that several charts can share a page;
- no fixed size: the `viewBox` stays and the page's CSS scales the chart to the width available.

Colours are the Okabe–Ito palette (safe for colour-blind readers), with hatches and marker shapes
that keep the series apart in black-and-white print.
"""

from __future__ import annotations

import html
import io
import math
import re
import textwrap

import numpy as np
from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..allocation import Allocation
from ..catalogue import check_lang, t
from ..comparison import Comparison
from ..formatting import fmt_eur
from .tables import by_epci, by_priority

# Okabe & Ito (2008), ordered for contrast between neighbours; black last.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]
INK = "#1a1a1a"
GREY = "#6b6b6b"

STYLE = {
    "text.parse_math": False,  # names come from users: `$x$`, `_`, `{`, `\` are drawn as written, never as TeX
    "text.usetex": False,
    "svg.hashsalt": "optimiser-report",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 15,
    "axes.titlesize": 19,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 14,
    "axes.labelsize": 15,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "text.color": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.8,
    "hatch.linewidth": 1.0,
    "hatch.color": "white",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "path.simplify": False,
}
WIDTH_IN = 12.0


def _euro_axis(axis, lang: str) -> None:
    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: fmt_eur(value, lang)))


def _wrap(text: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _title_and_legend(fig: Figure, ax, title: str, ncol: int, legend: bool = True, order: list[int] | None = None,
                      **options) -> None:
    """The title at the top left of the plot, the legend in rows under the x axis (outside the plot)."""
    ax.set_title(title, loc="left")
    if legend:
        handles, labels = ax.get_legend_handles_labels()
        if order is not None:
            handles, labels = [handles[k] for k in order], [labels[k] for k in order]
        fig.legend(handles, labels, loc="outside lower left", ncol=ncol, columnspacing=1.6, **options)


def _new_figure(height_in: float) -> Figure:
    return Figure(figsize=(WIDTH_IN, height_in), layout="constrained")


_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'href="#([^"]+)"')
_URL = re.compile(r"url\(#([^)]+)\)")


def to_inline_svg(fig: Figure, name: str, title: str) -> str:
    """The figure as an `<svg>` element for an HTML page (see the module's docstring)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    head_end = text.index(">") + 1
    head, body = text[:head_end], text[head_end:]
    head = re.sub(r'\s(xmlns(:\w+)?|width|height|version)="[^"]*"', "", head)
    head = head.replace("<svg", f'<svg class="chart" role="img" aria-label="{html.escape(title)}"', 1)
    body = body.replace("xlink:href=", "href=")
    body = _ID.sub(lambda m: f'id="{name}-{m.group(1)}"', body)
    body = _HREF.sub(lambda m: f'href="#{name}-{m.group(1)}"', body)
    body = _URL.sub(lambda m: f"url(#{name}-{m.group(1)})", body)
    body = re.sub(r"\n\s*\n", "\n", body)
    svg = f"{head}\n<title>{html.escape(title)}</title>{body}".strip() + "\n"
    if re.search(r"https?:", svg):  # pragma: no cover - a matplotlib change would show here
        raise RuntimeError("a URL remains in a chart's SVG")
    return svg


def _grouped_bars(groups: list[str], series: dict[str, list[float]], title: str, name: str, lang: str) -> str:
    """Horizontal bars: one group per row (top to bottom in the given order), one bar per series."""
    n_series = max(len(series), 1)
    height = 1.9 + len(groups) * (0.28 + 0.22 * n_series)
    with rc_context(STYLE):
        fig = _new_figure(height)
        ax = fig.add_subplot()
        y = np.arange(len(groups))
        bar = 0.82 / n_series
        for k, (label, values) in enumerate(series.items()):
            ax.barh(y - 0.41 + bar * (k + 0.5), values, height=bar, label=label,
                    color=PALETTE[k % len(PALETTE)], edgecolor="white", linewidth=0.8,
                    hatch=HATCHES[k % len(HATCHES)] or None)
        ax.set_yticks(y, [_wrap(g) for g in groups])
        ax.invert_yaxis()
        _euro_axis(ax.xaxis, lang)
        ax.set_xlabel(t("axis_amount", lang))
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        _title_and_legend(fig, ax, title, ncol=min(n_series, 4), handlelength=1.8, handleheight=1.1)
        ax.set_xlim(left=0)
        return to_inline_svg(fig, name, title)


def _amounts_chart(comparison: Comparison, per_group, groups: list[str], key: str, name: str, lang: str) -> str:
    """Grouped bars: the amount each group (`per_group` gives one row per group) receives in each scenario."""
    check_lang(lang)
    solved = comparison.solved
    series = {e.name: per_group(e.allocation)["amount_eur"].astype(float).tolist() for e in solved}
    return _grouped_bars(groups if solved else [], series, t(key, lang), name, lang)


def epci_amounts_chart(comparison: Comparison, lang: str = "fr") -> str:
    """Grouped bars: the amount each EPCI receives in each solved scenario."""
    solved = comparison.solved
    groups = [e.name for e in solved[0].allocation.territory.epcis] if solved else []
    return _amounts_chart(comparison, by_epci, groups, "chart_epci_scenarios", "epci-scenarios", lang)


def priority_amounts_chart(comparison: Comparison, lang: str = "fr") -> str:
    """Grouped bars: the amount each priority receives in each solved scenario."""
    solved = comparison.solved
    groups = [p.label for p in solved[0].allocation.territory.priorities] if solved else []
    return _amounts_chart(comparison, by_priority, groups, "chart_priority_scenarios", "priority-scenarios", lang)


def score_vs_request_chart(alloc: Allocation, lang: str = "fr") -> str:
    """Scatter of every scored candidate: amount requested (x) against score (y), by outcome."""
    check_lang(lang)
    table = alloc.table
    title = t("chart_score_request", lang)
    full = table["reason_code"] == "funded_full"
    partial = table["funded"] & ~full
    unfunded = table["eligible"] & ~table["funded"]
    ineligible = ~table["eligible"]
    with rc_context(STYLE):
        fig = _new_figure(7.2)
        ax = fig.add_subplot()
        layers = [
            (ineligible, {"marker": "x", "s": 55, "color": "#9a9a9a", "linewidths": 1.6}, "legend_ineligible"),
            (unfunded, {"marker": "o", "s": 70, "facecolors": "none", "edgecolors": GREY, "linewidths": 1.6},
             "legend_unfunded"),
            (full, {"marker": "o", "s": 110, "color": PALETTE[0], "edgecolors": "white", "linewidths": 0.8},
             "legend_full"),
            (partial, {"marker": "D", "s": 120, "color": PALETTE[1], "edgecolors": INK, "linewidths": 1.2},
             "legend_partial"),
        ]
        for mask, style, key in layers:
            rows = table[mask & table["score"].notna()]
            ax.scatter(rows["requested_eur"].astype(float), rows["score"].astype(float),
                       label=f"{t(key, lang)} ({int(mask.sum())})", zorder=3, **style)
        min_score = alloc.scenario.eligibility.min_score
        if min_score is not None:
            ax.axhline(min_score, color=INK, linestyle=(0, (4, 3)), linewidth=1.2, zorder=2,
                       label=t("legend_min_score", lang))
        _euro_axis(ax.xaxis, lang)
        ax.set_xlim(left=0)
        ax.set_xlabel(t("axis_requested", lang))
        ax.set_ylabel(t("axis_score", lang))
        ax.grid(True)
        ax.set_axisbelow(True)
        order = [2, 3, 1, 0] + ([4] if min_score is not None else [])  # funded first, the line last
        _title_and_legend(fig, ax, title, ncol=3, handletextpad=0.4, order=order)
        return to_inline_svg(fig, "score-request", title)


def epci_chart(alloc: Allocation, lang: str = "fr") -> str:
    """Bars: the amount each EPCI receives in one allocation, with its cap where a rule sets one."""
    check_lang(lang)
    rows = by_epci(alloc)
    title = t("chart_epci", lang)
    caps: dict[str, float] = {}
    for state in alloc.rules:
        rule = state.rule
        if rule.family == "epci" and rule.measure == "eur" and not math.isinf(rule.upper):
            caps[rule.group] = min(caps.get(rule.group, math.inf), rule.upper)
    with rc_context(STYLE):
        fig = _new_figure(1.9 + 0.62 * len(rows))
        ax = fig.add_subplot()
        y = np.arange(len(rows))
        amounts = rows["amount_eur"].astype(float).to_numpy()
        ax.barh(y, amounts, height=0.66, color=PALETTE[0], label=t("axis_amount", lang))
        top = max([*amounts, *caps.values(), 1.0])
        for k, amount in enumerate(amounts):  # inside the long bars, after the short ones
            inside = amount >= 0.3 * top
            ax.text(amount - top * 0.012 if inside else amount + top * 0.012, k, fmt_eur(amount, lang),
                    va="center", ha="right" if inside else "left", fontsize=13.5, fontweight="bold",
                    color="white" if inside else INK)
        cap_y = [k for k, name in enumerate(rows["epci"]) if name in caps]
        if cap_y:
            ax.vlines([caps[rows["epci"].iat[k]] for k in cap_y], [k - 0.42 for k in cap_y],
                      [k + 0.42 for k in cap_y], colors=PALETTE[5], linewidths=3, label=t("legend_cap", lang),
                      zorder=3)
        ax.set_yticks(y, [_wrap(name) for name in rows["epci"]])
        ax.invert_yaxis()
        _euro_axis(ax.xaxis, lang)
        ax.set_xlim(0, top * 1.05)
        ax.set_xlabel(t("axis_amount", lang))
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        _title_and_legend(fig, ax, title, ncol=2, legend=bool(cap_y), order=[1, 0])
        return to_inline_svg(fig, "epci", title)
