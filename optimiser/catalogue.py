"""The words of every outcome, in French and English: reasons, state-aid ceilings and rules.

Everything here is pure: data in (`reasons.Reason`, `reasons.Cap`, `rules.Rule`), a sentence out. The
French sentences are the ones the committee's reports have always shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .formatting import fmt_eur, fmt_num
from .reasons import Cap, Reason

if TYPE_CHECKING:
    from .rules import Rule

LANGS = ("fr", "en")

REASONS: dict[str, dict[str, str]] = {
    "funded_full": {"fr": "Financé en totalité : {amount}.", "en": "Funded in full: {amount}."},
    "funded_partial": {"fr": "Financé partiellement : {amount} sur {requested} demandés (limité par {limit}).",
                       "en": "Funded in part: {amount} of {requested} requested (limited by {limit})."},
    "excluded_missing_data": {"fr": "Exclu : {detail}.", "en": "Excluded: {detail}."},
    "locked_out": {"fr": "Écarté par décision du comité (lock_out).",
                   "en": "Set aside by the committee's decision (lock_out)."},
    "ineligible_rule": {"fr": "Inéligible : « {rule} » ({why}).", "en": "Ineligible: \"{rule}\" ({why})."},
    "below_min_score": {"fr": "Score {score} inférieur au minimum requis ({min_score}).",
                        "en": "Score {score} below the minimum required ({min_score})."},
    "state_aid_cap_partial": {
        "fr": "Plafond d'aide ({cap}) inférieur au montant minimum viable ({base}) : {what}.",
        "en": "Aid ceiling ({cap}) below the smallest viable amount ({base}): {what}."},
    "state_aid_cap_whole": {
        "fr": "Plafond d'aide ({cap}) inférieur au montant demandé ({requested}) en financement tout ou rien : {what}.",
        "en": "Aid ceiling ({cap}) below the amount requested ({requested}) in all-or-nothing funding: {what}."},
    "not_funded_rule": {"fr": "Non financé : {rules} est atteint.", "en": "Not funded: {rules} is reached."},
    "not_funded_budget": {
        "fr": "Non financé faute d'enveloppe : il reste {left}, il en faudrait au moins {base} ; les projets "
              "retenus apportent plus de valeur pour ces euros.",
        "en": "Not funded for lack of envelope: {left} is left, it would need at least {base}; the projects "
              "chosen bring more value for these euros."},
    "not_selected": {"fr": "Non retenu : le financer n'améliorerait pas l'objectif "
                           "(score nul ou solution non prouvée optimale).",
                     "en": "Not selected: funding it would not improve the objective "
                           "(zero score, or a solution not proven optimal)."},
}
WORDS: dict[str, dict[str, str]] = {
    "missing": {"fr": "valeur manquante", "en": "missing value"},
    "failed": {"fr": "règle non satisfaite", "en": "rule not met"},
    "and": {"fr": " et ", "en": " and "},
    "ceiling": {"fr": "plafond", "en": "ceiling"},
    "optimisation": {"fr": "arbitrage de l'optimisation", "en": "the optimisation's trade-off"},
    "size_unknown": {"fr": " (taille inconnue : traitée comme grande entreprise)",
                     "en": " (size unknown: treated as a large company)"},
}
CAPS: dict[str, dict[str, str]] = {
    "de_minimis": {"fr": "de minimis : plafond de {ceiling} sur 3 ans, reste {amount} pour l'entreprise unique",
                   "en": "de minimis: ceiling of {ceiling} over 3 years, {amount} left for the single undertaking"},
    "gber_no_cost": {"fr": "{regime} : coûts éligibles non renseignés", "en": "{regime}: eligible costs not given"},
    "gber": {"fr": "{regime} : intensité {intensity} × coûts éligibles − autres aides publiques = {amount}{assumed}",
             "en": "{regime}: intensity {intensity} × eligible costs − other public aid = {amount}{assumed}"},
    "company": {"fr": "plafond par entreprise de {ceiling}", "en": "cap per company of {ceiling}"},
}
RULES: dict[str, dict[str, str]] = {
    "envelope": {"fr": "l'enveloppe", "en": "the envelope"},
    "epci": {"fr": "le plafond ({what}) de l'EPCI {group}", "en": "the cap ({what}) of the EPCI {group}"},
    "priority": {"fr": "le plafond ({what}) de la priorité {group}", "en": "the cap ({what}) of the priority {group}"},
    "company": {"fr": "le plafond par entreprise (SIREN {group})", "en": "the cap per company (SIREN {group})"},
    "de_minimis": {"fr": "le plafond de minimis de l'entreprise unique {group}",
                   "en": "the de minimis ceiling of the single undertaking {group}"},
    "totals": {"fr": "le plafond du total {group}", "en": "the cap of the total {group}"},
}
MEASURES: dict[str, dict[str, str]] = {
    "eur": {"fr": "montant", "en": "amount"},
    "projects": {"fr": "nombre de projets", "en": "number of projects"},
    "column": {"fr": "total", "en": "total"},
}


def describe_rule(rule: Rule, lang: str = "fr") -> str:
    """What a rule bounds, in words."""
    return RULES[rule.family][lang].format(what=MEASURES[rule.measure][lang], group=rule.group)


def cap_text(cap: Cap | None, lang: str = "fr") -> str:
    """Why a project's ceiling is below its request ("plafond" when nothing more is known)."""
    if cap is None:
        return WORDS["ceiling"][lang]
    assumed = WORDS["size_unknown"][lang] if cap.size_unknown else ""
    return CAPS[cap.kind][lang].format(ceiling=fmt_eur(cap.ceiling, lang), amount=fmt_eur(cap.amount, lang),
                                       regime=cap.regime, intensity=f"{cap.intensity:.0%}", assumed=assumed)


def reason_text(reason: Reason, lang: str = "fr") -> str:
    """The sentence that explains a candidate's outcome."""
    code = reason.code
    values = {"amount": fmt_eur(reason.amount, lang), "requested": fmt_eur(reason.requested, lang),
              "cap": fmt_eur(reason.cap, lang), "base": fmt_eur(reason.base, lang),
              "left": fmt_eur(reason.envelope_left, lang), "detail": reason.detail, "rule": reason.rule_text,
              "why": WORDS["missing" if reason.missing else "failed"][lang], "what": cap_text(reason.cap_reason, lang)}
    if code == "below_min_score":
        values.update(score=fmt_num(reason.score, lang=lang), min_score=fmt_num(reason.min_score, lang=lang))
    if code == "funded_partial":
        values["limit"] = (cap_text(reason.cap_reason, lang) if reason.at_cap
                           else ", ".join(describe_rule(r, lang) for r in reason.rules) or WORDS["optimisation"][lang])
    if code == "state_aid_cap":
        code = "state_aid_cap_partial" if reason.partial else "state_aid_cap_whole"
    if code.startswith("not_funded_") and reason.rules:
        code = "not_funded_rule"
        values["rules"] = WORDS["and"][lang].join(describe_rule(r, lang) for r in reason.rules)
    return REASONS[code][lang].format(**values)
