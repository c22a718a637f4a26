"""The command line: a thin shell over the application (`app`), and the one place that prints.

How the process ends (exit codes, messages, signals) is `process.py`'s job.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import process
from .errors import InfeasibleError, InputError, MismatchError, NotProvenError

if TYPE_CHECKING:  # each command imports what it needs when it runs: `--help` and `validate` stay instant
    from .app import run
    from .app.outdir import Outdir
    from .app.requests import CompareRequest
    from .study import Study

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
EXISTING_PATH = click.Path(exists=True, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="optimiser", prog_name="optimiser")
@click.option("--debug", is_flag=True, help="Show the Python traceback of any error.")
def cli(debug: bool) -> None:
    """Exact, explained allocation of a grant envelope among candidate projects.

    \b
    Example:
      optimiser demo -o resultats_demo
      optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats
    """


LANG = click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
                    help="Language of the HTML and XLSX reports.")
CSV = click.option("--csv", "dialect", type=click.Choice(["excel", "plain"]), default="excel", show_default=True,
                   help="CSV files for French Excel (UTF-8 with BOM, `;`, decimal comma, ids kept as text) or "
                        "plain for programs (UTF-8, `,`, decimal point, column keys); see docs/outputs.md.")
FORCE = click.option("--force", is_flag=True, help="Replace the results already in OUTDIR (never files that "
                                                   "optimiser did not write: those are named and the run refused).")


def _headline(result: Study) -> str:
    from .formatting import fmt_eur
    from .report.tables import status_text

    alloc = result.allocation
    assert alloc is not None
    s = alloc.scenario
    lines = [
        f"{s.name}: {int(alloc.table['funded'].sum())} projects funded, {fmt_eur(alloc.total_eur, 'en')} "
        f"of {fmt_eur(s.envelope_eur, 'en')} ({status_text(alloc, 'en')})",
    ]
    if result.synthetic:
        lines.append("  (synthetic demo data: fictitious companies)")
    lines += [f"  note: {note}" for note in alloc.notes]
    return "\n".join(lines)


def _require_proof(runs: list[Study]) -> None:
    """Results are written either way; a solution not proven optimal is said and exits with code 4."""
    unproven = [r.allocation.scenario.name for r in runs if r.allocation and not r.allocation.proven_optimal]
    if unproven:
        raise NotProvenError(f"results written, but not proven optimal (solver time limit): {', '.join(unproven)}; "
                             "raise solver.time_limit_s to obtain a proof")


def _comparison_lines(comparison) -> list[str]:
    lines = [f"Ranking by {comparison.rank_by} (reference: {comparison.reference}):"]
    for label, position in comparison.ranking:
        entry = comparison.entry(label)
        dominated = comparison.dominated_by.get(label)
        flag = ("  [Pareto-dominated by " + "; ".join(f"{o} on {', '.join(k)}" for o, k in dominated) + "]"
                if dominated else "")
        value = entry.values[comparison.rank_by]
        shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        lines.append(f"  {position}. {entry.name} ({label}): {shown}{flag}")
    lines += [f"  infeasible: {e.label}: {e.error.splitlines()[0]}" for e in comparison.entries if e.study is None]
    return lines


@cli.command()
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, help="Scenario YAML (columns, scoring, rules) to check against.")
def validate(candidates: Path, scenario: Path | None) -> None:
    """Check a candidates file (and a scenario) and report every problem; changes nothing.

    \b
    Example:
      optimiser validate candidats.csv -s scenarios/baseline.yaml
    """
    if scenario is None:
        from .loading import load_candidates
        from .territory import load_territory

        loaded_candidates = load_candidates(candidates, load_territory())
        click.echo(f"{candidates.name}: {loaded_candidates.count} candidates, no problem found "
                   "(give -s SCENARIO to check the scoring and the rules too).")
        for note in loaded_candidates.notes:
            click.echo(f"  note: {note}")
        return
    from .feasibility import prechecks
    from .study import Study

    study = Study.open(candidates, scenario)
    prep = study.prepared
    conflicts = prechecks(prep, study.scenario)
    if conflicts:
        raise InfeasibleError(f"{scenario.name}: the scenario cannot be satisfied:", conflicts)
    click.echo(f"{candidates.name} with {scenario.name}: {len(prep.table)} candidates, {int(prep.open.sum())} may be "
               f"funded; no problem found.")
    for note in (*study.candidates.notes, *study.scores.notes):
        click.echo(f"  note: {note}")


@cli.command("score")
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, required=True, help="Scenario YAML with the scoring grid.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write: .csv, or .xlsx for a workbook (default: print the CSV).")
@click.option("--csv", "dialect", type=click.Choice(["excel", "plain"]), default=None,
              help="CSV for French Excel or plain for programs (default: excel for a file, plain when printed).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def score_command(candidates: Path, scenario: Path, output: Path | None, dialect: str | None, force: bool) -> None:
    """Score and rank the candidates: every criterion, every pillar, the total and the rank.

    \b
    Example:
      optimiser score candidats.csv -s scenarios/baseline.yaml -o scores.csv
    """
    from .app import files
    from .report.delimited import csv_text
    from .report.tables import score_rows
    from .study import Study

    suffix = output.suffix.lower() if output is not None else ""
    if output is not None and suffix not in (".csv", ".txt", ".xlsx"):
        raise InputError(f"{output}: write the scores to a .csv or an .xlsx file (got {suffix or 'no extension'!r})")
    if output is not None and output.exists() and not force:
        raise InputError(f"{output} already exists; pass --force to overwrite it")
    result = Study.open(candidates, scenario)
    rows = score_rows(result.candidates.table, result.scores, result.loaded.territory)
    if output is None:
        click.echo(csv_text(rows, dialect or "plain", ids=("id",)), nl=False)
        return
    if suffix == ".xlsx":
        from .report.xlsx import scores_workbook

        files.write_atomic(output, scores_workbook(rows))  # a real workbook, never CSV text under .xlsx
    else:
        files.write_atomic(output, csv_text(rows, dialect or "excel", ids=("id",)))
    click.echo(f"wrote {output} ({len(result.scores.ids)} candidates)")
    for note in (*result.candidates.notes, *result.scores.notes):
        click.echo(f"  note: {note}")


@cli.command("allocate")
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, required=True, help="Scenario YAML.")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for allocation.csv, summary.json, report.md, report.html, allocation.xlsx, manifest.json.")
@LANG
@CSV
@FORCE
def allocate_command(candidates: Path, scenario: Path, outdir: Path, lang: str, dialect: str, force: bool) -> None:
    """Solve one scenario exactly and write its allocation, summary and reports.

    \b
    Example:
      optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats/reference
    """
    from .app import run
    from .app.outdir import Outdir
    from .app.requests import AllocateRequest, absolute

    with Outdir(outdir, force) as out:
        request = AllocateRequest(candidates=absolute(candidates), scenario=absolute(scenario), lang=lang,
                                  csv=dialect)
        with _progress(lang) as bars:
            result = run.run_into(out, request, progress=bars)
        _publish(out, result, [_headline(result.runs[0]),
                               f"  wrote {', '.join(result.folders[''])} and the inputs' copy in {outdir}"])
        _require_proof(result.runs)


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


@cli.command("proces-verbal")
@click.argument("source", metavar="CANDIDATES|FOLDER", type=EXISTING_PATH)
@click.option("-s", "--scenario", type=EXISTING_FILE, default=None,
              help="Scenario YAML of the decision: the one shown to the committee, or one that `extends:` it and "
                   "adds the committee's `overrides:` (docs/record.md). Default with a FOLDER: its scenario.")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Day of the record, AAAA-MM-JJ (default: today). Recorded, so that a replay gives the same PDF.")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for proces-verbal.pdf, proces-verbal.json, the decision's allocation files and "
                   "manifest.json. Default with a FOLDER: FOLDER-proces-verbal beside it.")
@LANG
@CSV
@FORCE
def proces_verbal(source: Path, scenario: Path | None, day, outdir: Path | None, lang: str, dialect: str,
                  force: bool) -> None:
    """Write the dated record a committee signs (proces-verbal.pdf): the decision on page one, then the
    optimiser's proposal beside it with each override, its reason and its cost, the scoring grid, the
    unfunded projects and why, and the signatures.

    The data are a candidates file with -s, or the results FOLDER of one scenario (`allocate`'s), whose
    copies of the inputs are checked by SHA-256 and used.

    \b
    Example:
      optimiser proces-verbal resultats/reference --date 2026-12-10
      optimiser proces-verbal candidats.csv -s decision.yaml --date 2026-12-10 -o proces-verbal
    """
    candidates = source
    if source.is_dir():
        from .app.manifest import decision_inputs

        candidates, shown = decision_inputs(source)
        scenario = scenario or shown
        outdir = outdir or source.parent / f"{source.resolve().name}-proces-verbal"
    elif scenario is None or outdir is None:
        raise click.UsageError("give the scenario (-s) and the output folder (-o), or a results FOLDER")
    from .app import run
    from .app.outdir import Outdir
    from .app.requests import RecordRequest, absolute

    date = day.date().isoformat() if day is not None else _today()
    with Outdir(outdir, force) as out:
        request = RecordRequest(candidates=absolute(candidates), scenario=absolute(scenario), date=date, lang=lang,
                                csv=dialect)
        with _progress(lang) as bars:
            result = run.run_into(out, request, progress=bars)
        decision = result.decision
        lines = [_headline(result.runs[0])]
        if decision.effects:
            lines.append(f"  {len(decision.effects)} override(s): the decision gives up {decision.cost:.1f} points "
                         f"of the proposal's {decision.value_proposed:.1f}")
        others = ", ".join(name for name in result.folders[""] if name != "proces-verbal.pdf")
        lines.append(f"  wrote the record of {date}, proces-verbal.pdf, with {others} and the inputs' copy in {outdir}")
        _publish(out, result, lines)
        _require_proof(result.runs)


@cli.command("compare")
@click.argument("candidates", type=EXISTING_FILE)
@click.argument("scenarios", type=EXISTING_PATH, nargs=-1, required=True)
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the comparison files, one sub-folder per scenario.")
@click.option("--reference", help="Scenario (file name) used as the reference: its scoring is the common "
                                  "yardstick and changes are shown against it. Default: baseline, else the first.")
@click.option("--rank-by", default="pareto_layer", show_default=True,
              help="Indicator that ranks the scenarios (see docs/comparison.md).")
@LANG
@CSV
@FORCE
def compare_command(candidates: Path, scenarios: tuple[Path, ...], outdir: Path, reference: str | None,
                    rank_by: str, lang: str, dialect: str, force: bool) -> None:
    """Run several scenarios (files or folders of them) on the same candidates and compare them.

    \b
    Example:
      optimiser compare candidats.csv scenarios/ -o comparaison
      optimiser compare candidats.csv a.yaml b.yaml -o comparaison --rank-by tco2e_per_year --lang en
    """
    _compare_and_write(_compare_request(candidates, list(scenarios), reference, rank_by, lang, dialect), outdir,
                       force)


@cli.command()
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("resultats_demo"),
              show_default=True, help="Folder for the results: the comparison, and one sub-folder per scenario.")
@LANG
@CSV
@FORCE
def demo(outdir: Path, lang: str, dialect: str, force: bool) -> None:
    """Run and compare every shipped scenario on the embedded synthetic demo data.

    \b
    Example:
      optimiser demo -o resultats_demo
    """
    from .scenarios import DEMO_CANDIDATES, shipped_scenarios

    click.echo(f"Demo data: {DEMO_CANDIDATES.name} (SYNTHETIC: fictitious companies and figures)")
    _compare_and_write(_compare_request(DEMO_CANDIDATES, shipped_scenarios(), None, "pareto_layer", lang,
                                        dialect),
                       outdir, force)


def _compare_request(candidates: Path, scenarios: list[Path], reference: str | None, rank_by: str,
                     lang: str, dialect: str) -> CompareRequest:
    from .app.requests import CompareRequest, absolute
    from .comparison import scenario_files

    return CompareRequest(candidates=absolute(candidates), scenarios=[absolute(p) for p in scenario_files(scenarios)],
                          reference=reference, rank_by=rank_by, lang=lang, csv=dialect)


def _compare_and_write(request: CompareRequest, outdir: Path, force: bool) -> None:
    from .app import run
    from .app.outdir import Outdir

    with Outdir(outdir, force) as out:
        with _progress(request.lang) as bars:
            result = run.run_into(out, request, progress=bars)
        lines = [_headline(entry.study) for entry in result.comparison.solved] + _comparison_lines(result.comparison)
        folders = ", ".join(f"{name}/" for name in result.folders if name)
        _publish(out, result, [*lines, f"Results in {outdir}/: comparison.*, {folders} and inputs/"])
        _require_proof(result.runs)


def _publish(out: Outdir, result: run.Result, lines: list[str]) -> None:
    """Everything to say is ready before the folder is swapped in: a failure after it cannot leave results."""
    notes = out.notes + [f"{path} was read from outside {out.shown}: an `extends:` written as an absolute path; "
                         "the folder replays only where that file is (write it relative to its scenario)"
                         for path in result.outside]
    out.publish()
    process.ignore_stops()
    for line in lines + [f"  note: {note}" for note in notes]:
        click.echo(line)


@cli.command()
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, required=True, help="Scenario YAML.")
@click.option("--draws", type=click.IntRange(1, 1_000_000), default=200, show_default=True,
              help="Number of weight (and data) draws, each solved exactly.")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True,
              help="Seed of the draws: same seed, same files.")
@click.option("--jobs", "processes", type=click.IntRange(1, 256), default=None,
              help="Processes to use (default: every core). Never changes the results.")
@click.option("--place", "others", type=EXISTING_PATH, multiple=True,
              help="Scenarios (files or folders) to place on the frontier; default: the scenario's own folder.")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the allocation, robustness.csv, constraint_prices.csv, budget_curve.csv, "
                   "frontier.csv...")
@LANG
@CSV
@FORCE
def sensitivity(candidates: Path, scenario: Path, draws: int, seed: int, processes: int | None,
                others: tuple[Path, ...], outdir: Path, lang: str, dialect: str, force: bool) -> None:
    """How sure is the allocation? Core index per candidate over weight (and data) draws, the price of
    each rule, the budget curve, the frontier between two pillars, and how far each candidate near the
    cut-off is from the other side.

    \b
    Example:
      optimiser sensitivity candidats.csv -s scenarios/baseline.yaml --draws 1000 --seed 1 -o robustesse
    """
    from .app import run
    from .app.outdir import Outdir
    from .app.requests import SensitivityRequest, absolute
    from .comparison import scenario_files
    from .sensitivity import default_jobs

    placed = scenario_files(list(others) or [scenario.parent])
    request = SensitivityRequest(candidates=absolute(candidates), scenario=absolute(scenario), draws=draws, seed=seed,
                                 others=[absolute(p) for p in placed], lang=lang, csv=dialect)
    with Outdir(outdir, force) as out:
        with _progress(lang) as bars:
            result = run.run_into(out, request, jobs=processes or default_jobs(), progress=bars)
        a = result.analysis
        counts = a.robustness.candidates["class"].value_counts()
        _publish(out, result, [
            _headline(a.study),
            f"  {draws} draws (seed {seed}): {counts.get('core', 0)} core, {counts.get('borderline', 0)} "
            f"borderline, {counts.get('exterior', 0)} exterior candidates",
            f"  wrote {len(result.folders[''])} files and the inputs' copy in {outdir} (robustness.md first)"])
        _require_proof(result.runs)


def _progress(lang: str) -> _Stages | _NoBar:
    """Progress bars on stderr when a person watches it (a terminal, not CI); else silence."""
    return _Stages(lang) if sys.stderr.isatty() and not os.environ.get("CI") else _NoBar()


class _NoBar:
    """No progress shown (stderr is not a terminal, or CI): told, and silent."""

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __call__(self, stage: str, done: int, total: int) -> None:
        return None


class _Stages:
    """One progress bar per stage of a long analysis, on stderr, named in the report's language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stage: str | None = None
        self.bar = None
        self.done = 0

    def __enter__(self) -> _Stages:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close()

    def __call__(self, stage: str, done: int, total: int) -> None:
        from .catalogue import t

        if stage != self.stage:
            self._close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=max(total, 1), label=t(f"stage_{stage}", self.lang),
                                         file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _manifest_of(path: Path) -> Path:
    from .app import manifest

    return path / manifest.MANIFEST if path.is_dir() else path


@cli.command()
@click.argument("source", metavar="FOLDER", type=EXISTING_PATH)
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the replayed results (not the original one).")
@click.option("--inputs", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the inputs, laid out as FOLDER/inputs/ (default: FOLDER/inputs/); "
                   "each file is checked by its recorded SHA-256.")
@FORCE
def replay(source: Path, outdir: Path, inputs: Path | None, force: bool) -> None:
    """Run again what produced a results folder, from its copy of the inputs, and compare every file with the
    files actually in the folder, byte for byte (exit code 5 and each file named when any differs).

    \b
    Example:
      optimiser replay resultats/reference -o verification
      optimiser replay archive/reference -o verification --inputs dossier_2024/entrees
    """
    from .app import run
    from .app.outdir import Outdir
    from .sensitivity import default_jobs

    with Outdir(outdir, force) as out:
        done = run.replay_into(out, _manifest_of(source), inputs, default_jobs())
        lines = [f"  note: {note}" for note in done.notes]
        if not done.differences:
            lines.insert(0, f"Replayed {source}: its {done.compared} files (results, manifests, inputs' copies) are "
                            f"identical byte for byte to those the replay wrote in {outdir}.")
        _publish(out, done.result, lines)
    if done.differences:
        raise MismatchError(f"The replay in {outdir} differs from {source}:", done.differences)


@cli.command()
@click.argument("folder", type=EXISTING_PATH)
def verify(folder: Path) -> None:
    """Check, without solving anything, that a results folder's files are those its manifest.json records
    (SHA-256): none changed, missing or added. Exit code 5 and each file named when not.

    This proves the files match the manifest, not that the manifest is genuine: a manifest edited together
    with the files is caught by `optimiser replay`, which regenerates them.

    \b
    Example:
      optimiser verify archive/reference
    """
    from .app import manifest

    where = _manifest_of(folder).parent
    count, problems = manifest.verify(where)
    if problems:
        raise MismatchError(f"{where}: the files are not those its manifest.json records:", problems)
    click.echo(f"{where}: the {count} files match manifest.json (SHA-256). This shows they are the files the "
               "manifest records; `optimiser replay` shows the manifest and files are what the inputs give.")


@cli.command("template")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the empty candidates files and the commented scenario.")
@click.option("--force", is_flag=True, help="Overwrite files already in OUTDIR.")
def template_command(outdir: Path, force: bool) -> None:
    """Write an empty candidates file (CSV and XLSX) with documented headers, and a scenario to start from.

    \b
    Example:
      optimiser template -o mon_appel
    """
    from .app.outdir import Outdir
    from .report import template

    with Outdir(outdir, force, own=template.TEMPLATE_FILES) as out:
        written = template.template_files()
        out.write(written)
        out.publish()
        process.ignore_stops()
    for name in written:
        click.echo(f"wrote {outdir / name}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: every user error a message and an exit code, never a traceback (`process.run`)."""
    process.run(cli, sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
