"""Several scenarios on the same candidates: common indicators, a ranking, Pareto flags, and what moved.

Scenarios score with their own weights, so their own objective values cannot be compared; the ranking
uses the indicators of `indicators.py`, computed for every allocation under one reference scoring.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .allocation import Allocation
from .errors import InfeasibleError, InputError
from .indicators import PARETO, PARETO_LAYER, Context, Indicator, compute, indicators_for
from .messages import say
from .scoring import ScoreTable
from .study import Study

TOLERANCE = 1e-9
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"{d}{k}" for d in ("com", "lpt") for k in range(1, 10))}


@dataclass(frozen=True)
class Entry:
    label: str                       # the scenario file's stem
    path: Path
    study: Study | None              # None when the scenario is infeasible
    values: dict[str, float] = field(default_factory=dict)
    error: str = ""

    @property
    def allocation(self) -> Allocation | None:
        return self.study.allocation if self.study else None

    @property
    def name(self) -> str:
        return self.study.loaded.scenario.name if self.study else self.label


@dataclass(frozen=True)
class Comparison:
    entries: list[Entry]
    reference: str
    rank_by: str
    indicators: list[Indicator]
    ranking: list[tuple[str, int]]                        # (label, rank); equal values share a rank
    dominated_by: dict[str, list[tuple[str, list[str]]]]  # label -> [(better label, indicators strictly better)]
    changes: dict[str, pd.DataFrame]                       # label -> projects that moved against the reference
    reference_scores: ScoreTable

    def entry(self, label: str) -> Entry:
        return next(e for e in self.entries if e.label == label)

    @property
    def solved(self) -> list[Entry]:
        return [e for e in self.entries if e.study is not None]


def scenario_files(paths: list[Path]) -> list[Path]:
    """Files as given, folders expanded to their *.yaml (baseline first); duplicates dropped."""
    out: list[Path] = []
    for path in paths:
        found = sorted(path.glob("*.yaml"), key=lambda p: (p.stem != "baseline", p.stem)) if path.is_dir() else [path]
        if path.is_dir() and not found:
            raise InputError(say("run_compare_no_scenario", folder=path))
        out += [p for p in found if p.resolve() not in {q.resolve() for q in out}]
    labels = [p.stem for p in out]
    clashes = sorted({label for label in labels if labels.count(label) > 1})
    if clashes:
        raise InputError(say("run_compare_same_name", names=", ".join(clashes)))
    return out


def folder_name(label: str) -> str:
    """A scenario's folder name, safe on any system: letters, digits, `_`, `-` and inner dots only (no
    separator, no `..`, no leading dot), never a Windows device name (CON, NUL, COM1...), 100 characters at most."""
    name = re.sub(r"[^\w.-]", "_", label)[:100].strip(".") or "scenario"
    return f"_{name}" if name.split(".")[0].lower() in WINDOWS_DEVICES else name


def folder_names(labels: list[str], taken: set[str] | frozenset[str] = frozenset()) -> dict[str, str]:
    """One folder per label, distinct from each other and from `taken` even where case does not count."""
    used = {name.casefold() for name in taken}
    out = {}
    for label in labels:
        base = name = folder_name(label)
        k = 1
        while name.casefold() in used:
            k += 1
            name = f"{base}-{k}"
        used.add(name.casefold())
        out[label] = name
    return out


def compare(candidates: Path, scenarios: list[Path], reference: str | None = None,
            rank_by: str = PARETO_LAYER, progress: Callable[[str, int, int], None] | None = None) -> Comparison:
    """Run every scenario and compare them on the indicators; `progress("scenarios", done, total)` is told
    as each is solved."""
    paths = scenario_files(scenarios)
    entries = []
    for done, path in enumerate(paths):
        if progress:
            progress("scenarios", done, len(paths))
        try:
            study = Study.open(candidates, path)
            _ = study.allocation  # solved here: an infeasible scenario is an entry, not a failure
            entries.append(Entry(path.stem, path, study))
        except InfeasibleError as exc:
            entries.append(Entry(path.stem, path, None, error=str(exc)))
    if progress:
        progress("scenarios", len(paths), len(paths))
    labels = [e.label for e in entries]
    ref_label = _reference_label(reference, labels, paths)
    ref_entry = next(e for e in entries if e.label == ref_label)
    if ref_entry.study is None:
        raise InfeasibleError(say("run_compare_reference_infeasible", label=ref_label), [ref_entry.error])
    ref_scoring = ref_entry.study.scenario.scoring
    ref_scores = ref_entry.study.scores
    labels_by_pillar = {k: (p.label or k) for k, p in ref_scoring.pillars.items()}
    indicators = [PARETO, *indicators_for(list(ref_scoring.pillars), labels_by_pillar)]
    if rank_by not in {i.key for i in indicators}:
        raise InputError(say("run_compare_unknown_indicator", indicator=repr(rank_by),
                             known=", ".join(i.key for i in indicators if i.direction)))
    ref_funded = frozenset(ref_entry.allocation.table.loc[ref_entry.allocation.table["funded"], "id"])
    entries = [_with_values(e, indicators, ref_scores, ref_funded) for e in entries]
    by_key = {i.key: i for i in indicators}
    solved = [e for e in entries if e.study is not None]
    keys = [i for i in indicators if i.key_indicator]
    dominated = pareto({e.label: e.values for e in solved}, keys)
    layers = pareto_layers({e.label: e.values for e in solved}, keys)
    for e in solved:
        e.values[PARETO_LAYER] = float(layers[e.label])
    ranking = rank({e.label: e.values[rank_by] for e in solved}, by_key[rank_by].direction or "higher")
    moves = {e.label: changes(ref_entry.allocation, e.allocation) for e in solved if e.label != ref_label}
    return Comparison(entries, ref_label, rank_by, indicators, ranking, dominated, moves, ref_scores)


def _reference_label(reference: str | None, labels: list[str], paths: list[Path]) -> str:
    if reference is None:
        return "baseline" if "baseline" in labels else labels[0]
    wanted = Path(reference).stem
    if wanted not in labels:
        raise InputError(say("run_compare_unknown_reference", reference=repr(reference), labels=", ".join(labels)))
    return wanted


def _with_values(entry: Entry, indicators: list[Indicator], ref_scores: ScoreTable, ref_funded: frozenset) -> Entry:
    if entry.study is None:
        return entry
    alloc = entry.allocation
    ctx = Context(alloc.table, alloc.scenario.envelope_eur, alloc.territory, ref_scores.total, ref_scores.pillars,
                  ref_funded)
    return Entry(entry.label, entry.path, entry.study, compute(indicators, ctx))


def _better(a: float, b: float, direction: str) -> bool:
    """a strictly better than b (NaN is never better, and anything beats NaN)."""
    if math.isnan(a):
        return False
    if math.isnan(b):
        return True
    margin = TOLERANCE * max(1.0, abs(a), abs(b))
    return a > b + margin if direction == "higher" else a < b - margin


def rank(values: dict[str, float], direction: str) -> list[tuple[str, int]]:
    """Best first; equal values (within a relative 1e-9) share a rank, listed by label."""
    order = sorted(values, key=lambda k: (math.isnan(values[k]),
                                          -values[k] if direction == "higher" else values[k], k))
    out: list[tuple[str, int]] = []
    for position, label in enumerate(order, start=1):
        tied = out and not _better(values[out[-1][0]], values[label], direction) \
            and not _better(values[label], values[out[-1][0]], direction)
        out.append((label, out[-1][1] if tied else position))
    return out


def pareto_layers(values: dict[str, dict[str, float]], indicators: list[Indicator]) -> dict[str, int]:
    """Each scenario's Pareto layer on the key indicators: 1 for those no other dominates, 2 for those only
    layer 1 dominates, and so on. A ranking that favours none by construction: ties share a layer."""
    layers: dict[str, int] = {}
    left = dict(values)
    layer = 1
    while left:
        dominated = pareto(left, indicators)
        front = [label for label in left if not dominated[label]] or list(left)  # (ties within 1e-9 could cycle)
        for label in front:
            layers[label] = layer
            del left[label]
        layer += 1
    return layers


def pareto(values: dict[str, dict[str, float]], indicators: list[Indicator]) -> dict[str, list[tuple[str, list[str]]]]:
    """For each scenario, those at least as good on every key indicator and better on one, and where."""
    result: dict[str, list[tuple[str, list[str]]]] = {label: [] for label in values}
    for a, va in values.items():
        for b, vb in values.items():
            if a == b:
                continue
            worse = [i.key for i in indicators if _better(va[i.key], vb[i.key], i.direction)]
            better = [i.key for i in indicators if _better(vb[i.key], va[i.key], i.direction)]
            if better and not worse:
                result[a].append((b, better))
    return result


def changes(reference: Allocation, other: Allocation) -> pd.DataFrame:
    """Projects that enter, leave or change amount against the reference, and why."""
    ref = reference.table.set_index("id")
    new = other.table.set_index("id")
    floors = _binding_floors(other)
    rows = []
    for cid in sorted(set(ref.index[ref["funded"]]) | set(new.index[new["funded"]])):
        a, b = ref.loc[cid], new.loc[cid]
        if a["amount_eur"] == b["amount_eur"]:
            continue
        move = "enters" if not a["funded"] else "leaves" if not b["funded"] else "amount"
        unfunded = a if move == "enters" else b
        score_moved = not _same(a["score"], b["score"])
        if move == "amount":
            cause = "amount"
        elif move == "enters" and cid in floors:
            cause = "constraint"
        elif unfunded["reason_code"] in ("not_funded_budget", "not_selected") and score_moved:
            cause = "weights"
        elif unfunded["reason_code"] in ("not_funded_budget", "not_selected"):
            cause = "budget"
        else:
            cause = "constraint"
        rows.append({
            "id": cid, "name": b["name"], "epci": b["epci"], "priority": b["priority"], "move": move, "cause": cause,
            "amount_reference_eur": int(a["amount_eur"]), "amount_eur": int(b["amount_eur"]),
            "score_reference": a["score"], "score": b["score"], "rank_reference": a["rank"], "rank": b["rank"],
            "reason_reference": a["reason"], "reason": b["reason"],
        })
    columns = ["id", "name", "epci", "priority", "move", "cause", "amount_reference_eur", "amount_eur",
               "score_reference", "score", "rank_reference", "rank", "reason_reference", "reason"]
    return pd.DataFrame(rows, columns=columns)


def _binding_floors(alloc: Allocation) -> set[str]:
    """Ids of funded projects in a group whose minimum binds: the floor may be why they are in."""
    ids = alloc.table["id"].to_numpy()
    funded = alloc.table["funded"].to_numpy()
    out: set[str] = set()
    for state in alloc.rules:
        if state.at_lower:
            members = state.rule.members
            out |= set(ids[members][funded[members]].tolist())
    return out


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
