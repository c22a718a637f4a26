"""Synthetic, seeded candidates for the demo and the benchmarks. Nothing here describes a real company.

Company names carry "(fictif)", SIRENs start with "00" (a range no real company has) and end with a
valid check digit. Projects are spread over the EPCIs roughly in proportion to their industrial weight,
with sectors of the territory; figures are plausible orders of magnitude, not observations.

`python -m optimiser.synthetic OUTPUT` writes such a file where it is told (`--help`); with the defaults it is
the shipped demo file, byte for byte (`optimiser/data/demo/candidats_demo.csv`).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
from stdnum import luhn

DEMO_SEED = 2024
DEMO_SIZE = 120

# (SIREN, spellings an analyst might type, relative weight, sectors)
_EPCIS = [
    ("200072015", ["CA Annonay Rhône Agglo", "Annonay Rhône Agglomération", "200072015"], 27,
     ["Équipement automobile (bus)", "Papeterie", "Cuir et tannerie", "Mécanique"]),
    ("200040491", ["CC Porte de DrômArdèche", "Porte de Drôme Ardèche", "PORTE DE DROMARDECHE"], 25,
     ["Plasturgie", "Tuiles et terre cuite", "Logistique", "Papeterie", "Cuir et tannerie"]),
    ("200073096", ["CA Arche Agglo", "Arche Agglomération"], 20,
     ["Agroalimentaire", "Composites", "Mécanique"]),
    ("200071413", ["CA Privas Centre Ardèche", "Privas Centre Ardèche"], 16,
     ["Équipement électrique", "Agroalimentaire", "Adhésifs et colles"]),
    ("200041366", ["CC Rhône Crussol", "Rhône-Crussol"], 14,
     ["Équipement électrique", "Logistique", "Mécanique"]),
    ("200041465", ["CC Val'Eyrieux", "Val Eyrieux"], 10,
     ["Embouteillage", "Bijouterie", "Textiles techniques"]),
    ("240700716", ["CC du Val d'Ay", "Val d’Ay"], 4, ["Agroalimentaire", "Métallurgie"]),
    ("200016905", ["CC du Pays de Lamastre", "Pays de Lamastre"], 4, ["Bois", "Agroalimentaire"]),
]
_PRIORITIES = [("transition", 0.40), ("innovation", 0.30), ("competences", 0.18), ("foncier", 0.12)]
_PRIORITY_LABELS = {"transition": "Accélérer la transition écologique et énergétique"}
_FORMS = ["Ateliers", "Établissements", "Manufacture", "Société", "Compagnie", "Fabrique", "Industries"]
_WORDS = ["Alpha", "Boréal", "Cévenol", "Doux", "Eyrieux", "Ferrand", "Gerbier", "Helvie", "Iseron", "Jaloux",
          "Ketting", "Lignon", "Mézenc", "Noyer", "Orsan", "Pilat", "Quintal", "Rochas", "Sabot", "Tanargue",
          "Ubac", "Vivaro", "Wassel", "Xanthe", "Yssar", "Zéphyr"]


def fake_siren(rng: np.random.Generator) -> str:
    body = "00" + "".join(str(d) for d in rng.integers(0, 10, 6))
    return body + luhn.calc_check_digit(body)


def generate(n: int = DEMO_SIZE, seed: int = DEMO_SEED, spellings: bool = True) -> pd.DataFrame:
    """n synthetic candidate projects with the canonical columns and the demo's scoring columns."""
    rng = np.random.default_rng(seed)
    weights = np.array([w for _, _, w, _ in _EPCIS], dtype=float)
    epci_idx = rng.choice(len(_EPCIS), size=n, p=weights / weights.sum())
    priority_keys = [k for k, _ in _PRIORITIES]
    priority_idx = rng.choice(len(_PRIORITIES), size=n, p=[p for _, p in _PRIORITIES])

    # About one company in eight brings two projects; a few companies belong to the same group.
    n_companies = max(1, int(np.ceil(n * 0.88)))
    company_of = np.concatenate([np.arange(n_companies), rng.integers(0, n_companies, n - n_companies)])
    company_of = rng.permutation(company_of)[:n]
    sirens = np.array(_unique_sirens(rng, n_companies))
    groups = sirens.copy()
    for a in rng.choice(n_companies, size=max(1, n_companies // 30), replace=False):
        groups[a] = groups[(a + 1) % n_companies]
    names = [f"{_FORMS[c % len(_FORMS)]} {_WORDS[c % len(_WORDS)]} {_WORDS[(c // len(_WORDS)) % len(_WORDS)]}"
             f"{'' if c < len(_WORDS) ** 2 else f' {c}'} (fictif)" for c in range(n_companies)]

    requested = np.clip(np.round(np.exp(rng.normal(np.log(120_000), 0.65, n)) / 1000) * 1000, 20_000, 400_000)
    min_share = np.where(rng.random(n) < 0.3, 1.0, rng.uniform(0.5, 0.9, n))
    minimum = np.round(requested * min_share / 1000) * 1000
    employees = np.round(np.exp(rng.normal(np.log(60), 1.0, n))).clip(3, 1500)
    turnover = np.round(employees * rng.uniform(90_000, 220_000, n), -3)
    balance = np.round(turnover * rng.uniform(0.5, 1.1, n), -3)
    eligible_cost = np.round(requested / rng.uniform(0.15, 0.45, n), -3)
    prior = np.where(rng.random(n) < 0.25, np.round(rng.uniform(20_000, 290_000, n), -3), 0.0)
    other_aid = np.where(rng.random(n) < 0.15, np.round(rng.uniform(10_000, 100_000, n), -3), 0.0)
    is_transition = priority_idx == 0
    tonnes = np.round(np.exp(rng.normal(np.log(np.where(is_transition, 300, 60)), 1.0, n)))
    tonnes[rng.random(n) < 0.08] = 0
    automotive = np.where(epci_idx == 0, rng.uniform(20, 90, n), rng.uniform(0, 30, n)).round()
    months = rng.integers(1, 22, n)
    months[rng.random(n) < 0.06] = rng.integers(25, 36)  # a few projects too far from starting

    epci_text = [rng.choice(_EPCIS[e][1]) if spellings else _EPCIS[e][0] for e in epci_idx]
    priority_text = [
        _PRIORITY_LABELS.get(priority_keys[p], priority_keys[p]) if spellings and rng.random() < 0.2
        else priority_keys[p] for p in priority_idx
    ]
    width = max(3, len(str(n)))
    table = pd.DataFrame({
        "id": [f"P{i + 1:0{width}d}" for i in range(n)],
        "siren": sirens[company_of],
        "name": [names[c] for c in company_of],
        "epci": epci_text,
        "priority": priority_text,
        "sector": [rng.choice(_EPCIS[e][3]) for e in epci_idx],
        "requested_eur": requested.astype(np.int64),
        "min_eur": minimum.astype(np.int64),
        "group_id": groups[company_of],
        "eligible_cost_eur": eligible_cost,
        "employees": employees,
        "turnover_eur": turnover,
        "balance_sheet_eur": balance,
        "de_minimis_received_eur": prior,
        "other_public_aid_eur": other_aid,
        "turnover_growth_pct": np.round(rng.normal(8, 9, n), 1),
        "jobs_created": np.round(np.clip(rng.gamma(1.6, 4.0, n) * requested / 120_000, 0, 60)),
        "export_share_pct": np.round(rng.beta(1.5, 3, n) * 100),
        "rd_share_pct": np.round(rng.beta(1.2, 8, n) * 100, 1),
        "tco2e_avoided_per_year": tonnes,
        "lifetime_years": rng.choice([5, 8, 10, 12, 15, 20], size=n),
        "automotive_exposure_pct": automotive,
        "months_to_start": months,
    })
    return table


def _unique_sirens(rng: np.random.Generator, count: int) -> list[str]:
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault(fake_siren(rng), None)
    return list(seen)


def write_french_csv(table: pd.DataFrame, path: Path, comment: str | None = None) -> None:
    """Write as French Excel does: `;` separators, decimal commas, UTF-8 with BOM."""
    def cell(value: object) -> str:
        if isinstance(value, (float, np.floating)):
            if np.isnan(value):
                return ""
            return (f"{value:.0f}" if float(value).is_integer() else f"{value:.10g}").replace(".", ",")
        return str(value)

    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        if comment:
            for line in comment.splitlines():
                handle.write(f"# {line}\r\n")
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(table.columns)
        for row in table.itertuples(index=False):
            writer.writerow([cell(v) for v in row])


DEMO_COMMENT = (
    "synthetic: true\n"
    "DONNÉES SYNTHÉTIQUES : entreprises, SIREN et chiffres fictifs, générés par optimiser.synthetic "
    f"(graine {DEMO_SEED}). Ne décrivent aucune entreprise réelle."
)


def main(argv: list[str] | None = None) -> int:
    """`python -m optimiser.synthetic OUTPUT [--size N] [--seed S] [--force]`: writes only where it is told."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m optimiser.synthetic",
        description="Write a synthetic candidates file (fictitious companies, SIRENs and figures), as French "
                    "Excel saves a CSV. With the defaults it is byte for byte the demo file shipped with optimiser.")
    parser.add_argument("output", type=Path, help="the CSV file to write (refused if it exists, unless --force)")
    parser.add_argument("--size", type=int, default=DEMO_SIZE, help=f"number of projects (default {DEMO_SIZE})")
    parser.add_argument("--seed", type=int, default=DEMO_SEED, help=f"random seed (default {DEMO_SEED})")
    parser.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error(f"--size must be at least 1 (got {args.size})")
    if args.output.exists() and not args.force:
        parser.error(f"{args.output} exists; pass --force to replace it")
    if not args.output.parent.is_dir():
        parser.error(f"{args.output.parent} is not a folder")
    comment = DEMO_COMMENT if args.seed == DEMO_SEED else DEMO_COMMENT.replace(f"graine {DEMO_SEED}",
                                                                            f"graine {args.seed}")
    write_french_csv(generate(args.size, args.seed), args.output, comment)
    print(f"wrote {args.output} ({args.size} synthetic projects, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
