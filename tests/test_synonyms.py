"""French headers understood: a file headed as a French analyst heads it loads without a `columns:` mapping,
amounts in k€ are refused, two headers for one column are refused, and what the scenario says comes first."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
import yaml
from stdnum import luhn

from optimiser.config import load_scenario
from optimiser.errors import InputError
from optimiser.loading import CANONICAL, load_candidates
from optimiser.loading.synonyms import canonical_of, french_key, known
from optimiser.territory import Territory, load_territory

RNG = random.Random(7)
S1, S2 = ("".join(b + luhn.calc_check_digit(b)) for b in (f"{RNG.randrange(10**8):08d}" for _ in range(2)))
DATA = Path(__file__).parents[1] / "optimiser" / "data" / "headers" / "fr.yaml"


@pytest.fixture(scope="module")
def territory() -> Territory:
    return load_territory()


def csv(tmp_path: Path, header: str, *rows: str) -> Path:
    path = tmp_path / "candidats.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig"))
    return path


def problems(excinfo: pytest.ExceptionInfo[InputError]) -> str:
    return str(excinfo.value)


def test_a_french_file_loads_without_a_mapping(tmp_path: Path, territory: Territory) -> None:
    path = csv(tmp_path, "N° dossier;N° SIREN;Raison sociale;Intercommunalité;Priorité;Montant demandé (€);"
                         "Montant minimum (€);Effectif (ETP);Chiffre d’affaires (€ HT)",
               f"D-2;{S1};Alpha SAS;Val d'Ay;foncier;245 000;100 000;12;1 500 000",
               f"D-1;{S2};Beta SARL;Val d'Ay;foncier;80 000;;3;")
    table = load_candidates(path, territory).table
    assert table["id"].tolist() == ["D-1", "D-2"]
    assert table["name"].tolist() == ["Beta SARL", "Alpha SAS"]
    assert table["requested_eur"].tolist() == [80_000, 245_000]
    assert table["min_eur"].tolist() == [80_000, 100_000]  # empty: the whole request
    assert table["employees"].tolist() == [3, 12]
    assert table.loc[1, "turnover_eur"] == 1_500_000
    assert table["siren"].tolist() == [S2, S1]


@pytest.mark.parametrize("header", ["Montant demandé (k€)", "Montant demandé en k€", "Montant sollicité (K€)",
                                    "Montant demandé (milliers d'euros)", "Aide demandée (M€)"])
def test_an_amount_in_thousands_is_refused_with_what_to_write(tmp_path: Path, territory: Territory,
                                                              header: str) -> None:
    path = csv(tmp_path, f"N° dossier;SIREN;Raison sociale;EPCI;Priorité;{header}",
               f"D-1;{S1};Alpha;Val d'Ay;foncier;245")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    text = problems(excinfo)
    assert "ne devine jamais un facteur" in text and "(€) »" in text and repr(header)[1:-1] in text
    assert "manquante" not in text  # the unit is the problem, said once


def test_an_amount_in_thousands_is_refused_even_when_the_scenario_maps_it(tmp_path: Path,
                                                                          territory: Territory) -> None:
    path = csv(tmp_path, "id;siren;name;epci;priority;Demande (k€)", f"D-1;{S1};Alpha;Val d'Ay;foncier;245")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, columns={"Demande (k€)": "requested_eur"})
    assert "donne des montants en k€" in problems(excinfo)


def test_two_headers_for_one_column_are_refused_and_the_scenario_decides(tmp_path: Path,
                                                                         territory: Territory) -> None:
    path = csv(tmp_path, "N° dossier;SIREN;Raison sociale;Nom du projet;EPCI;Priorité;Montant demandé",
               f"D-1;{S1};Alpha SAS;Ligne 4;Val d'Ay;foncier;50 000")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    text = problems(excinfo)
    assert "'Raison sociale' (colonne 3) et 'Nom du projet' (colonne 4) se lisent tous deux comme la colonne « name »" \
        in text
    assert "manquante" not in text  # the ambiguity is the problem, said once
    assert "columns: {'Raison sociale': name}" in text
    table = load_candidates(path, territory, columns={"Nom du projet": "name"}).table
    assert table.loc[0, "name"] == "Ligne 4"
    assert table.loc[0, "Raison sociale"] == "Alpha SAS"  # the other stays, under its own header


def test_a_canonical_header_comes_before_a_french_one(tmp_path: Path, territory: Territory) -> None:
    path = csv(tmp_path, "id;siren;name;epci;priority;requested_eur;Montant demandé",
               f"D-1;{S1};Alpha;Val d'Ay;foncier;50 000;60 000")
    table = load_candidates(path, territory).table
    assert table.loc[0, "requested_eur"] == 50_000
    assert table.loc[0, "Montant demandé"] == 60_000


@pytest.mark.parametrize(("header", "column"), [
    ("N° de dossier", "id"), ("Nº dossier", "id"), ("no dossier", "id"), ("NUMÉRO DE DOSSIER", "id"),
    ("Numero de dossier", "id"), ("  Raison   sociale ", "name"), ("raison sociale", "name"),
    ("Montant demande", "requested_eur"), ("Montant demandé en euros", "requested_eur"),
    ("Montant demandé €", "requested_eur"), ("Montant demandé [EUR]", "requested_eur"),
    ("Nombre de salariés", "employees"), ("Chiffre d'affaires", "turnover_eur"),
])
def test_variants_of_a_header_read_alike(header: str, column: str) -> None:
    assert canonical_of(header) == (column, None)


@pytest.mark.parametrize("header", ["Effectif (€)", "N° dossier (interne)", "Montant", "Nom", "Montant demandé (%)"])
def test_a_unit_that_is_not_the_columns_own_keeps_the_header_as_it_is(header: str) -> None:
    assert canonical_of(header) == (None, None)


def test_the_data_file_names_canonical_columns_and_no_header_twice() -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert set(data) <= set(CANONICAL) | scored_columns()
    keys = [french_key(h) for headers in data.values() for h in headers]
    assert len(keys) == len(set(keys)), "a French header listed for two columns, or twice"
    assert all(key not in {french_key(c) for c in CANONICAL} for key in keys)
    assert len(known()) == len(keys)


def scored_columns() -> set[str]:
    """The columns the shipped scenarios score with or test in a rule."""
    from optimiser.scenarios import numeric_columns, shipped_scenarios

    return {c for path in shipped_scenarios() for c in numeric_columns(load_scenario(path))}


def test_a_call_typed_in_french_excel_allocates_without_a_mapping(tmp_path: Path, capsys) -> None:
    """15 projects headed as the template heads them, saved by French Excel (Windows-1252, `;`, `150 000 €`,
    `13,5 %`), allocate under the shipped baseline's grid and rules with no `columns:`, exactly as the same data
    with the columns' own names."""
    from optimiser.catalogue.columns import FRENCH_HEADERS
    from optimiser.cli import main
    from optimiser.scenarios import SCENARIO_DIR
    from optimiser.synthetic import generate, write_french_csv

    table = generate(15, seed=11, spellings=False).drop(columns=["sector"])
    assert set(table.columns) <= set(FRENCH_HEADERS)

    def cell(column: str, value: object) -> str:
        if value is None or (isinstance(value, float) and value != value):
            return ""
        if column.endswith("_eur"):
            return f"{int(value):,}".replace(",", "\u00a0") + "\u00a0€"
        if isinstance(value, float):
            text = (f"{value:.0f}" if value.is_integer() else f"{value:g}").replace(".", ",")
            return text + ("\u00a0%" if column.endswith("_pct") else "")
        return str(value)

    lines = [";".join(FRENCH_HEADERS[c] for c in table.columns)]
    lines += [";".join(cell(c, v) for c, v in zip(table.columns, row, strict=True))
              for row in table.itertuples(index=False)]
    french = tmp_path / "appel.csv"
    french.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    assert b"\xa0\x80" in french.read_bytes()  # `150 000 €` as Windows-1252 writes it
    plain = tmp_path / "plain.csv"
    write_french_csv(table, plain)

    scenario = tmp_path / "appel.yaml"  # the baseline's grid and rules, sized for 15 projects
    scenario.write_text(f"extends: {SCENARIO_DIR / 'baseline.yaml'}\nname: Appel de 15 projets\n"
                        "envelope_eur: 600000\nconstraints:\n  priority: {transition: {min_share: 0.1}}\n"
                        "  totals: [{column: jobs_created, min: 10, label: Emplois créés}]\n", encoding="utf-8")
    results = {}
    for name, path in (("french", french), ("plain", plain)):
        with pytest.raises(SystemExit) as caught:
            main(["allocate", str(path), "-s", str(scenario), "-o", str(tmp_path / name),
                  "--csv", "plain"])
        assert caught.value.code == 0, capsys.readouterr().err
        results[name] = pd.read_csv(tmp_path / name / "allocation.csv", dtype={"siren": str})
    assert results["french"]["amount_eur"].sum() > 0
    columns = ["id", "siren", "score", "funded", "amount_eur", "reason_code"]
    pd.testing.assert_frame_equal(results["french"][columns], results["plain"][columns])
