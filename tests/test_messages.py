"""The terminal's words: every message the package says exists in French and English with the same blanks
(tests/test_catalogue.py), every key is said somewhere, and the language is French unless told otherwise."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import optimiser
from optimiser import messages


def said_keys() -> set[str]:
    """Every `say("key", ...)` of the package (a key is always written as a literal)."""
    keys = set()
    for path in Path(optimiser.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "say":
                assert node.args and isinstance(node.args[0], ast.Constant), f"{path}:{node.lineno}: say(<literal>)"
                keys.add(node.args[0].value)
    return keys


def test_every_message_said_exists_and_every_message_is_said():
    said = said_keys()
    assert sorted(said - set(messages.TEXT)) == []
    assert sorted(set(messages.TEXT) - said) == []


def test_french_by_default_english_by_environment_or_choice(monkeypatch):
    messages.use(None)
    monkeypatch.delenv(messages.ENV, raising=False)
    assert messages.current() == "fr" and messages.number(1234) == "1\u202f234"
    monkeypatch.setenv(messages.ENV, "EN")
    assert messages.current() == "en" and messages.number(1234) == "1,234"
    monkeypatch.setenv(messages.ENV, "de")
    assert messages.current() == "fr"
    messages.use("en")
    monkeypatch.setenv(messages.ENV, "fr")
    assert messages.current() == "en"
    messages.use(None)
    assert messages.current() == "fr"
    with pytest.raises(ValueError):
        messages.use("de")


def test_sco_messages_in_french_and_english(monkeypatch):
    """The grid and its rules (territory, expressions, scoring, rules, identifiers) in French by default, in
    English when asked, with the English unchanged."""
    import re

    import pandas as pd

    from optimiser.errors import InputError
    from optimiser.expressions import ExpressionError, parse_expression
    from optimiser.identifiers import difference
    from optimiser.models import Scoring
    from optimiser.scoring import score
    from optimiser.territory import load_territory

    monkeypatch.delenv(messages.ENV, raising=False)
    territory = load_territory()
    grid = Scoring.model_validate({"pillars": {"p": {"criteria": {"c": {"column": "x", "weight": 2}}}}})

    def said() -> list[str]:
        texts = []
        for text in ("open('f')", "a +", "a ** 2", "(a"):
            with pytest.raises(ExpressionError) as caught:
                parse_expression(text)
            texts.append(str(caught.value))
        with pytest.raises(LookupError) as caught:
            territory.epci("Lamastre")
        texts.append(str(caught.value.args[0]))
        with pytest.raises(InputError) as caught:
            load_territory("drome-sud")
        texts.append(str(caught.value))
        with pytest.raises(InputError) as caught:
            score(pd.DataFrame({"id": ["A", "A"], "x": ["douze", 1.0]}), grid)
        texts.append(str(caught.value))
        texts.append(difference("Groupe Dupont", "GROUPE DUPONT"))
        texts += score(pd.DataFrame({"id": ["A", "B"], "x": [1.5, 2.0]}), grid).notes
        return texts

    french = said()
    assert french == [
        "les appels de fonction ne sont pas autorisés : 'open(...)' (colonne 1)",
        "erreur de syntaxe à la fin (syntaxe invalide) : 'a +'",
        "la puissance (**) n'est pas autorisée : 'a ** 2' (colonne 1)",
        "erreur de syntaxe à la colonne 1 (rien ne referme '(') : '(a'",
        "EPCI inconnu 'Lamastre' ; vouliez-vous dire 'CC du Pays de Lamastre' ?",
        "territoire inconnu 'drome-sud' (territoires fournis : ardeche-drome-nord) ; pour un fichier de territoire, "
        "indiquez son chemin avec son extension, par exemple drome-sud.yaml",
        "Les scores ne peuvent pas être calculés\n  - id: identifiant en double : A\n"
        "  - scoring.pillars.p.criteria.c: la colonne 'x' n'est pas numérique : 'douze' (ligne 1)",
        "ils ne diffèrent que par les majuscules et les minuscules",
        "la somme des poids des critères du pilier p valait 2 ; ramenée à 1",
    ]
    english_words = re.compile(r"\b(the|of|and|is|with|expected|must|got|write|should)\b", re.IGNORECASE)
    assert [text for text in french if english_words.search(text)] == []
    with messages.using("en"):
        english = said()
    assert english == [
        "calling functions is not allowed: 'open(...)' (column 1)",
        "syntax error at the end (invalid syntax): 'a +'",
        "power (**) is not allowed: 'a ** 2' (column 1)",
        "syntax error at column 1 ('(' was never closed): '(a'",
        "unknown EPCI 'Lamastre'; did you mean 'CC du Pays de Lamastre'?",
        "unknown territory 'drome-sud' (shipped territories: ardeche-drome-nord); for a territory file, give its "
        "path with its extension, e.g. drome-sud.yaml",
        "The scores cannot be computed\n  - id: duplicate id(s): A\n"
        "  - scoring.pillars.p.criteria.c: column 'x' is not numeric: 'douze' (row 1)",
        "they differ only by upper and lower case",
        "criterion weights of pillar p summed to 2; normalised to sum 1",
    ]


def test_load_messages_in_french_and_english(tmp_path):
    """The candidates file's errors: French by default, English when asked, data (names, values) as written."""
    import re

    from optimiser.errors import InputError
    from optimiser.loading import load_candidates, parse_number
    from optimiser.territory import load_territory

    territory = load_territory()
    bad = tmp_path / "candidats.csv"
    bad.write_text("id;siren;name;epci;priority;requested_eur;min_eur\n"
                   "A;123456789;Alpha;Val d'Ay;foncier;12,50;\n"
                   "A;001740471;Beta;Val d'Ay;foncier;245.000 €;-3\n", encoding="utf-8")
    empty = tmp_path / "vide.csv"
    empty.write_text("", encoding="utf-8")

    def said() -> list[str]:
        texts = []
        for path in (bad, empty, tmp_path / "absent.csv", tmp_path / "notes.pdf"):
            if path.suffix == ".pdf":
                path.write_bytes(b"%PDF")
            with pytest.raises(InputError) as caught:
                load_candidates(path, territory)
            texts += [caught.value.title] + [f"{p.where} | {p.message}" for p in caught.value.problems]
        with pytest.raises(ValueError) as caught:
            parse_number("douze")
        return texts + [str(caught.value)]

    with messages.using("fr"):
        french = said()
    with messages.using("en"):
        english = said()
    assert french == [
        "candidats.csv : 5 problèmes dans le fichier des candidats",
        "candidats.csv, ligne 2, colonne siren | '123456789' n'est pas un SIREN valide "
        "(attendu : 9 chiffres avec une clé de contrôle valide)",
        "candidats.csv, ligne 2, colonne requested_eur | '12,50' n'est pas un nombre entier d'euros "
        "(les montants sont en euros entiers : retirez les centimes)",
        "candidats.csv, ligne 3, colonne id | identifiant « A » en double (aussi en ligne 2) ; "
        "les identifiants doivent être uniques",
        "candidats.csv, ligne 3, colonne requested_eur | '245.000 €' est ambigu : 245 000 € ou 245,00 € ? Écrivez "
        "les euros entiers sans point ni virgule (245000 ou 245 000), et les centimes après une virgule (245,00)",
        "candidats.csv, ligne 3, colonne min_eur | '-3' est négatif (attendu : le plus petit montant utile, "
        "en euros entiers, entre 0 et le montant demandé)",
        "vide.csv : le fichier est vide (attendu : une ligne d'en-têtes, puis une ligne par projet)",
        f"Fichier des candidats introuvable : {tmp_path / 'absent.csv'}",
        "notes.pdf : ce n'est pas un fichier des candidats (attendu : un fichier .csv, .txt, .xlsx ou .xlsm, "
        "reçu : '.pdf')",
        "'douze' n'est pas un nombre",
    ]
    assert english == [
        "candidats.csv: 5 problems in the candidates file",
        "candidats.csv, row 2, column siren | '123456789' is not a valid SIREN "
        "(expected 9 digits with a valid check digit)",
        "candidats.csv, row 2, column requested_eur | '12,50' is not a whole number of euros "
        "(amounts are in whole euros: remove the cents)",
        "candidats.csv, row 3, column id | duplicate id 'A' (also on row 2); ids must be unique",
        "candidats.csv, row 3, column requested_eur | '245.000 €' is ambiguous: 245 000 € or 245,00 €? Write whole "
        "euros without a dot or a comma (245000 or 245 000), and cents after a comma (245,00)",
        "candidats.csv, row 3, column min_eur | '-3' is negative (expected the smallest useful amount, "
        "in whole euros, between 0 and the amount requested)",
        "vide.csv: the file is empty (expected a header row, then one row per project)",
        f"Candidates file not found: {tmp_path / 'absent.csv'}",
        "notes.pdf: not a candidates file (expected a .csv, .txt, .xlsx or .xlsm file, got '.pdf')",
        "'douze' is not a number",
    ]
    english_words = re.compile(r"\b(the|of|and|is|with|expected|must|got|write|should)\b", re.IGNORECASE)
    assert [t for t in french if english_words.search(t.replace(str(tmp_path), ""))] == []
    for key, words in messages.TEXT.items():
        if key.startswith("load_"):
            assert not english_words.search(re.sub(r"\{\w*\}", "", words["fr"])), (key, words["fr"])



def test_scn_messages_in_french_and_english(tmp_path):
    """The scenario file's messages (config, models, strict), pydantic's and PyYAML's words among them: French by
    default, today's English text, byte for byte, with `using("en")`."""
    import re

    from optimiser.config import load_scenario
    from optimiser.errors import InputError
    from optimiser.scenarios import SCENARIO_DIR
    from optimiser.strict import check_number

    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: {SCENARIO_DIR / 'baseline.yaml'}\nname: 2025\nenvelope_eur: '2 000 000'\n"
                   "funding: parital\ncontraints: {}\nconstraints: {lock_in: P001, epci: {default: {max_share: 1.5}}}\n"
                   "overrides: [{id: A, decision: garder, reason: court, by: ' ', date: 10/12/2026}]\n",
                   encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text("scoring: [unclosed\n", encoding="utf-8")

    def said() -> list[str]:
        out = []
        for path in (bad, broken, tmp_path / "absent.yaml"):
            with pytest.raises(InputError) as caught:
                load_scenario(path)
            out += [caught.value.title, *(str(p) for p in caught.value.problems)]
        with pytest.raises(ValueError) as caught:
            check_number("0,5")
        return [text.replace(str(tmp_path), "TMP") for text in (*out, str(caught.value))]

    french = said()
    with messages.using("en"):
        english = said()
    keys = ("name, description, extends, territory, columns, sheet, hidden_rows, hidden_columns, envelope_eur, "
            "min_spend_eur, funding, objective, scoring, eligibility, constraints, state_aid, solver, sensitivity, "
            "overrides")
    assert french == [
        "bad.yaml : le scénario n'est pas valide (10 problèmes)",
        "bad.yaml: name: attendu : un texte, reçu : le nombre 2025 ; écrivez-le entre guillemets, exactement comme "
        "il doit se lire (YAML lit des chiffres sans guillemets comme un nombre, et 0012 comme le nombre octal 10)",
        "bad.yaml: envelope_eur: attendu : un nombre, reçu : le texte '2 000 000' ; écrivez 2000000 ou 2_000_000",
        "bad.yaml: funding: La valeur doit être 'partial' ou 'all_or_nothing' (reçu : 'parital')",
        "bad.yaml: constraints.epci.default.max_share: La valeur doit être inférieure ou égale à 1 (reçu : 1.5)",
        "bad.yaml: constraints.lock_in: La valeur doit être une liste ; écrivez une liste : [a, b], ou un élément "
        "par ligne après « - »",
        "bad.yaml: overrides[0].decision: attendu : `retenir` (le financer) ou `écarter` (ne pas le financer), "
        "reçu : 'garder'",
        "bad.yaml: overrides[0].reason: un motif écrit d'au moins 10 caractères est obligatoire : le procès-verbal "
        "dit pourquoi le comité s'est écarté de la proposition",
        "bad.yaml: overrides[0].by: indiquez qui a décidé (le comité, sa présidence, un membre)",
        "bad.yaml: overrides[0].date: attendu : un jour écrit AAAA-MM-JJ (par exemple 2026-12-10), "
        "reçu : '10/12/2026'",
        "bad.yaml: contraints: clé inconnue `contraints` ; vouliez-vous dire `constraints` ? (clés possibles : "
        + keys + ")",
        "broken.yaml, ligne 2, colonne 1 : YAML non valide (attendu : ',' ou ']', reçu : la fin du fichier)",
        "Fichier de scénario introuvable : TMP/absent.yaml",
        "attendu : un nombre, reçu : le texte '0,5' ; écrivez 0.5 (un point, et non une virgule, avant les décimales)",
    ]
    assert english == [
        "bad.yaml: the scenario is not valid (10 problems)",
        "bad.yaml: name: expected text, got the number 2025; write it in quotes, exactly as it should read (YAML "
        "reads unquoted digits as a number, and 0012 as the octal number 10)",
        "bad.yaml: envelope_eur: expected a number, got the text '2 000 000'; write 2000000 or 2_000_000",
        "bad.yaml: funding: Input should be 'partial' or 'all_or_nothing' (got 'parital')",
        "bad.yaml: constraints.epci.default.max_share: Input should be less than or equal to 1 (got 1.5)",
        "bad.yaml: constraints.lock_in: Input should be a valid list; write a list: [a, b], or one item per line "
        "after a '- '",
        "bad.yaml: overrides[0].decision: expected `retenir` (fund it) or `écarter` (do not fund it), got 'garder'",
        "bad.yaml: overrides[0].reason: a written reason of at least 10 characters is required: the record says why "
        "the committee departed from the proposal",
        "bad.yaml: overrides[0].by: say who decided (the committee, its chair, a member)",
        "bad.yaml: overrides[0].date: expected a day written AAAA-MM-JJ (e.g. 2026-12-10), got '10/12/2026'",
        "bad.yaml: contraints: unknown key `contraints`; did you mean `constraints`? (allowed: " + keys + ")",
        "broken.yaml, line 2, column 1: not valid YAML (expected ',' or ']', but got '<stream end>')",
        "Scenario file not found: TMP/absent.yaml",
        "expected a number, got the text '0,5'; write 0.5 (a dot, not a comma, before the decimals)",
    ]
    english_words = re.compile(r"\b(the|of|and|is|with|expected|must|got|write|should)\b", re.IGNORECASE)
    assert [t for t in french if english_words.search(t)] == []
    for key, words in messages.TEXT.items():
        if key.startswith("scn_"):
            assert not english_words.search(re.sub(r"\{\w*\}", "", words["fr"])), (key, words["fr"])


def test_run_messages_in_french_and_english(tmp_path):
    """A run's messages (the output folder, manifests, infeasibility, the checker, the solver, a stop): French by
    default, English when asked, paths, ids and YAML paths as written."""
    import errno
    import re
    import signal

    import numpy as np

    from optimiser.allocation import allocate
    from optimiser.app import manifest, outdir
    from optimiser.checker import check
    from optimiser.errors import InfeasibleError, InputError, SolverError, Stopped, os_problem
    from optimiser.milp import Problem, Settings, solve
    from optimiser.scoring import score

    from .factories import TERRITORY, make_scenario, make_table

    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("not ours", encoding="utf-8")
    broken = tmp_path / "manifest.json"
    broken.write_text("{not json", encoding="utf-8")
    table = make_table([{"priority": "transition"}, {"priority": "innovation"}])
    infeasible = make_scenario(constraints={"priority": {"default": {"min_share": 0.6}}})
    funded = make_table([{"requested_eur": 100_000, "min_eur": 0}])
    funded["score"], funded["amount_eur"] = 50.0, 150_000
    empty = Problem(cost=np.zeros(0), col_lower=np.zeros(0), col_upper=np.zeros(0), integer=np.zeros(0, dtype=bool),
                    start=np.zeros(1, dtype=np.int64), index=np.zeros(0, dtype=np.int64), value=np.zeros(0),
                    row_lower=np.zeros(0), row_upper=np.zeros(0))

    def said() -> list[str]:
        stop = Stopped(signal.SIGTERM)
        stop.outdir, stop.existed = folder, True
        texts = [str(stop).replace(str(tmp_path), "TMP"),
                 os_problem(OSError(errno.ENOSPC, "No space left on device", "/srv/out"))]
        for attempt in (lambda: outdir.check(folder, folder, force=True), lambda: manifest.read(broken),
                        lambda: allocate(table, score(table, infeasible.scoring), infeasible, TERRITORY),
                        lambda: solve(empty, Settings(solver="glpk"))):
            with pytest.raises((InputError, InfeasibleError, SolverError)) as caught:
                attempt()
            lines = str(caught.value).replace(str(tmp_path), "TMP").splitlines()
            texts.append("\n".join(lines[:2] + lines[2:][-1:]))  # an infeasible scenario: its first and last lines
        return texts + check(funded, make_scenario(), TERRITORY)

    french = said()
    with messages.using("en"):
        english = said()
    assert french == [
        "Arrêté par SIGTERM : rien n'a été écrit (TMP/out est tel qu'il était).",
        "/srv/out: le disque est plein : libérez de la place, ou écrivez ailleurs",
        "TMP/out contient des fichiers qu'optimiser n'a pas écrits (notes.txt) ; remplacer le dossier les perdrait : "
        "déplacez-les, ou choisissez un autre dossier",
        "TMP/manifest.json n'est pas un manifeste : Expecting property name enclosed in double quotes: line 1 "
        "column 2 (char 1) ; utilisez le manifest.json écrit par l'exécution (il a peut-être été modifié ou tronqué)",
        "Le scénario ne peut pas être satisfait :\n  - la priorité transition demande au moins 180\u202f000\u00a0€ "
        "mais ses candidats éligibles peuvent recevoir au plus 100\u202f000\u00a0€ (constraints.priority)\n"
        "  - les minimums par priorité totalisent 720\u202f000\u00a0€ mais l'enveloppe est de 300\u202f000\u00a0€ "
        "(constraints.priority)",
        "solveur inconnu 'glpk' ('highs' ou 'cbc' attendu)",
        "C00 : 150\u202f000 dépasse la demande 100\u202f000",
    ]
    assert english == [
        "Stopped by SIGTERM: nothing was written (TMP/out is as it was).",
        "/srv/out: the disk is full: free some space, or write elsewhere",
        "TMP/out holds files that optimiser did not write (notes.txt); replacing the folder would lose them: move "
        "them out, or choose another folder",
        "TMP/manifest.json is not a manifest: Expecting property name enclosed in double quotes: line 1 column 2 "
        "(char 1); use the manifest.json the run wrote (it may have been edited or truncated)",
        "The scenario cannot be satisfied:\n  - priority transition needs at least EUR 180,000 but its eligible "
        "candidates can take at most EUR 100,000 (constraints.priority)\n"
        "  - the priority minimums add up to EUR 720,000 but the envelope is EUR 300,000 (constraints.priority)",
        "unknown solver 'glpk' (expected 'highs' or 'cbc')",
        "C00: 150,000 exceeds the request 100,000",
    ]
    english_words = re.compile(r"\b(the|of|and|is|with|expected|must|got|write|should)\b", re.IGNORECASE)
    json_error = "Expecting property name enclosed in double quotes"  # the JSON library's own words, as it says them
    assert [t for t in french if english_words.search(t.replace(json_error, ""))] == []
    for key, words in messages.TEXT.items():
        if key.startswith("run_"):
            assert not english_words.search(re.sub(r"\{\w*\}", "", words["fr"])), (key, words["fr"])


def _helps() -> list[str]:
    """Every help text of the command line: commands, their options, the help and version options."""
    import click

    from optimiser.cli import cli

    texts = []
    for command in [cli, *cli.commands.values()]:
        ctx = click.Context(command)
        texts += [command.help] + [getattr(p, "help", None) for p in command.get_params(ctx)]
    return [text for text in texts if text]


def test_every_help_has_its_french_and_no_french_is_unused():
    from optimiser.messages.help import FRENCH, key

    helps = {key(text) for text in _helps()}
    assert sorted(helps - set(FRENCH)) == []
    assert sorted(set(FRENCH) - helps) == []


def test_the_help_is_french_by_default_and_english_on_request(monkeypatch):
    import subprocess
    import sys

    def shown(*args: str, env: dict[str, str]) -> str:
        done = subprocess.run([sys.executable, "-m", "optimiser", *args], capture_output=True, text=True, env=env,
                              timeout=60, check=True)
        return done.stdout

    import os

    base = {k: v for k, v in os.environ.items() if k != messages.ENV}
    assert "Résout un scénario de façon exacte" in shown("allocate", "--help", env=base)
    assert "Exemple :" in shown("--help", env=base) and "Example:" not in shown("--help", env=base)
    english = shown("allocate", "--help", env={**base, messages.ENV: "en"})
    assert "Solve one scenario exactly" in english and "Résout" not in english
    assert "Solve one scenario exactly" in shown("allocate", "--lang", "en", "--help", env=base)
