"""Charts of the HTML reports, drawn by matplotlib and returned as inline SVG text.

pyplot is never imported: each chart is a bare `matplotlib.figure.Figure` drawn by matplotlib's SVG
renderer (no display, nothing else is touched), with the rcParams it needs set only for the time of
the drawing (`rc_context`). The SVG is made fit for pasting into an HTML page:

- deterministic bytes: every style rcParam from matplotlib's defaults (a `matplotlibrc` on the machine
  changes nothing), a fixed `svg.hashsalt`, no date nor creator metadata, text drawn as paths (so it
  looks the same on any machine, without the fonts installed) from DejaVu Sans as matplotlib ships
  it, given by file: the machine's fonts are never looked up;
- no URL left at all: the XML prolog, DOCTYPE, comments and `<metadata>` are dropped, the `xmlns`
  declarations removed (inline SVG in HTML needs none) and `xlink:href` becomes SVG 2's `href`;
- ids prefixed with the chart's name, so that several charts can share a page;
- no fixed size: the `viewBox` stays and the page's CSS scales the chart to the width available.

Fast (a few tens of milliseconds a chart): each figure is measured once and drawn once (`_layout`,
where constrained layout measures twice and `savefig` draws a second time), and the extents and
shapes of the texts, which cost the most, are computed once per process for all the charts.

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
from matplotlib import get_data_path, rc_context, rcParamsDefault
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import get_font
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..allocation import Allocation
from ..catalogue import check_lang, t
from ..comparison import Comparison
from ..formatting import fmt_eur

# Okabe & Ito (2008), ordered for contrast between neighbours; black last.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]
INK = "#1a1a1a"
GREY = "#6b6b6b"

# The rcParams that are not style (`matplotlib.style`'s own list): left as they are.
_NOT_STYLE = {"interactive", "backend", "webagg.port", "webagg.address", "webagg.port_retries",
              "webagg.open_in_browser", "backend_fallback", "toolbar", "timezone", "figure.max_open_warning",
              "figure.raise_window", "savefig.directory", "tk.window_focus", "docstring.hardcopy", "date.epoch"}
STYLE = {
    **{key: value for key, value in rcParamsDefault.items() if key not in _NOT_STYLE},
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
DPI = 72  # the SVG renderer's: one unit of the drawing is one point
PAD_PT = 3.0  # around a plot's decorations and around the legend (constrained layout's default pads)

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
    """A figure at the SVG renderer's resolution; `to_inline_svg` lays it out (`_layout`)."""
    return Figure(figsize=(WIDTH_IN, height_in), dpi=DPI)


# DejaVu Sans as matplotlib ships it, by file (the same on every machine with the same matplotlib).
_FONT_FILES = {bold: f"{get_data_path()}/fonts/ttf/{name}.ttf"
               for bold, name in ((False, "DejaVuSans"), (True, "DejaVuSans-Bold"))}
_BOLD_NAMES = {"semibold", "demibold", "demi", "bold", "heavy", "extra bold", "black"}
_CACHE_SIZE = 10_000  # texts per cache: past that it starts again (a long process never grows without end)
_EXTENTS: dict[tuple, tuple[float, float, float]] = {}  # (text, font file, size, math) -> width, height, descent
_LINE_METRICS: dict[tuple, tuple[float, float, float]] = {}  # (font file, size) -> ascent, descent, line gap
_PLACED: dict[tuple, list] = {}  # (font file, text, features, language) -> its glyphs and their positions
_GLYPHS: dict[str, tuple] = {}  # glyph id (font and glyph index) -> its outline


def _font_file(prop) -> str:
    """The file of the font drawn for `prop`: its weight only is read (every text is DejaVu Sans, upright)."""
    weight = prop.get_weight()
    return _FONT_FILES[weight in _BOLD_NAMES if isinstance(weight, str) else weight >= 600]


def _remember(cache: dict, key, value):
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = value
    return value


class _TextToPath(TextToPath):
    """matplotlib's text-to-path converter, on the fixed fonts; each text shaped once per process."""

    def _get_font(self, prop):
        font = get_font(_font_file(prop))
        font.set_size(self.FONT_SCALE, self.DPI)
        return font

    def get_glyphs_with_font(self, font, s, glyph_map=None, return_new_glyphs_only=False, *, features=None,
                             language=None):
        key = (font.fname, s, features, language)
        try:
            placed = _PLACED[key]
        except TypeError:  # unhashable features or languages: not cached
            return super().get_glyphs_with_font(font, s, glyph_map, return_new_glyphs_only, features=features,
                                                language=language)
        except KeyError:  # shaped at matplotlib's FONT_SCALE: the same for every size, scaled when drawn
            placed, outlines, _ = super().get_glyphs_with_font(font, s, features=features, language=language)
            _remember(_PLACED, key, placed)
            if len(_GLYPHS) >= _CACHE_SIZE:
                _GLYPHS.clear()
            _GLYPHS.update(outlines)
        glyph_map = {} if glyph_map is None else glyph_map
        new = {}
        for glyph, *_ in placed:
            if glyph not in glyph_map and glyph not in new:
                outline = _GLYPHS.get(glyph)
                if outline is None:  # pragma: no cover - only after the glyph cache started again
                    return super().get_glyphs_with_font(font, s, glyph_map, return_new_glyphs_only,
                                                        features=features, language=language)
                new[glyph] = outline
        if not return_new_glyphs_only:
            glyph_map.update(new)
            new = glyph_map
        return placed, new, []


_TEXT_TO_PATH = _TextToPath()


class _Renderer(RendererSVG):
    """matplotlib's SVG renderer, with the fixed fonts, no comments, and the text extents of every chart."""

    def __init__(self, width: float, height: float, out: io.StringIO) -> None:
        super().__init__(width, height, out, image_dpi=DPI,
                         metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
        self._text2path = _TEXT_TO_PATH
        self.writer.comment = lambda _comment: None  # the text of each path: dropped from the page anyway

    def get_text_width_height_descent(self, s, prop, ismath):
        key = (s, _font_file(prop), prop.get_size_in_points(), ismath)
        extents = _EXTENTS.get(key)
        if extents is None:
            extents = _remember(_EXTENTS, key, super().get_text_width_height_descent(s, prop, ismath))
        return extents

    def _get_font_height_metrics(self, prop):
        """A line's ascent, descent and gap, as matplotlib >= 3.11 reads them, from the fixed font.

        `Text` asks the renderer first; without this it would look the font up by name among the machine's.
        """
        key = (_font_file(prop), prop.get_size_in_points())
        metrics = _LINE_METRICS.get(key)
        if metrics is None:
            font = get_font(key[0])
            scale = key[1] / font.get_sfnt_table("head")["unitsPerEm"]  # points, at DPI
            metrics = None, None, None
            for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                     ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is not None:
                    metrics = table[ascent] * scale, -table[descent] * scale, table[gap] * scale
                    break
            _remember(_LINE_METRICS, key, metrics)
        return metrics


class _Canvas(FigureCanvasSVG):
    """The figure's canvas while it is drawn: what measures the text is what draws it."""

    def __init__(self, figure: Figure, renderer: _Renderer) -> None:
        super().__init__(figure)
        self._renderer = renderer

    def get_renderer(self) -> _Renderer:
        return self._renderer


def _layout(fig: Figure, renderer: _Renderer) -> None:
    """Each Axes takes the whole figure but its decorations (ticks, labels, title) and the legends under it.

    Constrained layout's placement for one Axes, with one measure where it takes two (a second only when
    the new size changed the ticks).
    """
    width, height = fig.bbox.width, fig.bbox.height
    below = sum(legend.get_tightbbox(renderer).height + 2 * PAD_PT for legend in fig.legends)
    for ax in fig.axes:
        for _ in range(2):
            ticks = ax.xaxis.get_majorticklocs().tolist(), ax.yaxis.get_majorticklocs().tolist()
            box, tight = ax.bbox, ax.get_tightbbox(renderer)
            left, right = box.x0 - tight.x0 + PAD_PT, tight.x1 - box.x1 + PAD_PT
            bottom, top = box.y0 - tight.y0 + PAD_PT + below, tight.y1 - box.y1 + PAD_PT
            if left + right >= width or bottom + top >= height:  # no room left for the plot: left where it is
                return
            ax.set_position([left / width, bottom / height, 1 - (left + right) / width, 1 - (bottom + top) / height])
            if ticks == (ax.xaxis.get_majorticklocs().tolist(), ax.yaxis.get_majorticklocs().tolist()):
                break


_NAME = re.compile(r"[a-z][a-z0-9-]*")


def to_inline_svg(fig: Figure, name: str, title: str) -> str:
    """The figure as an `<svg>` element for an HTML page (see the module's docstring), within `rc_context(STYLE)`."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"a chart's name makes its ids: {name!r} is not lowercase letters, digits and hyphens")
    buffer = io.StringIO()
    fig.set_dpi(DPI)
    width, height = fig.get_size_inches() * DPI
    renderer = _Renderer(width, height, buffer)
    _Canvas(fig, renderer)
    _layout(fig, renderer)
    fig.draw(renderer)  # a layout engine set on the figure would run here, with the same renderer
    renderer.finalize()
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    if "<!--" in text:  # pragma: no cover - the renderer writes none
        text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    if "<metadata" in text:  # pragma: no cover - nor metadata
        text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    head_end = text.index(">") + 1
    head, body = text[:head_end], text[head_end:]
    head = re.sub(r'\s(xmlns(:\w+)?|width|height|version)="[^"]*"', "", head)
    head = head.replace("<svg", f'<svg class="chart" role="img" aria-label="{html.escape(title)}"', 1)
    body = body.replace("xlink:href=", "href=")
    for reference in (' id="', 'href="#', "url(#"):  # matplotlib writes a space before each attribute
        body = body.replace(reference, f"{reference}{name}-")
    body = re.sub(r"\n\s*\n", "\n", body)
    svg = f"{head}\n<title>{html.escape(title)}</title>{body}".strip() + "\n"
    if re.search(r"https?:", svg):  # pragma: no cover - a matplotlib change would show here
        raise RuntimeError("a URL remains in a chart's SVG")
    return svg


def _group_amounts(alloc: Allocation, column: str, keys: list[str]) -> np.ndarray:
    """The amount allocated to each group: the rows whose `column` is each key (`tables.by_epci`'s sums, in numpy)."""
    table = alloc.table
    position = {key: k for k, key in enumerate(keys)}
    groups = np.fromiter((position.get(value, -1) for value in table[column]), dtype=np.int64, count=len(table))
    amounts = table["amount_eur"].to_numpy(dtype=np.float64)
    inside = groups >= 0
    return np.bincount(groups[inside], weights=amounts[inside], minlength=len(keys))


def _bars(ax, y, widths, height: float, label: str, **style) -> None:
    """Horizontal bars from 0, centred on `y`: one collection, where `barh` makes (and draws) one patch per bar."""
    half = height / 2
    boxes = [((0, c - half), (0, c + half), (w, c + half), (w, c - half)) for c, w in zip(y, widths, strict=True)]
    ax.add_collection(PolyCollection(boxes, label=label, **style))


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
            _bars(ax, y - 0.41 + bar * (k + 0.5), values, bar, label, facecolors=PALETTE[k % len(PALETTE)],
                  edgecolors="white", linewidths=0.8, hatch=HATCHES[k % len(HATCHES)] or None)
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


def _amounts_chart(comparison: Comparison, groups: list[str], amounts, key: str, name: str, lang: str) -> str:
    """Grouped bars: the amount each group receives in each scenario (`amounts(allocation)`, in `groups`' order)."""
    check_lang(lang)
    series = {e.name: amounts(e.allocation).tolist() for e in comparison.solved}
    return _grouped_bars(groups if series else [], series, t(key, lang), name, lang)


def epci_amounts_chart(comparison: Comparison, lang: str = "fr") -> str:
    """Grouped bars: the amount each EPCI receives in each solved scenario."""
    solved = comparison.solved
    epcis = solved[0].allocation.territory.epcis if solved else []
    sirens = [e.siren for e in epcis]
    return _amounts_chart(comparison, [e.name for e in epcis], lambda alloc: _group_amounts(alloc, "epci", sirens),
                          "chart_epci_scenarios", "epci-scenarios", lang)


def priority_amounts_chart(comparison: Comparison, lang: str = "fr") -> str:
    """Grouped bars: the amount each priority receives in each solved scenario."""
    solved = comparison.solved
    priorities = solved[0].allocation.territory.priorities if solved else []
    keys = [p.key for p in priorities]
    return _amounts_chart(comparison, [p.label for p in priorities],
                          lambda alloc: _group_amounts(alloc, "priority", keys),
                          "chart_priority_scenarios", "priority-scenarios", lang)


def score_vs_request_chart(alloc: Allocation, lang: str = "fr") -> str:
    """Scatter of every scored candidate: amount requested (x) against score (y), by outcome."""
    check_lang(lang)
    table = alloc.table
    title = t("chart_score_request", lang)
    requested = table["requested_eur"].to_numpy(dtype=np.float64)
    score = table["score"].to_numpy(dtype=np.float64)
    funded, eligible = table["funded"].to_numpy(dtype=bool), table["eligible"].to_numpy(dtype=bool)
    full = (table["reason_code"] == "funded_full").to_numpy(dtype=bool)
    partial = funded & ~full
    unfunded = eligible & ~funded
    ineligible = ~eligible
    scored = ~np.isnan(score)
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
            shown = mask & scored
            ax.scatter(requested[shown], score[shown], label=f"{t(key, lang)} ({int(mask.sum())})", zorder=3, **style)
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
    epcis = alloc.territory.epcis
    names = [e.name for e in epcis]
    amounts = _group_amounts(alloc, "epci", [e.siren for e in epcis])
    title = t("chart_epci", lang)
    caps: dict[str, float] = {}
    for state in alloc.rules:
        rule = state.rule
        if rule.family == "epci" and rule.measure == "eur" and not math.isinf(rule.upper):
            caps[rule.group] = min(caps.get(rule.group, math.inf), rule.upper)
    with rc_context(STYLE):
        fig = _new_figure(1.9 + 0.62 * len(names))
        ax = fig.add_subplot()
        y = np.arange(len(names))
        _bars(ax, y, amounts, 0.66, t("axis_amount", lang), facecolors=PALETTE[0], edgecolors="none")
        top = max([*amounts, *caps.values(), 1.0])
        for k, amount in enumerate(amounts):  # inside the long bars, after the short ones
            inside = amount >= 0.3 * top
            ax.text(amount - top * 0.012 if inside else amount + top * 0.012, k, fmt_eur(amount, lang),
                    va="center", ha="right" if inside else "left", fontsize=13.5, fontweight="bold",
                    color="white" if inside else INK)
        cap_y = [k for k, name in enumerate(names) if name in caps]
        if cap_y:
            ax.vlines([caps[names[k]] for k in cap_y], [k - 0.42 for k in cap_y],
                      [k + 0.42 for k in cap_y], colors=PALETTE[5], linewidths=3, label=t("legend_cap", lang),
                      zorder=3)
        ax.set_yticks(y, [_wrap(name) for name in names])
        ax.invert_yaxis()
        _euro_axis(ax.xaxis, lang)
        ax.set_xlim(0, top * 1.05)
        ax.set_xlabel(t("axis_amount", lang))
        ax.grid(axis="x")
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", length=0)
        _title_and_legend(fig, ax, title, ncol=2, legend=bool(cap_y), order=[1, 0])
        return to_inline_svg(fig, "epci", title)
