"""French headers understood: a file headed as a French analyst heads it loads without a `columns:` mapping,
amounts in k€ are refused, two headers for one column are refused, and what the scenario says comes first."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml
from stdnum import luhn

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
    assert "never guesses a factor" in text and "(€)'" in text and repr(header)[1:-1] in text
    assert "missing" not in text  # the unit is the problem, said once


def test_an_amount_in_thousands_is_refused_even_when_the_scenario_maps_it(tmp_path: Path,
                                                                          territory: Territory) -> None:
    path = csv(tmp_path, "id;siren;name;epci;priority;Demande (k€)", f"D-1;{S1};Alpha;Val d'Ay;foncier;245")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, columns={"Demande (k€)": "requested_eur"})
    assert "gives amounts in k€" in problems(excinfo)


def test_two_headers_for_one_column_are_refused_and_the_scenario_decides(tmp_path: Path,
                                                                         territory: Territory) -> None:
    path = csv(tmp_path, "N° dossier;SIREN;Raison sociale;Nom du projet;EPCI;Priorité;Montant demandé",
               f"D-1;{S1};Alpha SAS;Ligne 4;Val d'Ay;foncier;50 000")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    text = problems(excinfo)
    assert "'Raison sociale' (column 3) and 'Nom du projet' (column 4) both read as column 'name'" in text
    assert "missing" not in text  # the ambiguity is the problem, said once
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
    assert set(data) <= set(CANONICAL)
    keys = [french_key(h) for headers in data.values() for h in headers]
    assert len(keys) == len(set(keys)), "a French header listed for two columns, or twice"
    assert all(key not in {french_key(c) for c in CANONICAL} for key in keys)
    assert len(known()) == len(keys)
