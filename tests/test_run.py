"""A request's execution tells each long stage as it goes (no stage silent), and telling it changes nothing."""

from __future__ import annotations

import pytest

from optimiser.app import run
from optimiser.app.outdir import Outdir
from optimiser.app.requests import AllocateRequest, CompareRequest, RecordRequest, absolute
from optimiser.catalogue import t
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

BASELINE = SCENARIO_DIR / "baseline.yaml"


def stages_of(request, tmp_path, name: str) -> tuple[list[str], list[tuple[str, int, int]], run.Result]:
    told: list[tuple[str, int, int]] = []
    with Outdir(tmp_path / name, False) as out:
        result = run.run_into(out, request, progress=lambda *event: told.append(event))
    return list(dict.fromkeys(stage for stage, _, _ in told)), told, result


def ends_done(told: list[tuple[str, int, int]]) -> bool:
    by_stage: dict[str, list[tuple[int, int]]] = {}
    for stage, done, total in told:
        by_stage.setdefault(stage, []).append((done, total))
    return all(events[-1][0] == events[-1][1] and len({total for _, total in events}) == 1
               for events in by_stage.values())


def decision(tmp_path):
    path = tmp_path / "decision.yaml"
    path.write_text(f"extends: {BASELINE}\noverrides:\n  - {{id: P004, decision: retenir, reason: Projet pilote du "
                    "territoire., by: Comité, date: 2026-12-10}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["allocate", "record", "compare"])
def test_every_stage_is_told_and_ends_done(tmp_path, kind):
    if kind == "allocate":
        request = AllocateRequest(candidates=absolute(DEMO_CANDIDATES), scenario=absolute(BASELINE), lang="fr",
                                  csv="excel")
        expected = ["reading", "solving", "writing"]
    elif kind == "record":
        request = RecordRequest(candidates=absolute(DEMO_CANDIDATES), scenario=absolute(decision(tmp_path)),
                                date="2026-12-10", lang="fr", csv="excel")
        expected = ["reading", "solving", "overrides", "writing"]
    else:
        request = CompareRequest(candidates=absolute(DEMO_CANDIDATES), scenarios=[absolute(BASELINE)], reference=None,
                                 rank_by="pareto_layer", lang="fr", csv="excel")
        expected = ["scenarios", "writing"]
    stages, told, result = stages_of(request, tmp_path, "told")
    assert stages == expected and ends_done(told)
    for stage in stages:
        assert t(f"stage_{stage}", "fr") != t(f"stage_{stage}", "en")
    with Outdir(tmp_path / "quiet", False) as out:
        quiet = run.run_into(out, request)
    assert run.flat(quiet.folders) == run.flat(result.folders)
