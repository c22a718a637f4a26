"""report/charts.py: the same bytes on every run and machine, fit for an HTML page, legible, in French or English."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib import font_manager, get_data_path, rc_context

from optimiser.formatting import NBSP, NNBSP
from optimiser.report import charts
from optimiser.report.tables import by_epci, by_priority

CHARTS = {"score-request": "score_vs_request_chart", "epci": "epci_chart",
          "epci-scenarios": "epci_amounts_chart", "priority-scenarios": "priority_amounts_chart"}
ON_ALLOCATION = {"score_vs_request_chart", "epci_chart"}


def render(name: str, comparison, alloc, lang: str = "fr") -> str:
    return getattr(charts, name)(alloc if name in ON_ALLOCATION else comparison, lang)


@pytest.fixture(scope="module")
def svgs(comparison, alloc) -> dict[str, str]:
    return {name: render(name, comparison, alloc) for name in CHARTS.values()}


@pytest.fixture
def drawn(monkeypatch):
    """Every line of text the renderer draws: (text, its box in the SVG's points (y down), width, height)."""
    texts: list[tuple[str, tuple[float, float, float, float], float, float]] = []
    original = charts._Renderer.draw_text

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        w, h, d = self.get_text_width_height_descent(s, prop, ismath)
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        corners = [(x + cos * u - sin * v, y - (sin * u + cos * v)) for u in (0, w) for v in (-d, h - d)]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        texts.append((s, (min(xs), min(ys), max(xs), max(ys)), self.width, self.height))
        return original(self, gc, x, y, s, prop, angle, ismath, mtext)

    monkeypatch.setattr(charts._Renderer, "draw_text", draw_text)
    return texts


def test_same_input_same_bytes(svgs, comparison, alloc):
    for name, svg in svgs.items():
        assert render(name, comparison, alloc).encode() == svg.encode(), name


def test_the_machines_style_settings_change_nothing(svgs, comparison, alloc):
    """A matplotlibrc (the user's, or one in the working folder) sets rcParams: the charts start from the defaults."""
    local = {"lines.linewidth": 6, "axes.linewidth": 4, "patch.linewidth": 3, "xtick.major.size": 12,
             "xtick.major.pad": 9, "ytick.direction": "in", "legend.handlelength": 5, "figure.dpi": 300,
             "savefig.dpi": 50, "axes.xmargin": 0.3, "hatch.linewidth": 4, "font.stretch": "condensed",
             "axes.prop_cycle": "cycler(color=['red', 'green'])"}
    with rc_context(local):
        for name, svg in svgs.items():
            assert render(name, comparison, alloc) == svg, name


def test_the_fonts_are_matplotlibs_by_file_never_the_machines(svgs, comparison, alloc, monkeypatch):
    """Were a text's font looked up by name, another machine could answer with another font: here, STIX."""
    stix = f"{get_data_path()}/fonts/ttf/STIXGeneral.ttf"
    monkeypatch.setattr(font_manager.fontManager, "_find_fonts_by_props", lambda prop, **kwargs: [stix])
    monkeypatch.setattr(font_manager.fontManager, "findfont", lambda *args, **kwargs: stix)
    monkeypatch.setattr(font_manager, "findfont", lambda *args, **kwargs: stix)
    for name, svg in svgs.items():
        assert render(name, comparison, alloc) == svg, name
        glyph_fonts = set(re.findall(r'<path id="[a-z-]+?-(DejaVu[A-Za-z-]*?)-[0-9a-f]+"', svg))
        assert glyph_fonts == {"DejaVuSans", "DejaVuSans-Bold"}, (name, glyph_fonts)


def test_same_bytes_in_another_interpreter_with_a_fresh_font_cache_and_a_matplotlibrc(tmp_path, svgs):
    """Another process, another hash seed, an empty matplotlib cache (its font list built anew) and a local
    matplotlibrc: the bytes of this one."""
    (tmp_path / "matplotlibrc").write_text("lines.linewidth: 5\naxes.linewidth: 3\nfont.size: 30\n"
                                           "font.family: serif\nsvg.hashsalt: another\n", encoding="utf-8")
    child = (
        "import hashlib, json\n"
        "from optimiser.comparison import compare\n"
        "from optimiser.report import charts\n"
        "from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR\n"
        "c = compare(DEMO_CANDIDATES, [SCENARIO_DIR])\n"
        "a = c.entry(c.reference).allocation\n"
        f"names = {sorted(ON_ALLOCATION)!r}\n"
        "out = {n: getattr(charts, n)(a if n in names else c) for n in "
        f"{list(CHARTS.values())!r}}}\n"
        "print(json.dumps({n: hashlib.sha256(s.encode()).hexdigest() for n, s in out.items()}))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "MPLCONFIGDIR": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-c", child], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=True, timeout=300)
    assert (tmp_path / "config").is_dir()  # the font list was built there, for that process
    theirs = json.loads(done.stdout.strip().splitlines()[-1])
    assert theirs == {name: hashlib.sha256(svg.encode()).hexdigest() for name, svg in svgs.items()}


def test_inline_svg_without_url_comment_or_metadata(svgs):
    for name, svg in svgs.items():
        assert svg.startswith('<svg class="chart" role="img" aria-label="') and svg.endswith("</svg>\n"), name
        assert re.search(r"https?:|xmlns|xlink|<\?xml|<!DOCTYPE|<!--|<metadata", svg) is None, name
        assert re.findall(r"url\((?!#)", svg) == [], name
        assert re.search(r'<svg [^>]*\b(width|height)="', svg) is None, name  # the page's CSS sizes the chart
        assert re.search(r'<svg [^>]*viewBox="0 0 864 [0-9.]+"', svg), name  # 12 inches at 72 points an inch


def test_ids_are_prefixed_unique_and_every_reference_resolves(svgs):
    every = []
    for name, svg in svgs.items():
        prefix = next(key for key, value in CHARTS.items() if value == name)
        ids = re.findall(r'\bid="([^"]+)"', svg)
        assert ids and all(i.startswith(f"{prefix}-") for i in ids), name
        assert len(ids) == len(set(ids)), name
        references = re.findall(r'href="#([^"]+)"', svg) + re.findall(r"url\(#([^)]+)\)", svg)
        assert references and set(references) <= set(ids), name
        every += ids
    assert len(every) == len(set(every))  # the four charts can share a page


def test_aria_label_and_title_are_the_charts_title_escaped(svgs):
    svg = svgs["epci_amounts_chart"]
    assert 'aria-label="Montant attribué par EPCI et par scénario"' in svg
    assert "<title>Montant attribué par EPCI et par scénario</title>" in svg
    figure = charts._new_figure(3.0)
    figure.add_subplot().plot([0, 1], [0, 1])
    with rc_context(charts.STYLE):
        hostile = charts.to_inline_svg(figure, "test", '<script>"x" & y</script>')
    assert 'aria-label="&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;"' in hostile
    assert "<title>&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;</title>" in hostile
    with pytest.raises(ValueError, match="not lowercase letters"):
        charts.to_inline_svg(figure, 'x" onload="alert(1)', "t")


def fills(svg: str) -> set[str]:
    return set(re.findall(r"fill: ?(#[0-9a-f]{6})", svg)) | set(re.findall(r'fill="(#[0-9a-f]{6})"', svg))


def test_okabe_ito_colours_and_hatches(svgs, comparison):
    n = len(comparison.solved)
    assert n == 4
    for name in ("epci_amounts_chart", "priority_amounts_chart"):
        svg = svgs[name]
        assert {colour.lower() for colour in charts.PALETTE[:n]} <= fills(svg), name
        assert svg.count("<pattern ") == sum(1 for hatch in charts.HATCHES[:n] if hatch), name  # one per hatch
    score = svgs["score_vs_request_chart"]
    assert {charts.PALETTE[0].lower(), charts.PALETTE[1].lower()} <= fills(score)
    assert charts.PALETTE[0].lower() in fills(svgs["epci_chart"])
    assert f"stroke: {charts.PALETTE[5].lower()}" in svgs["epci_chart"]  # the EPCI caps


@pytest.mark.parametrize("name", list(CHARTS.values()))
def test_every_text_is_drawn_inside_the_chart(name, comparison, alloc, drawn):
    render(name, comparison, alloc)
    assert len(drawn) > 8
    for text, (x0, y0, x1, y1), width, height in drawn:
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height, (text, (x0, y0, x1, y1), width, height)


def test_title_legend_and_labels_in_french(comparison, alloc, drawn):
    render("score_vs_request_chart", comparison, alloc)
    texts = {text for text, *_ in drawn}
    funded = int(alloc.table["funded"].sum()) - int((alloc.table["reason_code"] != "funded_full")[
        alloc.table["funded"]].sum())
    assert {"Score et montant demandé de chaque candidat", "Montant demandé", "Score",
            f"Financé en totalité ({funded})", "Score minimal d'éligibilité"} <= texts
    assert {f"0{NBSP}€", f"100{NNBSP}000{NBSP}€", f"200{NNBSP}000{NBSP}€"} <= texts  # fmt_eur, French
    drawn.clear()
    render("epci_amounts_chart", comparison, alloc)
    texts = {text for text, *_ in drawn}
    assert {"Montant attribué par EPCI et par scénario", "Montant attribué"} <= texts
    assert {entry.name for entry in comparison.solved} <= texts  # the legend
    assert {epci.name for epci in alloc.territory.epcis} <= texts


def test_english_on_request(comparison, alloc, drawn):
    svg = render("epci_chart", comparison, alloc, lang="en")
    assert 'aria-label="Amount allocated per EPCI"' in svg
    texts = {text for text, *_ in drawn}
    assert {"Amount allocated per EPCI", "€0", "€200,000", "€400,000"} <= texts
    assert not any(NNBSP in text for text in texts)


def test_the_bars_are_the_tables_amounts(comparison):
    for entry in comparison.solved:
        alloc = entry.allocation
        epcis = by_epci(alloc)
        assert charts._group_amounts(alloc, "epci", [e.siren for e in alloc.territory.epcis]).tolist() == \
            epcis["amount_eur"].astype(float).tolist()
        priorities = by_priority(alloc)
        assert charts._group_amounts(alloc, "priority", [p.key for p in alloc.territory.priorities]).tolist() == \
            priorities["amount_eur"].astype(float).tolist()


def test_the_charts_do_not_leave_matplotlib_changed(comparison, alloc):
    from matplotlib import rcParams
    before = dict(rcParams)
    render("epci_chart", comparison, alloc)
    assert dict(rcParams) == before
    assert Path(charts._FONT_FILES[False]).is_file() and Path(charts._FONT_FILES[True]).is_file()
