"""One catalogue for every committee-facing word, in French and English (French is the default everywhere).

The words are data, `{key: {fr, en}}` (`outcomes.py`: reasons, ceilings, rules, labels; `reports.py`: the
reports' headings and sentences; `grid.py`: the scoring grid and the objective's explanation; `robustness.py`:
robustness.md; `record.py`: the signed record; the terminal's messages are `optimiser.messages`); the functions here
fill them in. A test checks
that every key has both languages and the same placeholders in each. Labels that come from the data
(scenario, company, EPCI and priority names) are shown as given.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..formatting import fmt_eur, fmt_num, named  # noqa: F401 (named: re-exported)
from ..reasons import Cap, Reason, Subject
from . import grid, record, reports, robustness
from .columns import HEADERS
from .outcomes import BOUNDS, CAPS, MEASURES, OBJECTIVES, REASON_LABELS, REASONS, REGIMES, RULES, SUBJECTS, WORDS
from .reports import CAUSES, CLASSES, MOVES, UNITS

if TYPE_CHECKING:
    from ..models import StateAid
    from ..rules import Rule

LANGS = ("fr", "en")


def _merged(*tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """One table of the `t` words; a key in two modules is a mistake caught at import."""
    merged: dict[str, dict[str, str]] = {}
    for table in tables:
        twice = sorted(set(merged) & set(table))
        if twice:
            raise ValueError(f"catalogue keys defined twice: {', '.join(twice)}")
        merged.update(table)
    return merged


TEXT = _merged(reports.TEXT, grid.TEXT, robustness.TEXT, record.TEXT)


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unsupported report language {lang!r} (expected one of: {', '.join(LANGS)})")
    return lang


def t(key: str, lang: str = "fr", **values: object) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled in."""
    text = TEXT[key][check_lang(lang)]
    return text.format(**values) if values else text


def _word(table: dict[str, dict[str, str]], key: str, lang: str) -> str:
    """`key`'s word in `lang`; a key the catalogue does not know is shown as written."""
    return table[key][lang] if key in table else key


def note_text(note: str, lang: str = "fr") -> str:
    """A run's note for the committee, in `lang`: a `reasons.Note` worded from its data, a plain text as is."""
    kind = getattr(note, "kind", None)
    if kind is None:
        return str(note)
    values = dict(note.values)
    if kind == "weights_normalised":
        key = "note_weights_criteria" if values.get("within") else "note_weights_pillars"
        return t(key, lang, total=fmt_num(values["total"], 3, lang).rstrip("0").rstrip(",."), within=values["within"])
    if "ids" in values:
        ids = list(values["ids"])
        values["count"] = len(ids)
        values["ids"] = (", ".join(ids) if len(ids) <= 10 else
                         t("note_ids_more", lang, ids=", ".join(ids[:10]), more=len(ids) - 10))
    if "rows" in values:  # row numbers as people write them: 3-5, 9
        runs: list[list[int]] = []
        for n in values["rows"]:
            if runs and n == runs[-1][1] + 1:
                runs[-1][1] = n
            else:
                runs.append([n, n])
        text = ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:20])
        values["rows"] = text + (" …" if len(runs) > 20 else "")
    if "fill" in values:
        values["fill"] = fmt_num(values["fill"], 1, lang).removesuffix(",0").removesuffix(".0")
    return t(f"note_{kind}", lang, **values)


def state_aid_text(state_aid: StateAid, lang: str = "fr") -> str:
    """The state-aid regime in force, with the de minimis ceiling where it applies."""
    text = t("regime", lang, regime=regime_text(state_aid.regime, lang))
    if state_aid.regime == "de_minimis":
        text += t("de_minimis_ceiling", lang, amount=fmt_eur(state_aid.de_minimis_ceiling_eur, lang))
    return text


def day_text(iso: str, lang: str = "fr") -> str:
    """A day as a person writes it: "1er décembre 2026", "10 December 2026"."""
    year, month, day = (int(part) for part in iso.split("-"))
    first = "1er" if lang == "fr" and day == 1 else str(day)
    return f"{first} {t(f'month_{month}', lang)} {year}"


def reason_label(code: str, lang: str = "fr") -> str:
    return _word(REASON_LABELS, code, lang)


def objective_text(objective: str, lang: str = "fr") -> str:
    return _word(OBJECTIVES, objective, lang)


def regime_text(regime: str, lang: str = "fr") -> str:
    return _word(REGIMES, regime, lang)


def move_text(move: str, lang: str = "fr") -> str:
    return MOVES[move][lang]


def cause_text(cause: str, lang: str = "fr") -> str:
    return CAUSES[cause][lang]


def class_text(cls: str, lang: str = "fr") -> str:
    return CLASSES[cls][lang]


def unit_name(unit: str, lang: str = "fr") -> str:
    return UNITS[unit][lang]


def direction_text(direction: str | None, lang: str = "fr") -> str:
    return t(direction, lang) if direction in ("higher", "lower") else t("descriptive", lang)


def describe_rule(rule: Rule, lang: str = "fr", bound: str = "ceiling") -> str:
    """What a rule bounds, in words; `bound` names it as a ceiling, a limit (both sides) or a floor."""
    return _subject(rule.family, rule.group, rule.measure, lang, bound)


def subject_text(subject: Subject, lang: str = "fr") -> str:
    """What a price is about, in words ("la limite (montant) de l'EPCI X", "l'obligation de financer P3")."""
    return _subject(subject.family, subject.group, subject.measure, lang, subject.bound)


def _subject(family: str, group: str, measure: str, lang: str, bound: str) -> str:
    if family == "lock":
        return SUBJECTS["lock"][lang].format(group=group)
    if family == "company" and not group:
        text = SUBJECTS["company_cap"][lang]
    else:
        text = RULES[family][lang].format(what=MEASURES[measure][lang], group=group)
    ceiling = BOUNDS["ceiling"][lang]
    return text.replace(ceiling, BOUNDS[bound][lang], 1) if bound != "ceiling" and text.startswith(ceiling) else text


def cap_text(cap: Cap | None, lang: str = "fr") -> str:
    """Why a project's ceiling is below its request ("plafond" when nothing more is known)."""
    if cap is None:
        return WORDS["ceiling"][lang]
    assumed = WORDS["size_unknown"][lang] if cap.size_unknown else ""
    return CAPS[cap.kind][lang].format(ceiling=fmt_eur(cap.ceiling, lang), amount=fmt_eur(cap.amount, lang),
                                       regime=cap.regime, intensity=f"{cap.intensity:.0%}", assumed=assumed)


_RULE_TOKEN = re.compile(r"""('[^']*'|"[^"]*")|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|!=|==)""")
_RULE_OPERATORS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}
_RULE_WORDS = {"fr": {"and": "et", "or": "ou", "not": "non", "in": "parmi", "true": "vrai", "false": "faux"},
               "en": {}}


def rule_words(text: str, lang: str = "fr") -> str:
    """An eligibility rule as the committee reads it: columns by their names in the file's language
    (`months_to_start` -> `Délai de démarrage (mois)`), operators as symbols (`≤`), and/or/not in words;
    quoted text kept as written."""
    def word(m: re.Match) -> str:
        quoted, name, operator = m.groups()
        if quoted:
            return quoted
        if operator:
            return _RULE_OPERATORS[operator]
        lowered = name.lower()
        if lowered in _RULE_WORDS[lang]:
            return _RULE_WORDS[lang][lowered]
        return HEADERS[lang].get(name, name)
    return _RULE_TOKEN.sub(word, text)


def reason_text(reason: Reason, lang: str = "fr") -> str:
    """The sentence that explains a candidate's outcome."""
    code = reason.code
    values = {"amount": fmt_eur(reason.amount, lang), "requested": fmt_eur(reason.requested, lang),
              "cap": fmt_eur(reason.cap, lang), "base": fmt_eur(reason.base, lang),
              "left": fmt_eur(reason.envelope_left, lang), "detail": reason.detail,
              "rule": rule_words(reason.rule_text, lang),
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
