"""The demo data is reproducible from its generator and says it is synthetic."""

from __future__ import annotations

from optimiser.loading import load_candidates
from optimiser.scenarios import DEMO_CANDIDATES
from optimiser.synthetic import DEMO_COMMENT, generate, write_french_csv
from optimiser.territory import load_territory


def test_shipped_demo_file_is_what_the_generator_writes(tmp_path):
    target = tmp_path / "demo.csv"
    write_french_csv(generate(), target, DEMO_COMMENT)
    assert target.read_bytes() == DEMO_CANDIDATES.read_bytes()


def test_demo_data_is_marked_synthetic_and_realistic():
    candidates = load_candidates(DEMO_CANDIDATES, load_territory())
    t = candidates.table
    assert candidates.metadata["synthetic"] == "true"
    assert t["name"].str.endswith("(fictif)").all()
    assert t["siren"].str.startswith("00").all()
    assert 100 <= len(t) <= 140 and t["epci"].nunique() == 8
    assert t["requested_eur"].between(20_000, 400_000).all()
    assert t["requested_eur"].sum() > 5 * 2_000_000                   # demand several times the envelope
    assert t["siren"].duplicated().any()                               # some companies bring two projects
    assert (t["de_minimis_received_eur"] > 0).any()
    assert (t["months_to_start"] > 24).any()                           # a few fail eligibility


def test_the_generator_writes_only_where_it_is_told(tmp_path, capsys, monkeypatch):
    import pytest

    from optimiser import synthetic

    before = DEMO_CANDIDATES.read_bytes()
    with pytest.raises(SystemExit) as caught:
        synthetic.main(["--help"])
    assert caught.value.code == 0 and "OUTPUT" in capsys.readouterr().out
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as caught:
        synthetic.main([])  # no output named: refused, nothing written
    assert caught.value.code == 2 and list(tmp_path.iterdir()) == []
    target = tmp_path / "demo.csv"
    assert synthetic.main([str(target)]) == 0
    assert target.read_bytes() == before  # the defaults are the shipped demo file
    with pytest.raises(SystemExit) as caught:
        synthetic.main([str(target), "--size", "5"])  # it exists: refused without --force
    assert caught.value.code == 2 and target.read_bytes() == before
    assert synthetic.main([str(target), "--size", "5", "--seed", "3", "--force"]) == 0
    assert len(load_candidates(target, load_territory()).table) == 5
    assert DEMO_CANDIDATES.read_bytes() == before  # the shipped file never touched
