"""report.md: the allocation in readable French, from the shared tables."""

from __future__ import annotations

from .. import __version__
from ..allocation import Allocation
from ..catalogue import cause_text, describe_rule, move_text, objective_text, reason_label, reason_text, regime_text, t
from ..comparison import Comparison
from ..formatting import fmt_eur, fmt_int, fmt_num, fmt_pct, fmt_unit
from ..indicators import PARETO_LAYER
from .tables import RunInfo, by_epci, by_priority, epci_amounts, indicator_table, ranking_table, status_text

SYNTHETIC_BANNER = f"> **{t('synthetic_title')}** {t('synthetic_text')}"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[object]], right: set[int] = frozenset()) -> str:
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def render(alloc: Allocation, info: RunInfo, unfunded_shown: int = 10) -> str:
    s = alloc.scenario
    t = alloc.table
    funded = t[t["funded"]].sort_values(["rank", "id"])
    out = [f"# Répartition de l'enveloppe — {s.name}", ""]
    if info.synthetic:
        out += [SYNTHETIC_BANNER, ""]
    if s.description:
        out += [s.description, ""]
    total = alloc.total_eur
    aid = (f"régime {regime_text(s.state_aid.regime)}"
           + (f", plafond de minimis {fmt_eur(s.state_aid.de_minimis_ceiling_eur)} par entreprise unique sur 3 ans"
              if s.state_aid.regime == "de_minimis" else "")
           if s.state_aid else "**aucun plafond d'aides d'État appliqué** (le scénario ne fixe pas `state_aid`)")
    out += [
        "## Chiffres clés", "",
        f"- Enveloppe : {fmt_eur(s.envelope_eur)} ; attribué : **{fmt_eur(total)}** "
        f"({fmt_pct(total / s.envelope_eur)})",
        f"- Projets financés : **{len(funded)}** sur {len(t)} candidats ({int(t['eligible'].sum())} éligibles), "
        f"{funded['siren'].nunique()} entreprises, {funded['epci'].nunique()} EPCI sur {len(alloc.territory.epcis)}",
        "- Mode de financement : "
        f"{'partiel (entre le minimum viable et le plafond)' if s.funding == 'partial' else 'tout ou rien'}",
        f"- Objectif : {objective_text(s.objective)} = {fmt_num(alloc.solution.objective or 0, 3)}",
        f"- Résolution : {alloc.solution.solver.upper() if alloc.solution.solver == 'cbc' else 'HiGHS'}, "
        f"{status_text(alloc)}",
        f"- Aides d'État : {aid}",
    ]
    out += [f"- Note : {note}" for note in alloc.notes]
    out += ["", "## Projets financés", ""]
    out.append(_table(
        ["Rang", "Projet", "Entreprise", "EPCI", "Priorité", "Score", "Montant", "Demandé", "Motif"],
        [[fmt_int(r["rank"]), r["id"], r["name"], _epci_name(alloc, r["epci"]), r["priority"], fmt_num(r["score"]),
          fmt_eur(r["amount_eur"]), fmt_eur(r["requested_eur"]), reason_text(r["reason"])]
         for _, r in funded.iterrows()],
        right={0, 5, 6, 7},
    ) if len(funded) else "_Aucun projet financé._")

    out += ["", "## Par EPCI", ""]
    out.append(_table(
        ["EPCI", "Candidats", "Éligibles", "Financés", "Montant", "Part de l'enveloppe", "€ par habitant"],
        [[r.epci, r.candidates, r.eligible, r.funded, fmt_eur(r.amount_eur), fmt_pct(r.share),
          f"{fmt_num(r.eur_per_inhabitant, 2)} (pop. {r.population_year})"] for r in by_epci(alloc).itertuples()],
        right={1, 2, 3, 4, 5, 6},
    ))
    out += ["", "## Par priorité", ""]
    out.append(_table(
        ["Priorité", "Intitulé", "Candidats", "Éligibles", "Financés", "Montant", "Part de l'enveloppe"],
        [[r.priority, r.label, r.candidates, r.eligible, r.funded, fmt_eur(r.amount_eur), fmt_pct(r.share)]
         for r in by_priority(alloc).itertuples()],
        right={2, 3, 4, 5, 6},
    ))

    out += ["", "## Contraintes saturées", ""]
    binding = [st for st in alloc.rules if st.binding]
    if binding:
        for st in binding:
            bound = st.bound
            digits = 0 if st.rule.measure == "projects" else 1
            unit = fmt_eur if st.rule.measure == "eur" else (lambda v, d=digits: fmt_num(v, d))
            side = "plafond" if st.at_upper else "plancher"
            text = describe_rule(st.rule).replace("le plafond", "la limite")
            out.append(f"- {text[0].upper()}{text[1:]} : "
                       f"{unit(st.activity)} pour un {side} de {unit(bound)} (`{st.rule.source}`)")
    else:
        out.append("_Aucune contrainte n'est saturée._")

    out += ["", "## Pourquoi les premiers projets non financés ont manqué", ""]
    missed = t[t["eligible"] & ~t["funded"]].sort_values(["rank", "id"]).head(unfunded_shown)
    out.append(_table(
        ["Rang", "Projet", "Entreprise", "Score", "Demandé", "Motif"],
        [[fmt_int(r["rank"]), r["id"], r["name"], fmt_num(r["score"]), fmt_eur(r["requested_eur"]),
          reason_text(r["reason"])]
         for _, r in missed.iterrows()], right={0, 3, 4},
    ) if len(missed) else "_Tous les projets éligibles sont financés._")

    out += ["", "## Motifs pour l'ensemble des candidats", ""]
    counts = t["reason_code"].value_counts()
    out.append(_table(["Motif", "Code", "Candidats"],
                      [[reason_label(code), code, n] for code, n in sorted(counts.items())], right={2}))
    closed = t[~t["eligible"]].sort_values("id")
    if len(closed):
        out += ["", "Candidats non éligibles :", ""]
        out += [f"- {r['id']} ({r['name']}) : {reason_text(r['reason'])}" for _, r in closed.iterrows()]

    out += ["", "## Traçabilité", "",
            f"- Fichier des candidats : `{info.candidates_file}` (SHA-256 `{info.candidates_sha256}`)",
            f"- Scénario : `{info.scenario_file}` (SHA-256 du scénario résolu `{info.scenario_sha256}`)",
            f"- optimiser {__version__}", ""]
    return "\n".join(out)


def _epci_name(alloc: Allocation, siren: str) -> str:
    return next((e.name for e in alloc.territory.epcis if e.siren == siren), siren)


def render_comparison(comparison: Comparison) -> str:
    """comparison.md: the ranking, the indicators side by side, and what moves against the reference."""
    solved = comparison.solved
    out = ["# Comparaison des scénarios", ""]
    if any(e.study.synthetic for e in solved):
        out += [SYNTHETIC_BANNER, ""]
    ref = comparison.entry(comparison.reference)
    rank_label = next(i.label() for i in comparison.indicators if i.key == comparison.rank_by)
    out += [t("reference_intro", "fr", name=f"**{ref.name}**", label=f"`{ref.label}`", indicator=f"**{rank_label}**"),
            ""]
    if comparison.rank_by == PARETO_LAYER:
        out += [t("pareto_intro", "fr"), ""]
    out += ["## Classement", ""]
    rows = []
    unit = next(i.unit for i in comparison.indicators if i.key == comparison.rank_by)
    labels = {i.key: i.label() for i in comparison.indicators}
    for r in ranking_table(comparison).itertuples():
        if r.rank is None or r.rank != r.rank:
            continue
        entry = comparison.entry(r.scenario)
        dominated = "; ".join(f"par {other} ({', '.join(labels[k] for k in keys)})"
                              for other, keys in comparison.dominated_by[r.scenario])
        rows.append([f"{int(r.rank)}{' (ex aequo)' if r.tied else ''}", entry.name, r.scenario,
                     fmt_unit(entry.values[comparison.rank_by], unit),
                     f"dominé {dominated}" if dominated else "non dominé"])
    out.append(_table(["Rang", "Scénario", "Fichier", rank_label, "Pareto"], rows, right={3}))
    for entry in comparison.entries:
        if entry.study is None:
            out += ["", f"- **{entry.label}** : scénario infaisable. {entry.error.splitlines()[0]}"]
    out += ["", "Un scénario est *dominé* quand un autre fait au moins aussi bien sur chaque indicateur clé "
            "et mieux sur l'un d'eux.", "", "## Indicateurs", ""]
    table = indicator_table(comparison)
    headers = ["Indicateur"] + [e.name for e in solved]
    rows = []
    for r in table.to_dict("records"):
        best = set(filter(None, r["best"].split(", ")))
        cells = [fmt_unit(r[e.label], r["unit"]) + (" ★" if e.label in best and len(best) < len(solved) else "")
                 for e in solved]
        rows.append([r["label"] + (" (clé)" if r["key_indicator"] else ""), *cells])
    out.append(_table(headers, rows, right=set(range(1, len(headers)))))
    out += ["", "★ : meilleure valeur de la ligne. « (clé) » : indicateur retenu pour la dominance de Pareto.", ""]
    out += ["## Montant par EPCI", ""]
    amounts = epci_amounts(comparison)
    out.append(_table(["EPCI"] + [e.name for e in solved],
                      [[epci, *(fmt_eur(amounts.at[epci, e.label]) for e in solved)] for epci in amounts.index],
                      right=set(range(1, len(solved) + 1))))
    for label, moves in comparison.changes.items():
        entry = comparison.entry(label)
        out += ["", f"## {entry.name} face à la référence", ""]
        if moves.empty:
            out.append("_Aucun projet ne change._")
            continue
        out.append(_table(
            ["Projet", "Entreprise", "Mouvement", "Référence", "Scénario", "Cause", "Motif dans le scénario"],
            [[m.id, m.name, move_text(m.move), fmt_eur(m.amount_reference_eur), fmt_eur(m.amount_eur),
              cause_text(m.cause), reason_text(m.reason)] for m in moves.itertuples()], right={3, 4}))
    out.append("")
    return "\n".join(out)
