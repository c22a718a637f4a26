"""A study does each step once: one `allocate` scores, prepares and builds its problem once and parses
each expression once; one `sensitivity` run scores once and prepares and builds each model it needs once.

Calls are counted by wrapping the functions wherever a module of the package holds them (they are
imported by name), so that no import site escapes the count."""

from __future__ import annotations

import functools
import shutil
import sys
from collections import Counter
from contextlib import contextmanager
from functools import cached_property

import numpy as np
import pytest
from click.testing import CliRunner

from optimiser import expressions, formulation, rules, scoring
from optimiser.cli import cli as main
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR
from optimiser.study import Study

from .factories import TERRITORY, make_scenario, make_table


@contextmanager
def counted():
    """Count calls of score, prepare, the problem's build and each expression's parse."""
    calls: Counter = Counter()
    parsed: Counter = Counter()
    scenarios: Counter = Counter()
    expressions._parse.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        for name, original in (("score", scoring.score), ("prepare", rules.prepare)):
            def counting(*args, _name=name, _original=original, **kwargs):
                calls[_name] += 1
                if _name == "prepare":
                    scenarios[id(args[2] if len(args) > 2 else kwargs["scenario"])] += 1
                return _original(*args, **kwargs)
            for module in [m for key, m in sys.modules.items() if key.startswith("optimiser")]:
                for attr, value in list(vars(module).items()):
                    if value is original:
                        patch.setattr(module, attr, counting)
        build = formulation.Formulation.problem.func

        def counting_build(self):
            calls["build"] += 1
            return build(self)
        problem = cached_property(counting_build)
        problem.__set_name__(formulation.Formulation, "problem")
        patch.setattr(formulation.Formulation, "problem", problem)
        parse = expressions._parse.__wrapped__

        @functools.lru_cache(maxsize=4096)
        def counting_parse(text, condition):
            calls["parse"] += 1
            parsed[(text, condition)] += 1
            return parse(text, condition)
        patch.setattr(expressions, "_parse", counting_parse)
        yield calls, parsed, scenarios
    expressions._parse.cache_clear()


def test_one_allocate_does_each_step_once(tmp_path):
    with counted() as (calls, parsed, _):
        result = CliRunner().invoke(main, ["allocate", str(DEMO_CANDIDATES), "-s", str(SCENARIO_DIR / "baseline.yaml"),
                                           "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert calls["score"] == 1 and calls["prepare"] == 1 and calls["build"] == 1, calls
    assert parsed and max(parsed.values()) == 1, parsed  # every expression of the scenario, parsed once


def test_one_sensitivity_run_does_each_step_once(tmp_path):
    # Alone in its folder: no sibling scenario to place against the frontier (each would be its own study).
    (tmp_path / "base").mkdir()
    (tmp_path / "alone").mkdir()
    shutil.copy(SCENARIO_DIR / "baseline.yaml", tmp_path / "base")
    variant = tmp_path / "alone" / "short.yaml"
    variant.write_text("extends: ../base/baseline.yaml\nname: court\n"
                       "sensitivity: {explain: 1, frontier_points: 3, budget_steps: [1.0]}\n", encoding="utf-8")
    with counted() as (calls, parsed, scenarios):
        result = CliRunner().invoke(main, ["sensitivity", str(DEMO_CANDIDATES), "-s", str(variant),
                                           "--draws", "10", "--jobs", "1", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert calls["score"] == 1, calls  # the draws rescore with their own weights as arithmetic, not by `score`
    # Three models, each prepared and built once: the configured one; the draws' one, where the candidates
    # below `min_score` stay open (a draw's weights may lift them); the one without the company cap
    # (its price: the cap also sits in each project's ceiling, so lifting its row is not enough).
    assert calls["prepare"] == len(scenarios) == 3 and max(scenarios.values()) == 1, (calls, scenarios)
    assert calls["build"] == 3, calls
    assert parsed and max(parsed.values()) == 1, parsed


def test_a_scenario_whose_draws_change_no_eligibility_uses_one_model():
    table = make_table([{"score_in": s} for s in (80, 60, 40, 20)])
    study = Study.of(table, make_scenario(envelope_eur=200_000), TERRITORY)
    from optimiser.sensitivity import robustness

    with counted() as (calls, _, _):
        result = robustness(study, draws=8, seed=1)
    assert calls["prepare"] == 1 and calls["build"] == 1 and calls["score"] == 1, calls
    assert np.array_equal(result.draws.amounts[0] >= 0, np.ones(4, dtype=bool))


def test_a_variant_keeps_the_scores_when_the_grid_is_the_same():
    table = make_table([{"score_in": s} for s in (80, 60, 40)])
    study = Study.of(table, make_scenario(envelope_eur=200_000), TERRITORY)
    other = study.variant(study.scenario.model_copy(update={"envelope_eur": 100_000}))
    assert other.scores is study.scores
    assert other.formulation is not study.formulation
    assert other.allocation.total_eur <= 100_000 < study.allocation.total_eur
