"""Loading candidates: French-Excel CSVs and workbooks read alike, and every problem reported at once."""

from __future__ import annotations

import hashlib
import io
import math
import random
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.fr import siren as siren_number

from optimiser import messages
from optimiser.errors import InputError
from optimiser.loading import CANONICAL, Candidates, load_candidates, parse_number
from optimiser.territory import Territory, load_territory

NBSP = "\u00a0"
NNBSP = "\u202f"


# -- helpers -----------------------------------------------------------------------------------------

def make_siren(rng: random.Random) -> str:
    """A valid SIREN: 8 random digits and their Luhn check digit."""
    base = f"{rng.randrange(10**8):08d}"
    return base + luhn.calc_check_digit(base)


RNG = random.Random(2024)
S1, S2, S3 = (make_siren(RNG) for _ in range(3))
S0 = "00" + (base := f"{RNG.randrange(10**6):06d}") + luhn.calc_check_digit("00" + base)  # leading zeros


@pytest.fixture(scope="module")
def territory() -> Territory:
    return load_territory()


@pytest.fixture(autouse=True)
def english() -> object:
    """Most tests here pin the reader's English wording byte for byte (`--lang en`); those about the French
    (the default) say `messages.using("fr")`, and tests/test_messages.py checks both."""
    with messages.using("en"):
        yield


def write_text(tmp_path: Path, lines: Sequence[str], name: str = "candidats.csv",
               encoding: str = "utf-8-sig", newline: str = "\r\n") -> Path:
    """A CSV as Excel saves it: CRLF line ends, BOM by default."""
    path = tmp_path / name
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


def write_xlsx(tmp_path: Path, sheets: dict[str, list[list[object]]], name: str = "candidats.xlsx",
               formats: dict[tuple[str, int, int], str] | None = None) -> Path:
    """A workbook with the given sheets (rows of values) and number formats by (sheet, row, column)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for (title, row, column), fmt in (formats or {}).items():
        workbook[title].cell(row=row, column=column).number_format = fmt
    path = tmp_path / name
    workbook.save(path)
    return path


def problems_of(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


# The same three projects, as French Excel shows them.
FRENCH_HEADER = ("id;siren;name;epci;priority;requested_eur;min_eur;eligible_cost_eur;turnover_eur;"
                 "export_share_pct;sector")
FRENCH_ROWS = [
    f"P2;{S2[:3]} {S2[3:6]} {S2[6:]};Forges du Doux;Annonay Rhône Agglo;innovation;"
    f"1{NBSP}234{NBSP}000 €;500{NBSP}000 €;2{NBSP}500{NBSP}000,50 €;12{NBSP}345{NBSP}678,9;12,5 %;Métallurgie",
    f"P10;{S1};Ateliers de l’Eyrieux;Val’Eyrieux;transition;80 000;;;;7 %;Bois",
    f"P1;{S3};Plasturgie Rhône;200041366;Accélérer la transition écologique et énergétique;"
    f"150000;150000;300000;;;Plasturgie",
]


def check_french_table(candidates: Candidates) -> None:
    table = candidates.table
    assert table["id"].tolist() == ["P1", "P10", "P2"]  # plain string order
    assert list(table.index) == [0, 1, 2]
    assert table["row"].tolist() == [5, 4, 3]  # comment on line 1, header on line 2
    assert table["siren"].tolist() == [S3, S1, S2]
    assert table["epci"].tolist() == ["200041366", "200041465", "200072015"]
    assert table["priority"].tolist() == ["transition", "transition", "innovation"]
    assert table["requested_eur"].tolist() == [150_000, 80_000, 1_234_000]
    assert table["min_eur"].tolist() == [150_000, 80_000, 500_000]
    assert table["requested_eur"].dtype == np.int64 and table["min_eur"].dtype == np.int64
    assert table["eligible_cost_eur"].tolist()[0] == 300_000
    assert math.isnan(table["eligible_cost_eur"].iat[1])
    assert table["eligible_cost_eur"].iat[2] == 2_500_000.5
    assert table["turnover_eur"].iat[2] == pytest.approx(12_345_678.9)
    assert table["export_share_pct"].tolist()[1:] == [7.0, 12.5]  # percentage points
    assert table["export_share_pct"].dtype == np.float64
    assert table["sector"].tolist() == ["Plasturgie", "Bois", "Métallurgie"]
    assert table["name"].iat[1] == "Ateliers de l’Eyrieux"
    assert table["group_id"].tolist() == [S3, S1, S2]
    assert table["de_minimis_received_eur"].tolist() == [0.0, 0.0, 0.0]
    assert table["other_public_aid_eur"].tolist() == [0.0, 0.0, 0.0]
    assert table["aid_regime"].tolist() == [None, None, None]
    assert set(CANONICAL) <= set(table.columns)
    assert candidates.metadata == {"synthetic": "true"}
    assert candidates.sha256 == hashlib.sha256(candidates.path.read_bytes()).hexdigest()


# -- reading the formats -----------------------------------------------------------------------------

def test_french_excel_csv(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["# synthetic: true", FRENCH_HEADER, *FRENCH_ROWS])
    before = path.read_bytes(), path.stat().st_mtime_ns
    check_french_table(load_candidates(path, territory))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # read-only


def test_windows_1252_csv(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["# synthetic: true", FRENCH_HEADER, *FRENCH_ROWS], encoding="cp1252")
    raw = path.read_bytes()
    assert all(byte in raw for byte in (b"\xa0", b"\x80", b"\x92", b"\xe9"))  # NBSP, €, ’, é in Windows-1252
    check_french_table(load_candidates(path, territory))


def test_comma_separated_csv_with_quotes(tmp_path: Path, territory: Territory) -> None:
    def quoted(row: str) -> str:
        return ",".join(f'"{cell}"' if ("," in cell or " " in cell) else cell for cell in row.split(";"))

    path = write_text(tmp_path, ["# synthetic: true", FRENCH_HEADER.replace(";", ","), *map(quoted, FRENCH_ROWS)],
                      encoding="utf-8", newline="\n")
    check_french_table(load_candidates(path, territory))


def test_tab_separated_utf16_and_excel_separator_hint(tmp_path: Path, territory: Territory) -> None:
    rows = [r.replace(";", "\t") for r in FRENCH_ROWS]
    path = write_text(tmp_path, ["# synthetic: true", FRENCH_HEADER.replace(";", "\t"), *rows],
                      name="export.txt", encoding="utf-16")
    check_french_table(load_candidates(path, territory))
    path = write_text(tmp_path, ["sep=;", FRENCH_HEADER.replace("sector", "sector, free text"), *FRENCH_ROWS])
    table = load_candidates(path, territory).table
    assert table["row"].tolist() == [5, 4, 3] and "sector, free text" in table


def test_quoted_multiline_cell_keeps_physical_line_numbers(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur",
        f'A;{S1};"Nom sur\ndeux lignes";Val d\'Ay;foncier;1000',
        "",
        ";;;;;",
        f"B;{S2};Autre;Val d'Ay;foncier;x",
    ], newline="\n")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv, row 6, column requested_eur: 'x' is not a number "
        "(expected the amount requested, in whole euros, greater than 0)"]


def test_xlsx_percent_cells_and_a_named_sheet(tmp_path: Path, territory: Territory) -> None:
    header = ["id", "siren", "name", "epci", "priority", "requested_eur", "min_eur", "employees",
              "export_share_pct", "rd_share_pct", "comment"]
    rows = [
        ["# synthetic: true"],
        [],
        header,
        ["P2", int(S2), "Forges", "Annonay Rhône Agglo", "innovation", 120000, None, 12, 0.125, "7 %", "ok"],
        [],
        ["P1", int(S0), "Bois", "Val d'Ay", "foncier", "80 000 €", 40000.00000000001, None, 0.07, 3, 4.5],
    ]
    formats = {("Candidats", 4, 9): "0.0%", ("Candidats", 6, 9): "0 %"}
    path = write_xlsx(tmp_path, {"Notes": [["Lisez-moi"], ["rien ici"]], "Candidats": rows}, formats=formats)
    candidates = load_candidates(path, territory, sheet="Candidats")
    table = candidates.table
    assert table["id"].tolist() == ["P1", "P2"]
    assert table["row"].tolist() == [6, 4]  # the sheet's own row numbers
    assert table["siren"].tolist() == [S0, S2]  # the Excel number lost the leading zeros; they are back
    assert table["requested_eur"].tolist() == [80_000, 120_000]
    assert table["min_eur"].tolist() == [40_000, 120_000]  # formula noise is not cents
    assert table["export_share_pct"].tolist() == [7.0, 12.5]  # 0.07 shown as 7 % -> 7 points, exactly
    assert table["rd_share_pct"].tolist() == [3.0, 7.0]
    assert table["comment"].tolist() == ["4.5", "ok"]  # mixed -> text
    assert table["employees"].iat[1] == 12 and math.isnan(table["employees"].iat[0])
    assert candidates.metadata == {"synthetic": "true"}

    with pytest.raises(InputError, match=r"no sheet named 'Candidates' \(sheets: 'Notes', 'Candidats'\)"):
        load_candidates(path, territory, sheet="Candidates")
    with pytest.raises(InputError, match="missing required columns id, siren, name, epci, priority, requested_eur"):
        load_candidates(path, territory)  # the first sheet is not the candidates one


def test_xlsx_booleans_and_dates_are_not_numbers(tmp_path: Path, territory: Territory) -> None:
    import datetime as dt

    rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "employees", "jobs"],
            ["A", S1, "A", "Val d'Ay", "foncier", True, dt.datetime(2024, 3, 1), "#DIV/0!"]]
    path = write_xlsx(tmp_path, {"Feuil1": rows})
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, numeric=["jobs"])
    assert problems_of(excinfo) == [
        "candidats.xlsx, row 2, column requested_eur: TRUE is not a number "
        "(expected the amount requested, in whole euros, greater than 0)",
        "candidats.xlsx, row 2, column employees: the date/time 2024-03-01 is not a number "
        "(expected a number, 0 or more)",
        "candidats.xlsx, row 2, column jobs: this cell shows the error #DIV/0! (a formula that fails): correct the "
        "formula or type the value",
    ]


# -- columns ----------------------------------------------------------------------------------------

def test_columns_mapping_and_tolerant_headers(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "  Identifiant ;SIREN;Raison  sociale;EPCI;Priorité;Montant demandé (€);Emplois créés;Code postal",
        f"A;{S1};Alpha;Val d'Ay;foncier;10 000;3;07100",
    ])
    columns = {"identifiant": "id", "raison sociale": "name", "PRIORITÉ": "priority",
               "Montant  demandé (€)": "requested_eur", "Emplois créés": "jobs_created"}
    table = load_candidates(path, territory, columns=columns, numeric=["jobs_created"]).table
    assert table.loc[0, ["id", "name", "priority", "requested_eur", "jobs_created"]].tolist() == \
        ["A", "Alpha", "foncier", 10_000, 3.0]
    assert table.loc[0, "Code postal"] == "07100"  # a code with a leading zero stays text
    assert math.isnan(table.loc[0, "employees"])


def test_a_mapping_key_that_matches_no_header_is_named_with_its_yaml_path_and_the_closest_header(
        tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;Nom commercial;epci;priority;requested_eur",
        f"A;{S1};Alpha;Val d'Ay;foncier;10 000",
    ])
    columns = {"Nom comercial": "name", "Effectif": "employees"}
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, columns=columns,
                        columns_where={"Nom comercial": "appel.yaml: columns.'Nom comercial'"})
    found = "headers found on row 1: 'id', 'siren', 'Nom commercial', 'epci', 'priority', 'requested_eur'"
    assert problems_of(excinfo) == [
        f"appel.yaml: columns.'Nom comercial': no header 'Nom comercial' in candidats.csv; did you mean "
        f"'Nom commercial'? ({found})",
        f"scenario: columns.'Effectif': no header 'Effectif' in candidats.csv ({found})",
    ]  # and not "missing required column name": the mapping is the mistake
    table = load_candidates(path, territory, columns={"Nom commercial": "name", "id": "id"}).table
    assert table.loc[0, "name"] == "Alpha"  # a key naming a column present under its own name is harmless


def test_two_headers_for_one_column(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur;Montant",
        f"A;{S1};Alpha;Val d'Ay;foncier;10 000;10 000",
    ])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, columns={"Montant": "requested_eur"})
    assert problems_of(excinfo) == [
        "candidats.csv, column Montant: the headers 'requested_eur' (column 6) and 'Montant' (column 7) "
        "both give column 'requested_eur'"]


def test_defaults_and_optional_columns(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur;min_eur;group_id;de_minimis_received_eur;aid_regime;score",
        f"A;{S1};Alpha;Val d'Ay;foncier;10 000;;;;;1,5",
        f"B;{S2};Beta;Val d'Ay;foncier;20 000;0;GRP;12 000;De minimis;",
        f"C;{S3};Gamma;Val d'Ay;foncier;30 000;5000;;;GBER_ART17;2",
    ])
    table = load_candidates(path, territory).table
    assert table["min_eur"].tolist() == [10_000, 0, 5_000]
    assert table["group_id"].tolist() == [S1, "GRP", S3]
    assert table["de_minimis_received_eur"].tolist() == [0.0, 12_000.0, 0.0]
    assert table["other_public_aid_eur"].tolist() == [0.0, 0.0, 0.0]
    assert table["aid_regime"].tolist() == [None, "de_minimis", "gber_art17"]
    assert table["score"].iloc[[0, 2]].tolist() == [1.5, 2.0] and math.isnan(table["score"].iat[1])
    assert math.isnan(table["employees"].iat[0])
    assert table.columns[0] == "row" and list(table.columns[1:len(CANONICAL) + 1]) == list(CANONICAL)
    assert [table[c].dtype.kind for c in ("row", "requested_eur", "min_eur", "employees", "score")] == list("iiiff")
    assert all(isinstance(v, str) for c in ("id", "siren", "name", "epci", "priority", "group_id") for v in table[c])


# -- errors -----------------------------------------------------------------------------------------

def test_every_problem_reported_at_once(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "# source: test",
        "id;siren;name;epci;priority;requested_eur;min_eur;aid_regime;employees;other_public_aid_eur;jobs;note",
        f"P1;{S1};Alpha;Val d'Ay;transition;100 000;50 000;;12;;3;",          # line 3: fine
        f"P1;{S2};Beta;Vallée du Doux;innov;12,50;200;gber17;-3;;x;",          # line 4
        ";12345;;;;0;;;abc;-1;;",                                              # line 5
        f"P4;{S1[:8]}{(int(S1[8]) + 1) % 10};Delta;Arche;foncier;;;;;;;",      # line 6: bad check digit
        f"P5;{S1};Epsilon;Arche Agglo;foncier;1000;2000;;TRUE;;;;extra",       # line 7
    ])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, numeric=["jobs", "tco2e"])
    error = excinfo.value
    assert error.title == "candidats.csv: 22 problems in the candidates file"
    problems = problems_of(excinfo)
    assert len(problems) == 22
    bad_check = f"{S1[:8]}{(int(S1[8]) + 1) % 10}"
    for expected in [
        "candidats.csv: column 'tco2e' is used by the scenario but is not in candidats.csv (columns found: "
        "'id', 'siren', 'name', 'epci', 'priority', 'requested_eur', 'min_eur', 'aid_regime', 'employees', "
        "'other_public_aid_eur', 'jobs', 'note'; map a header of another name onto it with the scenario's "
        "`columns`)",
        "candidats.csv, row 4, column id: duplicate id 'P1' (also on row 3); ids must be unique",
        "candidats.csv, row 4, column priority: unknown priority 'innov'; did you mean 'innovation'?",
        "candidats.csv, row 4, column requested_eur: '12,50' is not a whole number of euros "
        "(amounts are in whole euros: remove the cents)",
        "candidats.csv, row 4, column aid_regime: 'gber17' is not a state-aid regime (did you mean 'gber_art17'? "
        "expected one of: none, de_minimis, gber_art17, gber_art14_afr, gber_art36, gber_art38)",
        "candidats.csv, row 4, column employees: '-3' is negative (expected a number, 0 or more)",
        "candidats.csv, row 4, column jobs: 'x' is not a number (the scenario uses column 'jobs' as a number)",
        "candidats.csv, row 5, column id: empty cell (every project needs an id)",
        "candidats.csv, row 5, column siren: '12345' is not a valid SIREN "
        "(expected 9 digits with a valid check digit)",
        "candidats.csv, row 5, column name: empty cell (expected the company's or project's name)",
        "candidats.csv, row 5, column epci: empty cell (expected the EPCI's name or SIREN)",
        "candidats.csv, row 5, column priority: empty cell (expected a priority key or label)",
        "candidats.csv, row 5, column requested_eur: '0' is not greater than 0 "
        "(expected the amount requested, in whole euros, greater than 0)",
        "candidats.csv, row 5, column employees: 'abc' is not a number (expected a number, 0 or more)",
        "candidats.csv, row 5, column other_public_aid_eur: '-1' is negative "
        "(expected an amount in euros, 0 or more; empty means 0)",
        f"candidats.csv, row 6, column siren: '{bad_check}' is not a valid SIREN "
        "(expected 9 digits with a valid check digit)",
        "candidats.csv, row 6, column epci: unknown EPCI 'Arche'; did you mean 'CA Arche Agglo'?",
        "candidats.csv, row 6, column requested_eur: empty cell "
        "(expected the amount requested, in whole euros, greater than 0)",
        "candidats.csv, row 7: the row has 13 fields but the header has 12 "
        "(a value containing ';' without quotes around it?)",
        "candidats.csv, row 7, column min_eur: '2000' is above the amount requested ('1000'); "
        "min_eur must be between 0 and requested_eur",
        "candidats.csv, row 7, column employees: 'TRUE' is not a number (expected a number, 0 or more)",
    ]:
        assert expected in problems
    assert any(p.startswith("candidats.csv, row 4, column epci: unknown EPCI 'Vallée du Doux'") for p in problems)
    # ordered by row, file-level problems first
    rows = [int(p.split(", row ")[1].split(",")[0].split(":")[0]) if ", row " in p else 0 for p in problems]
    assert rows == sorted(rows)
    assert str(error).startswith("candidats.csv: 22 problems in the candidates file\n  - candidats.csv: column")


def test_unknown_epci_suggests_the_closest_name(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur",
        f"A;{S1};Alpha;Pays de Lamstre;foncier;1000",
        f"B;{S2};Beta;Annonay;foncier;1000",
    ])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv, row 2, column epci: unknown EPCI 'Pays de Lamstre'; did you mean 'CC du Pays de Lamastre'?",
        "candidats.csv, row 3, column epci: unknown EPCI 'Annonay'; did you mean 'CA Annonay Rhône Agglo'?",
    ]


def test_missing_required_columns_name_them_and_the_headers_found(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["# a comment", "Code interne;siren;nom;epci;priority;requested_euro",
                                 f"A;{S1};Alpha;Val d'Ay;foncier;1000"])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv: missing required columns id, name, requested_eur (headers found on row 2: 'Code interne', "
        "'siren', 'nom', 'epci', 'priority', 'requested_euro'; 'requested_eur' is close to 'requested_euro'); "
        "rename the headers or map them with the scenario's `columns`"]
    with messages.using("fr"), pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert excinfo.value.title == "candidats.csv : 1 problème dans le fichier des candidats"
    assert [(p.where, p.message) for p in excinfo.value.problems] == [(
        "candidats.csv", "colonnes obligatoires manquantes : id, name, requested_eur (en-têtes trouvés en ligne 2 : "
        "'Code interne', 'siren', 'nom', 'epci', 'priority', 'requested_euro' ; 'requested_eur' ressemble à "
        "'requested_euro') ; renommez les en-têtes ou faites-les correspondre avec `columns` dans le scénario")]


def test_reserved_and_unnamed_columns(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur;row;;",
        f"A;{S1};Alpha;Val d'Ay;foncier;1000;1;note;",
    ])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv, column row: the header 'row' is reserved for the row number the tool adds; "
        "rename it or map it to another name with `columns`",
        "candidats.csv, column 8: this column has no header but holds values (first 'note' on row 2); "
        "give it a header or delete it",
    ]
    # an empty trailing column (a trailing separator) is fine
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur;", f"A;{S1};Alpha;Val d'Ay;foncier;1000;"])
    assert load_candidates(path, territory).table.columns[-1] == "aid_regime"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "candidats.csv: the file is empty"),
    (b"\r\n \r\n", "candidats.csv: the file is empty"),
    (b"# synthetic: true\n", "candidats.csv: the file is only comments and no header row"),
    (b"id;siren;name;epci;priority;requested_eur\n;;;;;\n", "candidats.csv: no data rows under the header (line 1)"),
    (b"PK\x03\x04rest", "candidats.csv: this is an Excel workbook"),
    (b"\x00\x01\x02", "candidats.csv: this is a binary file"),
    (b"id;name\n\x81\x8d\x8f", "candidats.csv: the file is neither UTF-8 nor Windows-1252 text"),
    (b'id;siren;name;epci;priority;requested_eur\nA;1\n"B;2\nC;3\n', "candidats.csv, line 3: the CSV cannot be read"),
    (b'id;siren;name;epci;priority;requested_eur\n"A"x;1\n', "candidats.csv, line 2: the CSV cannot be read"),
    (b'"id;siren;name\n', "candidats.csv, line 1: the CSV cannot be read"),
])
def test_unreadable_csv(tmp_path: Path, territory: Territory, content: bytes, message: str) -> None:
    path = tmp_path / "candidats.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert str(excinfo.value).startswith(message)


def test_missing_wrong_kind_and_corrupt_files(tmp_path: Path, territory: Territory) -> None:
    with pytest.raises(InputError, match="Candidates file not found: .*absent.csv"):
        load_candidates(tmp_path / "absent.csv", territory)
    with pytest.raises(InputError, match="is not a file"):
        load_candidates(tmp_path, territory)
    (tmp_path / "candidats.ods").write_bytes(b"x")
    with pytest.raises(InputError, match=r"candidats.ods: not a candidates file \(expected a .csv, .txt, .xlsx "
                                         r"or .xlsm file, got '.ods'\)"):
        load_candidates(tmp_path / "candidats.ods", territory)
    (tmp_path / "candidats.xlsx").write_bytes(b"id;siren\n")
    with pytest.raises(InputError, match="candidats.xlsx: not a readable Excel workbook"):
        load_candidates(tmp_path / "candidats.xlsx", territory)
    empty = write_xlsx(tmp_path, {"Vide": []}, name="vide.xlsx")
    with pytest.raises(InputError, match="vide.xlsx: the sheet 'Vide' is empty"):
        load_candidates(empty, territory)
    header_only = write_xlsx(tmp_path, {"F": [["id", "siren"], [None, "  "]]}, name="entete.xlsx")
    with pytest.raises(InputError, match=r"entete.xlsx: no data rows under the header \(sheet 'F', row 1\)"):
        load_candidates(header_only, territory)


def test_extra_columns_numbers_or_text(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur;ratio;label;empty;dept",
        f"A;{S1};Alpha;Val d'Ay;foncier;1000;1,5;x;;07",
        f"B;{S2};Beta;Val d'Ay;foncier;1000;;2;;26",
    ])
    table = load_candidates(path, territory).table
    assert table["ratio"].dtype == np.float64 and table["ratio"].iat[0] == 1.5 and math.isnan(table["ratio"].iat[1])
    assert table["label"].tolist() == ["x", "2"]
    assert table["empty"].dtype == np.float64 and table["empty"].isna().all()
    assert table["dept"].tolist() == ["07", "26"]


def test_numeric_names_match_headers_tolerantly(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur; Jobs  Created ",
                                 f"A;{S1};Alpha;Val d'Ay;foncier;1000;4"])
    used = ["jobs created", "min_eur", "de_minimis_received_eur", "other_public_aid_eur", "row"]
    table = load_candidates(path, territory, numeric=used).table
    assert table["jobs created"].tolist() == [4.0]  # renamed to the scenario's spelling
    with pytest.raises(InputError, match="column 'turnover_eur' is used by the scenario but is not in candidats.csv"):
        load_candidates(path, territory, numeric=["turnover_eur"])  # no default when absent


def test_hundred_rows_with_duplicates_report_the_first_row(tmp_path: Path, territory: Territory) -> None:
    rng = random.Random(7)
    lines = ["id;siren;name;epci;priority;requested_eur"]
    lines += [f"P{i % 40};{make_siren(rng)};N{i};Val d'Ay;foncier;{1000 + i}" for i in range(100)]
    with pytest.raises(InputError) as excinfo:
        load_candidates(write_text(tmp_path, lines), territory)
    problems = problems_of(excinfo)
    assert len(problems) == 60
    assert problems[0] == "candidats.csv, row 42, column id: duplicate id 'P0' (also on row 2); ids must be unique"
    assert problems[-1] == "candidats.csv, row 101, column id: duplicate id 'P19' (also on row 21); ids must be unique"
    with messages.using("fr"), pytest.raises(InputError) as excinfo:
        load_candidates(write_text(tmp_path, lines), territory)
    first = excinfo.value.problems[0]
    assert excinfo.value.title == "candidats.csv : 60 problèmes dans le fichier des candidats"
    assert (first.where, first.message) == ("candidats.csv, ligne 42, colonne id", "identifiant « P0 » en double "
                                            "(aussi en ligne 2) ; les identifiants doivent être uniques")


# -- numbers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("0", 0.0),
    ("150000", 150_000.0),
    ("  42 ", 42.0),
    ("12,5", 12.5),
    ("12.5", 12.5),
    ("1,234", 1.234),              # a lone comma is decimal
    ("1.234", 1.234),              # a lone point is decimal
    ("1 234", 1234.0),
    (f"1{NBSP}234{NBSP}567,89", 1_234_567.89),
    (f"1{NNBSP}234{NNBSP}567,89", 1_234_567.89),
    ("1.234.567,89", 1_234_567.89),  # both: the last is decimal
    ("1,234,567.89", 1_234_567.89),
    ("1.234.567", 1_234_567.0),      # a repeated separator separates thousands
    ("1 234.5", 1234.5),
    ("-12", -12.0),
    ("+12", 12.0),
    ("\u221212,5", -12.5),
    ("- 1 000 €", -1000.0),
    (f"1{NBSP}234{NBSP}€", 1234.0),
    ("€1,234.50", 1234.5),
    ("12 %", 12.0),
    (f"12,5{NBSP}%", 12.5),
    ("7%", 7.0),
    ("1.5E+06", 1_500_000.0),
    ("1,5E+06", 1_500_000.0),
    ("2e-3", 0.002),
    (",5", 0.5),
    ("007", 7.0),
])
def test_parse_number_accepts(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-15)


@pytest.mark.parametrize("text", [
    "", "  ", "abc", "nan", "NaN", "inf", "-inf", "Infinity", "1e999", "12,", "1,2.3", "1.2,3", "1.234.5",
    "12 34", "1 2", "1,23,456", "1.234 567", "--1", "1-", "+-1", "€12%", "12 € €", "1e", "E5", "1_000",
    "0x10", "(12)", "12 EUR", "١٢", "1/2", ".", "-", "%", "TRUE",
])
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text)


def _french(integer: int, sep: str) -> str:
    return f"{integer:,}".replace(",", sep)


@settings(max_examples=300, deadline=None)
@given(integer=st.integers(min_value=-10**15, max_value=10**15),
       fraction=st.one_of(st.none(), st.text("0123456789", min_size=1, max_size=6)),
       sep=st.sampled_from([" ", NBSP, NNBSP]),
       unit=st.sampled_from(["", " €", f"{NBSP}€", "€", f"{NBSP}%", "%"]))
def test_parse_number_reads_french_formatting(integer: int, fraction: str | None, sep: str, unit: str) -> None:
    text = _french(integer, sep) + (f",{fraction}" if fraction else "") + unit
    expected = float(f"{integer}.{fraction}") if fraction else float(integer)
    assert parse_number(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
       st.integers(min_value=0, max_value=4))
def test_parse_number_reads_back_formatted_floats(value: float, digits: int) -> None:
    english = f"{value:,.{digits}f}"
    french = english.replace(",", NNBSP).replace(".", ",")
    assert parse_number(french) == float(f"{value:.{digits}f}")
    if "," in english and "." in english:  # unambiguous English formatting too
        assert parse_number(english) == float(f"{value:.{digits}f}")


def test_siren_helper_makes_valid_sirens() -> None:
    assert all(siren_number.is_valid(s) for s in (S0, S1, S2, S3)) and S0.startswith("00")


def test_an_amount_with_one_separator_and_three_digits_is_refused_not_guessed(tmp_path: Path,
                                                                             territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur;min_eur",
        f"A;{S1};Alpha;Val d'Ay;transition;150.000;",
        f"B;{S2};Beta;Val d'Ay;transition;150 000 €;1,500",
        f"C;{S3};Gamma;Val d'Ay;transition;1.500.000;",
    ])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    found = problems_of(excinfo)
    assert len(found) == 2
    assert found[0].startswith("candidats.csv, row 2, column requested_eur: '150.000' is ambiguous")
    assert found[1].startswith("candidats.csv, row 3, column min_eur: '1,500' is ambiguous")


def test_a_totals_row_is_named_once_not_as_a_broken_project(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, [
        "id;siren;name;epci;priority;requested_eur",
        f"Total-Energies-1;{S1};Alpha;Val d'Ay;transition;100000",
        ";;;;;",
        "TOTAL :;;;;;100000",
    ])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == ["candidats.csv, row 4: this looks like a totals row ('TOTAL :'), not a project: "
                                    "remove it (the tool computes its own totals)"]
    with messages.using("fr"), pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert [(p.where, p.message) for p in excinfo.value.problems] == [(
        "candidats.csv, ligne 4", "cela ressemble à une ligne de totaux ('TOTAL :'), pas à un projet : supprimez-la "
        "(l'outil calcule ses propres totaux)")]


# -- issue 8: what Excel shows is what the tool reads ------------------------------------------------

MONEY = ("requested_eur", "min_eur", "eligible_cost_eur", "turnover_eur", "balance_sheet_eur",
         "de_minimis_received_eur", "other_public_aid_eur", "investment_eur")
REFUSED_AMOUNTS = [
    ("245.000 €", "is ambiguous: 245 000 € or 245,00 €? Write whole euros without a dot or a comma "
                  "(245000 or 245 000), and cents after a comma (245,00)"),
    ("1,500", "is ambiguous: 1 500 € or 1,50 €? Write whole euros without a dot or a comma (1500 or 1 500), "
              "and cents after a comma (1,50)"),
    ("€ 12.345", "is ambiguous: 12 345 € or 12,34 €?"),
    ("12 %", "is a percentage, not an amount in euros: write the amount itself, in euros"),
    ("100000 %", "is a percentage, not an amount in euros"),
    ("1,5E+06", "is in scientific notation, which can hide digits"),
    ("1 234,567", "has more than two decimals: amounts are in euros and cents"),
]


def money_file(tmp_path: Path, column: str, value: str) -> Path:
    """Two projects; `column` of the first one holds `value` (the other euro columns are plain)."""
    header = "id;siren;name;epci;priority;" + ";".join(MONEY)
    cells = {c: "0" for c in MONEY} | {"requested_eur": "100000", "min_eur": "10000", "eligible_cost_eur": "500000",
                                       "turnover_eur": "2000000", "balance_sheet_eur": "1000000"}
    first = cells | {column: value}
    return write_text(tmp_path, [header, f"P1;{S1};Alpha;Val d'Ay;transition;" + ";".join(first[c] for c in MONEY),
                                 f"P2;{S2};Beta;Val d'Ay;transition;" + ";".join(cells[c] for c in MONEY)])


@pytest.mark.parametrize("column", MONEY)
@pytest.mark.parametrize(("value", "message"), REFUSED_AMOUNTS)
def test_every_euro_column_refuses_what_it_would_have_to_guess(tmp_path: Path, territory: Territory, column: str,
                                                                value: str, message: str) -> None:
    """One rule for every column ending in _eur (canonical ones and the scenario's own): the cell is named,
    with the value and what to write instead."""
    path = money_file(tmp_path, column, value)
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, numeric=["investment_eur"])
    found = [p for p in problems_of(excinfo) if f"column {column}:" in p]
    assert len(found) == 1, problems_of(excinfo)
    assert found[0].startswith(f"candidats.csv, row 2, column {column}: '{value}' {message}"), found[0]


@pytest.mark.parametrize(("value", "euros"), [
    ("245 000 €", 245_000), ("245 000,50", 245_000.5), ("1.234.567", 1_234_567), ("1 234 567,00 €", 1_234_567),
    ("1,234.56", 1_234.56), ("€ 12", 12), ("0,125", None), ("2 500 000,5", 2_500_000.5), ("-0", 0),
])
def test_amounts_written_unambiguously_are_read(tmp_path: Path, territory: Territory, value: str,
                                                euros: float | None) -> None:
    path = money_file(tmp_path, "other_public_aid_eur", value)
    if euros is None:  # three decimals: never an amount in euros
        with pytest.raises(InputError, match="more than two decimals"):
            load_candidates(path, territory)
        return
    assert load_candidates(path, territory).table.set_index("id").loc["P1", "other_public_aid_eur"] == euros


def test_an_unused_euro_column_that_breaks_the_rule_stays_text_never_a_misread_number(
        tmp_path: Path, territory: Territory) -> None:
    path = money_file(tmp_path, "investment_eur", "245.000")
    table = load_candidates(path, territory).table.set_index("id")
    assert table.loc["P1", "investment_eur"] == "245.000" and table.loc["P2", "investment_eur"] == "0"


def test_a_de_minimis_amount_written_245_000_with_a_dot_is_refused_then_funded_within_the_ceiling(
        tmp_path: Path) -> None:
    """The case that started it: 245.000 € of prior de minimis read as 245 € funded 150,000 € on top of
    245,000 € (395,000 € against the 300,000 € ceiling). Refused; written plainly, funded 55,000 € at most."""
    from optimiser.study import Study

    scenario = tmp_path / "dm.yaml"
    scenario.write_text(
        "name: De minimis\nenvelope_eur: 500000\nstate_aid: {regime: de_minimis}\n"
        "scoring: {pillars: {p: {criteria: {jobs: {column: jobs_created}}}}}\n", encoding="utf-8")
    for sheet in ("csv", "xlsx"):
        rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "min_eur", "de_minimis_received_eur",
                 "jobs_created"],
                ["P1", S1, "Alpha (fictif)", "Val d'Ay", "transition", 150000, 0, "245.000 €", 10],
                ["P2", S2, "Beta (fictif)", "Val d'Ay", "transition", 100000, 0, "0", 1]]
        path = (write_text(tmp_path, [";".join(map(str, r)) for r in rows], "dm.csv") if sheet == "csv"
                else write_xlsx(tmp_path, {"Candidats": rows}, "dm.xlsx"))
        with pytest.raises(InputError) as excinfo:
            Study.open(path, scenario)
        assert problems_of(excinfo) == [
            f"{path.name}, row 2, column de_minimis_received_eur: '245.000 €' is ambiguous: 245 000 € or 245,00 €? "
            "Write whole euros without a dot or a comma (245000 or 245 000), and cents after a comma (245,00)"]
        rows[1][7] = "245 000 €"
        fixed = (write_text(tmp_path, [";".join(map(str, r)) for r in rows], "dm.csv") if sheet == "csv"
                 else write_xlsx(tmp_path, {"Candidats": rows}, "dm.xlsx"))
        table = Study.open(fixed, scenario).allocation.table.set_index("id")
        assert table.loc["P1", "amount_eur"] == 55_000  # 300 000 − 245 000: the most it may receive
        assert table.loc["P1", "de_minimis_received_eur"] == 245_000


@pytest.mark.parametrize(("fmt", "message"), [
    ("0%", "'15%' is formatted as a percentage (it stores 0.15): an amount in euros is not a percentage"),
    ('0" %"', "'15 %' is formatted as a percentage (it stores 15)"),
    ("#,##0,", "'0.015' is shown divided by 1,000 by the cell's number format (it stores 15)"),
    ('#,##0 "k€"', "'15 k€' shows the text 'k€' next to the number (it stores 15): the tool cannot tell which unit"),
])
def test_an_xlsx_amount_whose_format_changes_what_it_shows_is_refused(tmp_path: Path, territory: Territory,
                                                                      fmt: str, message: str) -> None:
    value = 0.15 if fmt == "0%" else 15
    rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "other_public_aid_eur"],
            ["P1", S1, "Alpha", "Val d'Ay", "transition", 100_000, value]]
    path = write_xlsx(tmp_path, {"Candidats": rows}, formats={("Candidats", 2, 7): fmt})
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo)[0].startswith(f"candidats.xlsx, row 2, column other_public_aid_eur: {message}")


@pytest.mark.parametrize("fmt", ['#,##0 "€"', "[$€-40C] #,##0.00", '_-* #,##0 €_-;-* #,##0 €_-;_-* "-"?? €_-;_-@_-',
                                 "#,##0.00\\ [$EUR]", "0"])
def test_an_xlsx_amount_in_a_currency_format_is_read_as_stored(tmp_path: Path, territory: Territory,
                                                              fmt: str) -> None:
    rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "other_public_aid_eur"],
            ["P1", S1, "Alpha", "Val d'Ay", "transition", 100_000, 12_345]]
    path = write_xlsx(tmp_path, {"Candidats": rows}, formats={("Candidats", 2, 6): fmt, ("Candidats", 2, 7): fmt})
    table = load_candidates(path, territory).table
    assert table.loc[0, ["requested_eur", "other_public_aid_eur"]].tolist() == [100_000, 12_345]


def test_a_share_formatted_with_a_literal_percent_sign_is_read_as_shown(tmp_path: Path, territory: Territory) -> None:
    """12 formatted `0" %"` (Excel shows 12 %) is 12, not 1200; so the rule `export_share_pct <= 50` keeps it."""
    rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "export_share_pct"],
            *[[f"P{k}", sid, "Alpha", "Val d'Ay", "transition", 1000, value]
              for k, (sid, value) in enumerate([(S1, 12), (S2, 12), (S3, 12), (S0, 0.12)])]]
    formats = {("Candidats", 2, 7): '0" %"', ("Candidats", 3, 7): "0\\%", ("Candidats", 4, 7): '0 "%"',
               ("Candidats", 5, 7): "0%"}
    table = load_candidates(write_xlsx(tmp_path, {"Candidats": rows}, formats=formats), territory,
                            numeric=["export_share_pct"]).table
    assert table["export_share_pct"].tolist() == [12.0, 12.0, 12.0, 12.0]


def hidden_workbook(tmp_path: Path, hide_first_sheet: bool = True, hidden_rows: tuple[int, ...] = (),
                    hidden_column: str | None = None, auto_filter: bool = False) -> Path:
    book = openpyxl.Workbook()
    old = book.active
    old.title = "2024"
    old.append(["id", "siren", "name", "epci", "priority", "requested_eur"])
    old.append(["OLD", S1, "Last year", "Val d'Ay", "transition", 999_999])
    if hide_first_sheet:
        old.sheet_state = "hidden"
    sheet = book.create_sheet("Candidats")
    sheet.append(["id", "siren", "name", "epci", "priority", "requested_eur", "note"])
    for k, sid in enumerate([S1, S2, S3, S0]):
        sheet.append([f"P{k + 1}", sid, f"Entreprise {k} (fictif)", "Val d'Ay", "transition", 1000 * (k + 1), "x"])
    for row in hidden_rows:
        sheet.row_dimensions[row].hidden = True
    if hidden_column:
        sheet.column_dimensions[hidden_column].hidden = True
    if auto_filter:
        sheet.auto_filter.ref = "A1:G5"
        sheet.auto_filter.add_filter_column(0, ["P1", "P2"])
    path = tmp_path / "visible.xlsx"
    book.save(path)
    return path


def test_a_hidden_first_sheet_is_never_read_by_default(tmp_path: Path, territory: Territory) -> None:
    candidates = load_candidates(hidden_workbook(tmp_path), territory)
    assert candidates.table["id"].tolist() == ["P1", "P2", "P3", "P4"]
    assert candidates.notes == ("the hidden sheet '2024' was not read; read 'Candidats', the first visible sheet",)
    named = load_candidates(hidden_workbook(tmp_path), territory, sheet="2024")  # asked for: read, and said
    assert named.table["id"].tolist() == ["OLD"]
    assert named.notes == ("the sheet '2024' is hidden in the workbook; it was read because the scenario names it "
                           "(`sheet:`)",)


def test_hidden_and_filtered_rows_are_refused_unless_the_scenario_says_what_to_do(
        tmp_path: Path, territory: Territory) -> None:
    path = hidden_workbook(tmp_path, hidden_rows=(3, 5, 4))
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "visible.xlsx: rows 3-5 are hidden in the sheet 'Candidats': the tool does not read what you cannot see "
        "without being told; show them in Excel, or say in the scenario `hidden_rows: include` (read them) or "
        "`hidden_rows: exclude` (leave them out)"]
    left_out = load_candidates(path, territory, hidden_rows="exclude")
    assert left_out.table["id"].tolist() == ["P1"]
    assert left_out.notes[-1] == ("3 hidden rows of the sheet 'Candidats' left out (rows 3-5), as the scenario's "
                                  "`hidden_rows: exclude` asks")
    assert load_candidates(path, territory, hidden_rows="include").table["id"].tolist() == ["P1", "P2", "P3", "P4"]
    filtered = hidden_workbook(tmp_path, hidden_rows=(4, 5), auto_filter=True)
    with pytest.raises(InputError, match=r"rows 4-5 are hidden in the sheet 'Candidats' \(its filter hides them\)"):
        load_candidates(filtered, territory)
    header_hidden = hidden_workbook(tmp_path, hidden_rows=(1,))
    with pytest.raises(InputError, match="the header row 1 is hidden in the sheet 'Candidats': unhide it"):
        load_candidates(header_hidden, territory, hidden_rows="exclude")


def test_hidden_columns_are_refused_unless_the_scenario_says_what_to_do(tmp_path: Path, territory: Territory) -> None:
    path = hidden_workbook(tmp_path, hidden_column="G")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "visible.xlsx: column G (note) is hidden in the sheet 'Candidats': show it in Excel, or say in the scenario "
        "`hidden_columns: include` (read them) or `hidden_columns: exclude` (leave them out)"]
    assert "note" not in load_candidates(path, territory, hidden_columns="exclude").table
    assert load_candidates(path, territory, hidden_columns="include").table["note"].tolist() == ["x"] * 4
    with pytest.raises(InputError, match="missing required column requested_eur"):
        load_candidates(hidden_workbook(tmp_path, hidden_column="F"), territory, hidden_columns="exclude")


def test_every_sheet_hidden_is_refused(tmp_path: Path, territory: Territory) -> None:
    book = openpyxl.Workbook()
    book.create_sheet("Autre")
    book["Autre"].sheet_state = "veryHidden"
    buffer = io.BytesIO()
    book.save(buffer)  # openpyxl keeps one sheet visible: hide the last one in the workbook's XML
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(tmp_path / "all.xlsx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'sheetId="1" state="visible"', b'sheetId="1" state="hidden"')
            target.writestr(item, data)
    with pytest.raises(InputError, match=r"every sheet of the workbook is hidden \('Sheet', 'Autre'\)"):
        load_candidates(tmp_path / "all.xlsx", territory)


@pytest.mark.parametrize(("second", "message"), [
    ("Pа01", "id 'Pа01' looks the same as id 'Pa01' on row 2 (they differ by U+0430 CYRILLIC SMALL LETTER A): "
             "a person cannot tell them apart; write the ids so that they differ visibly"),
    ("Pa\u200b01", "id 'Pa\\u200b01' looks the same as id 'Pa01' on row 2 (they differ by U+200B ZERO WIDTH SPACE)"),
    ("PaO1", "id 'PaO1' looks the same as id 'Pa01' on row 2 (they differ only by characters that look alike"),
    ("\ufeffPa01\u00a0\u200b", "duplicate id 'Pa01' (also on row 2); ids must be unique"),  # trimmed
])
def test_ids_that_a_person_cannot_tell_apart_are_refused_with_both_rows(tmp_path: Path, territory: Territory,
                                                                       second: str, message: str) -> None:
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur",
                                 f"Pa01;{S1};Alpha;Val d'Ay;foncier;1000", f"{second};{S2};Beta;Val d'Ay;foncier;1000"],
                      encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo)[0].startswith(f"candidats.csv, row 3, column id: {message}")


def test_ids_are_compared_in_nfc_and_invisible_characters_are_named(tmp_path: Path, territory: Territory) -> None:
    decomposed, composed = "Proj-e\u0301", "Proj-\u00e9"
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur",
                                 f"{decomposed};{S1};Alpha;Val d'Ay;foncier;1000",
                                 f"{composed};{S2};Beta;Val d'Ay;foncier;1000",
                                 f"Q\u200d1;{S3};Gamma;Val d'Ay;foncier;1000"])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        f"candidats.csv, row 3, column id: duplicate id '{composed}' (also on row 2); ids must be unique",
        "candidats.csv, row 4, column id: 'Q\\u200d1' holds an invisible character (U+200D ZERO WIDTH JOINER): "
        "a person "
        "reading the id can neither see nor type it; remove it from the id"]
    single = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur",
                                   f"{decomposed};{S1};A;Val d'Ay;foncier;1"])
    assert load_candidates(single, territory).table["id"].tolist() == [composed]


def test_undertakings_that_look_alike_are_refused(tmp_path: Path, territory: Territory) -> None:
    """Two group_ids that look the same would give one undertaking two de minimis ceilings."""
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur;group_id",
                                 f"P1;{S1};Alpha;Val d'Ay;foncier;1000;Groupe A",
                                 f"P2;{S2};Beta;Val d'Ay;foncier;1000;Groupe А"], encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv, row 3, column group_id: group_id 'Groupe А' looks the same as group_id 'Groupe A' on row 2 "
        "(they differ by U+0410 CYRILLIC CAPITAL LETTER A), but they are two undertakings for de minimis: write them "
        "identically if the companies form one undertaking, or so that they differ visibly if not"]


def test_headers_are_read_as_people_see_them(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["\u200bid;siren;ｎａｍｅ;epci;priority;requested_eur",
                                 f"A;{S1};Alpha;Val d'Ay;foncier;1000"])
    assert load_candidates(path, territory).table.loc[0, ["id", "name"]].tolist() == ["A", "Alpha"]


def test_over_long_cells_are_named_with_the_limit(tmp_path: Path, territory: Territory) -> None:
    long_name = "x" * 40_000
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur",
                                 f"A;{S1};{long_name};Val d'Ay;foncier;1000"])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv, row 2, column name: this cell is 40,000 characters long, more than the 32,767 an Excel cell "
        "holds: is a quote opened and never closed, or a text pasted in the wrong place?"]
    huge = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur",
                                 f"A;{S1};{'y' * 200_000};Val d'Ay;foncier;1"])
    with pytest.raises(InputError, match=r"candidats.csv, row 2: a cell is longer than 131,072 characters, the most "
                                         r"the CSV reader takes \(and far more than the 32,767 an Excel cell holds\)"):
        load_candidates(huge, territory)


def test_a_column_missing_for_a_rule_is_reported_where_the_scenario_uses_it(tmp_path: Path) -> None:
    """Not as a problem of the candidates file: at `eligibility.rules[0]` of the file that wrote the rule."""
    from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR, load

    base = tmp_path / "base.yaml"
    base.write_text(f"extends: {SCENARIO_DIR / 'baseline.yaml'}\nname: B\n"
                    "eligibility: {rules: ['months_to_strat <= 24']}\n", encoding="utf-8")
    variant = tmp_path / "variant.yaml"
    variant.write_text("extends: base.yaml\nname: V\nconstraints: {totals: [{column: job_created, min: 1}]}\n",
                       encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        load(DEMO_CANDIDATES, variant)
    found = problems_of(excinfo)
    assert [p.split(" (columns found")[0] for p in found] == [
        "variant.yaml: constraints.totals[0].column: column 'job_created' is used by the scenario but is not in "
        "candidats_demo.csv; did you mean 'jobs_created'?",
        "base.yaml: eligibility.rules[0]: column 'months_to_strat' is used by the scenario but is not in "
        "candidats_demo.csv; did you mean 'months_to_start'?"]


# -- found by a hostile test of the input edge --------------------------------------------------------

def test_merged_cells_over_data_rows_are_refused(tmp_path: Path, territory: Territory) -> None:
    """Merged H2:H4 shows one undertaking on three rows; the file holds it on row 2 only."""
    rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "group_id"],
            ["P1", S1, "A", "Val d'Ay", "foncier", 1000, "GRP-ALPHA"],
            ["P2", S2, "B", "Val d'Ay", "foncier", 1000, None],
            ["P3", S3, "C", "Val d'Ay", "foncier", 1000, None]]
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells("G2:G4")
    book.save(tmp_path / "merged.xlsx")
    with pytest.raises(InputError) as excinfo:
        load_candidates(tmp_path / "merged.xlsx", territory)
    assert problems_of(excinfo) == [
        "merged.xlsx, row 2: the cells G2:G4 are merged: Excel shows the value of G2 ('GRP-ALPHA') across them, but "
        "the file holds it in G2 only, and the other cells are empty; unmerge them and write the value in each cell"]


@pytest.mark.parametrize(("first", "second", "why"), [
    ("Groupe Dupont", "GROUPE DUPONT", "they differ only by upper and lower case"),
    ("Groupe  Dupont", "Groupe Dupont", "they differ only by spaces"),
    ("P-10", "P-1O", "they differ only by characters that look alike"),
])
def test_undertakings_that_differ_only_in_case_spaces_or_lookalikes_are_refused(
        tmp_path: Path, territory: Territory, first: str, second: str, why: str) -> None:
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur;group_id",
                                 f"P1;{S1};Alpha;Val d'Ay;foncier;1000;{first}",
                                 f"P2;{S2};Beta;Val d'Ay;foncier;1000;{second}"])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert why in problems_of(excinfo)[0] and problems_of(excinfo)[0].startswith(
        f"candidats.csv, row 3, column group_id: group_id {second!r} looks the same as group_id {first!r} on row 2")


def test_a_group_id_that_is_a_siren_with_spaces_or_a_number_is_that_siren(tmp_path: Path, territory: Territory) -> None:
    """A head company with no group_id (its SIREN, then) and a subsidiary writing that SIREN with spaces or as an
    Excel number are one undertaking: one de minimis ceiling."""
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur;group_id",
                                 f"P1;{S0};Mère;Val d'Ay;foncier;1000;",
                                 f"P2;{S1};Fille;Val d'Ay;foncier;1000;{S0[:3]} {S0[3:6]} {S0[6:]}"])
    assert load_candidates(path, territory).table["group_id"].tolist() == [S0, S0]
    rows = [["id", "siren", "name", "epci", "priority", "requested_eur", "group_id"],
            ["P1", S0, "Mère", "Val d'Ay", "foncier", 1000, None], ["P2", S1, "Fille", "Val d'Ay", "foncier", 1000,
                                                                     int(S0)]]
    book = write_xlsx(tmp_path, {"C": rows}, formats={("C", 3, 7): "000000000"})
    assert load_candidates(book, territory).table["group_id"].tolist() == [S0, S0]


def test_a_euro_sign_makes_any_cell_an_amount_and_a_lone_dot_with_three_digits_is_refused(
        tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur;cout_projet;employees",
                                 f"P1;{S1};Alpha;Val d'Ay;foncier;1000;245.000 €;1.200",
                                 f"P2;{S2};Beta;Val d'Ay;foncier;1000;245 000 €;2,125"])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory, numeric=["cout_projet"])
    found = problems_of(excinfo)
    assert len(found) == 2
    assert found[0].startswith("candidats.csv, row 2, column cout_projet: '245.000 €' is ambiguous: 245 000 € or "
                               "245,00 €?")
    assert found[1] == ("candidats.csv, row 2, column employees: '1.200' is ambiguous: 1 200 or 1,2? Write 1200 for "
                        "thousands, or 1,200 with a comma for decimals")
    fixed = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur;cout_projet;employees",
                                  f"P1;{S1};Alpha;Val d'Ay;foncier;1000;245 000 €;1200",
                                  f"P2;{S2};Beta;Val d'Ay;foncier;1000;- €;2,125"])
    table = load_candidates(fixed, territory, numeric=["cout_projet"]).table
    assert table["cout_projet"].tolist() == [245_000.0, 0.0] and table["employees"].tolist() == [1200.0, 2.125]


@pytest.mark.parametrize(("fmt", "show_zeros", "value", "column", "refused"), [
    (";;;", True, 250_000, "other_public_aid_eur", True),
    ('# ##0 €;-# ##0 €;;@', True, 0, "min_eur", True),     # min_eur: empty means the whole request, not 0
    ("General", False, 0, "min_eur", True),                # the sheet hides zeros
    ("General", False, 0, "other_public_aid_eur", False),  # empty means 0 here: what a person reads
    ('"Oui";"Non"', True, 1, "employees", True),
])
def test_a_number_excel_does_not_show_is_refused(tmp_path: Path, territory: Territory, fmt: str, show_zeros: bool,
                                                 value: int, column: str, refused: bool) -> None:
    header = ["id", "siren", "name", "epci", "priority", "requested_eur", column]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    sheet.append(["P1", S1, "Alpha", "Val d'Ay", "foncier", 100_000, value])
    sheet.cell(row=2, column=7).number_format = fmt
    sheet.sheet_view.showZeros = show_zeros
    book.save(tmp_path / "unseen.xlsx")
    if not refused:
        assert load_candidates(tmp_path / "unseen.xlsx", territory).table[column].tolist() == [0]
        return
    with pytest.raises(InputError, match=f"row 2, column {column}: the cell (looks empty|shows 'Oui') in Excel, but "
                                         f"stores the number {value}"):
        load_candidates(tmp_path / "unseen.xlsx", territory)


def test_excel_errors_and_formulas_without_a_saved_result_are_refused(tmp_path: Path, territory: Territory) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "siren", "name", "epci", "priority", "requested_eur", "min_eur", "group_id"])
    sheet.append(["P1", S1, "Alpha", "Val d'Ay", "foncier", 100_000, "=F2*0.5", "#N/A"])
    sheet.append(["P2", S2, "#REF!", "Val d'Ay", "foncier", 100_000, 0, "#N/A"])
    book.save(tmp_path / "formulas.xlsx")
    with pytest.raises(InputError) as excinfo:
        load_candidates(tmp_path / "formulas.xlsx", territory)
    assert problems_of(excinfo) == [
        "formulas.xlsx, row 2, column min_eur: this cell holds a formula whose result the file does not hold (the "
        "workbook was written by a program and never saved by Excel or LibreOffice): open it and save it, or type the "
        "value",
        "formulas.xlsx, row 2, column group_id: this cell shows the error #N/A (a formula that fails): correct the "
        "formula or type the value",
        "formulas.xlsx, row 3, column name: this cell shows the error #REF! (a formula that fails): "
        "correct the formula "
        "or type the value",
        "formulas.xlsx, row 3, column group_id: this cell shows the error #N/A (a formula that fails): correct the "
        "formula or type the value"]


def test_a_numeric_id_decorated_by_its_format_is_refused(tmp_path: Path, territory: Territory) -> None:
    rows = [["id", "siren", "name", "epci", "priority", "requested_eur"], [1, S1, "Alpha", "Val d'Ay", "foncier", 1000]]
    book = write_xlsx(tmp_path, {"C": rows}, formats={("C", 2, 1): '"P"000'})
    with pytest.raises(InputError, match=r"row 2, column id: 'P001' is what Excel shows, but the cell stores the "
                                         r"number 1, which its number format decorates: type the id as text"):
        load_candidates(book, territory)


def test_rows_and_columns_of_zero_size_are_hidden(tmp_path: Path, territory: Territory) -> None:
    path = hidden_workbook(tmp_path, hide_first_sheet=True)
    source = zipfile.ZipFile(path)
    patched = tmp_path / "zero.xlsx"
    with zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                data = data.replace(b'<row r="3"', b'<row r="3" ht="0" customHeight="1"')
            target.writestr(item, data)
    with pytest.raises(InputError, match="row 3 is hidden in the sheet 'Candidats'"):
        load_candidates(patched, territory)


def test_which_sheet_was_read_is_said_when_there_are_several(tmp_path: Path, territory: Territory) -> None:
    path = hidden_workbook(tmp_path, hide_first_sheet=False)
    assert load_candidates(path, territory).notes == (
        "read the sheet '2024', the first of 2 visible sheets ('Candidats' not read); name another with the "
        "scenario's `sheet:`",)


@pytest.mark.parametrize(("data", "message"), [
    ("id;siren;name;epci;priority;requested_eur\r\nP1;{s};Société Générale;Val d'Ay;foncier;1000\r\n"
     .encode() + "P2;{s2};Café;Val d'Ay;foncier;1000\r\n".encode("cp1252"),
     "candidats.csv, line 3: the file mixes two encodings: it is UTF-8 text, but byte 0xe9 on this line is not"),
    ("id;siren\r\nP1;1\r\n".encode("utf-16-le"),
     "candidats.csv: this looks like UTF-16 text without its byte-order mark"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
     "this is an old Excel .xls workbook, or a workbook protected by a "
                                                       "password"),
])
def test_mixed_encodings_and_disguised_files_are_named(tmp_path: Path, territory: Territory, data: bytes,
                                                       message: str) -> None:
    name = "candidats.xlsx" if data.startswith(b"\xd0\xcf") else "candidats.csv"
    path = tmp_path / name
    path.write_bytes(data.replace(b"{s}", S1.encode()).replace(b"{s2}", S2.encode()))
    with pytest.raises(InputError, match=re.escape(message)):
        load_candidates(path, territory)


def test_a_wrapped_header_and_excel_forced_text_are_read_as_shown(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ['id;siren;name;epci;priority;requested_eur;"Emplois\ncréés"',
                                 f'="007";{S1};Alpha;Val d\'Ay;foncier;1000;3'])
    table = load_candidates(path, territory, columns={"Emplois créés": "jobs_created"}, numeric=["jobs_created"]).table
    assert table.loc[0, ["id", "jobs_created"]].tolist() == ["007", 3.0]


def test_a_request_of_more_than_ten_billion_euros_is_a_misplaced_figure(tmp_path: Path, territory: Territory) -> None:
    path = write_text(tmp_path, ["id;siren;name;epci;priority;requested_eur",
                                 f"P1;{S1};Alpha;Val d'Ay;foncier;55210055400013"])
    with pytest.raises(InputError) as excinfo:
        load_candidates(path, territory)
    assert problems_of(excinfo) == [
        "candidats.csv, row 2, column requested_eur: '55210055400013' is more than ten billion euros: a figure from "
        "another column (a SIRET, costs in cents)? Write the aid requested, in euros"]


def test_a_cell_with_invisible_characters_is_named(tmp_path):
    path = tmp_path / "candidats.csv"
    path.write_text("id;siren;name;epci;priority;requested_eur\n"
                    "A1;001740471;Alpha\x07 (fictif);Val d'Ay;transition;100 000\n"
                    "A2;001196146;Beta\u202e (fictif);Val d'Ay;transition;80 000\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_candidates(path, load_territory())
    found = [str(p) for p in caught.value.problems]
    assert any("row 2, column name" in p and "U+0007" in p for p in found), found
    assert any("row 3, column name" in p and "U+202E" in p for p in found), found
