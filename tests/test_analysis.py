"""`optimiser sensitivity`'s analyses tell their progress stage by stage (no stage is silent), and telling it
changes nothing of the result."""

from __future__ import annotations

from optimiser.analysis import analyse
from optimiser.catalogue import t
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

STAGES = ["draws", "prices", "budget", "frontier", "placing", "explanations"]


def test_every_stage_is_told_in_order_up_to_its_total() -> None:
    told: list[tuple[str, int, int]] = []
    baseline = SCENARIO_DIR / "baseline.yaml"
    result = analyse(DEMO_CANDIDATES, baseline, 12, 1, 1, [baseline], lambda *event: told.append(event))
    stages = list(dict.fromkeys(stage for stage, _, _ in told))
    assert stages == STAGES
    for stage in STAGES:
        events = [(done, total) for s, done, total in told if s == stage]
        totals = {total for _, total in events}
        assert len(totals) == 1 and events[-1][0] == events[-1][1], (stage, events)  # ends done
        assert [done for done, _ in events] == sorted(done for done, _ in events)
    quiet = analyse(DEMO_CANDIDATES, baseline, 12, 1, 1, [baseline])
    assert quiet.prices.equals(result.prices) and quiet.budget.equals(result.budget)
    assert quiet.robustness.candidates.equals(result.robustness.candidates)


def test_every_stage_has_a_name_in_french_and_in_english() -> None:
    for stage in STAGES:
        assert t(f"stage_{stage}", "fr") and t(f"stage_{stage}", "en")
