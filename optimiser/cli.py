"""The command line: a thin shell over the application (`app`), and the one place that prints.

How the process ends (exit codes, messages, signals) is `process.py`'s job.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import messages, process
from .errors import InfeasibleError, InputError, MismatchError, NotProvenError
from .messages import say

if TYPE_CHECKING:  # each command imports what it needs when it runs: `--help` and `validate` stay instant
    from .app import run
    from .app.outdir import Outdir
    from .app.requests import CompareRequest
    from .study import Study

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
EXISTING_PATH = click.Path(exists=True, path_type=Path)


@contextmanager
def _french_help(command: click.Command, ctx: click.Context) -> Iterator[None]:
    """The help of `command`, its options and its sub-commands in French while it is shown, unless the
    terminal speaks English (OPTIMISER_LANG=en, or --lang en before --help)."""
    if messages.current() != "fr":
        yield
        return
    from .messages.help import FRENCH, key

    helped = [command, *command.get_params(ctx), *getattr(command, "commands", {}).values()]
    saved = [(item, item.help) for item in helped if getattr(item, "help", None)]
    for item, text in saved:
        item.help = FRENCH.get(key(text), text)
    try:
        yield
    finally:
        for item, text in saved:
            item.help = text


class _Command(click.Command):
    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _french_help(self, ctx):
            super().format_help(ctx, formatter)


class _Group(click.Group):
    command_class = _Command

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _french_help(self, ctx):
            super().format_help(ctx, formatter)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="optimiser", prog_name="optimiser")
@click.option("--debug", is_flag=True, help="Show the Python traceback of any error.")
def cli(debug: bool) -> None:
    """Exact, explained allocation of a grant envelope among candidate projects.

    \b
    Example:
      optimiser demo -o resultats_demo
      optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats
    """


def _use_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """--lang (or OPTIMISER_LANG) words the terminal too, from the moment it is read."""
    from click.core import ParameterSource

    if ctx.get_parameter_source(param.name) is not ParameterSource.DEFAULT:
        messages.use(value)
    return value


LANG = click.option("--lang", type=click.Choice(["fr", "en"]), default=messages.environment_lang,
                    envvar=messages.ENV, is_eager=True, callback=_use_lang,
                    help="Language of the reports and of the terminal's messages: fr by default, or OPTIMISER_LANG "
                         "in the environment.")
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
    lang = messages.current()
    lines = [say("cli_headline", name=s.name, funded=int(alloc.table["funded"].sum()),
                 total=fmt_eur(alloc.total_eur, lang), envelope=fmt_eur(s.envelope_eur, lang),
                 status=status_text(alloc, lang))]
    if result.synthetic:
        lines.append(say("cli_synthetic"))
    lines += [say("cli_note", note=note) for note in alloc.notes]
    return "\n".join(lines)


def _require_proof(runs: list[Study]) -> None:
    """Results are written either way; a solution not proven optimal is said and exits with code 4."""
    unproven = [r.allocation.scenario.name for r in runs if r.allocation and not r.allocation.proven_optimal]
    if unproven:
        raise NotProvenError(say("cli_not_proven", names=", ".join(unproven)))


def _comparison_lines(comparison) -> list[str]:
    from .formatting import fmt_num

    lang = messages.current()
    lines = [say("cli_ranking", indicator=comparison.rank_by, reference=comparison.reference)]
    for label, position in comparison.ranking:
        entry = comparison.entry(label)
        dominated = comparison.dominated_by.get(label)
        flag = (say("cli_dominated", others="; ".join(say("cli_dominated_one", other=o, indicators=", ".join(k))
                                                       for o, k in dominated)) if dominated else "")
        value = entry.values[comparison.rank_by]
        shown = fmt_num(value, 0 if float(value).is_integer() else 2, lang)
        lines.append(say("cli_ranked", position=position, name=entry.name, label=label, value=shown, flag=flag))
    lines += [say("cli_infeasible_one", label=e.label, error=e.error.splitlines()[0])
              for e in comparison.entries if e.study is None]
    return lines


@cli.command()
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, help="Scenario YAML (columns, scoring, rules) to check against.")
@LANG
def validate(candidates: Path, scenario: Path | None, lang: str) -> None:
    """Check a candidates file (and a scenario) and report every problem; changes nothing.

    \b
    Example:
      optimiser validate candidats.csv -s scenarios/baseline.yaml
    """
    if scenario is None:
        from .loading import load_candidates
        from .territory import load_territory

        loaded_candidates = load_candidates(candidates, load_territory())
        click.echo(say("cli_valid_candidates", file=candidates.name, count=messages.number(loaded_candidates.count)))
        for note in loaded_candidates.notes:
            click.echo(say("cli_note", note=note))
        return
    from .feasibility import prechecks
    from .study import Study

    study = Study.open(candidates, scenario)
    prep = study.prepared
    conflicts = prechecks(prep, study.scenario)
    if conflicts:
        raise InfeasibleError(say("cli_cannot_be_satisfied", file=scenario.name), conflicts)
    click.echo(say("cli_valid_with_scenario", file=candidates.name, scenario=scenario.name,
                   count=messages.number(len(prep.table)), open=messages.number(int(prep.open.sum()))))
    for note in (*study.candidates.notes, *study.scores.notes):
        click.echo(say("cli_note", note=note))


@cli.command("score")
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, required=True, help="Scenario YAML with the scoring grid.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write: .csv, or .xlsx for a workbook (default: print the CSV).")
@click.option("--csv", "dialect", type=click.Choice(["excel", "plain"]), default=None,
              help="CSV for French Excel or plain for programs (default: excel for a file, plain when printed).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@LANG
def score_command(candidates: Path, scenario: Path, output: Path | None, dialect: str | None, force: bool,
                  lang: str) -> None:
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
        raise InputError(say("cli_scores_suffix", output=output, suffix=repr(suffix or say("cli_no_extension"))))
    if output is not None and output.exists() and not force:
        raise InputError(say("cli_exists", output=output))
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
    click.echo(say("cli_wrote_scores", output=output, count=messages.number(len(result.scores.ids))))
    for note in (*result.candidates.notes, *result.scores.notes):
        click.echo(say("cli_note", note=note))


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
                               say("cli_wrote_folder", files=", ".join(result.folders[""]), outdir=outdir)])
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
        from .app.run import record_sources

        candidates, scenario, outdir = record_sources(source, scenario, outdir)
    elif scenario is None or outdir is None:
        raise click.UsageError(say("cli_record_needs"))
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
            from .formatting import fmt_num

            given_up = max(decision.cost, 0.0)  # a solver's -1e-9 is not "-0,0"
            lines.append(say("cli_overrides", count=len(decision.effects), cost=fmt_num(given_up, 1, lang),
                             value=fmt_num(decision.value_proposed, 1, lang)))
        others = ", ".join(name for name in result.folders[""] if name != "proces-verbal.pdf")
        lines.append(say("cli_wrote_record", date=date, files=others, outdir=outdir))
        if date > _today():
            lines.append(say("cli_note", note=say("cli_record_future", date=date, today=_today())))
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

    click.echo(say("cli_demo_data", file=DEMO_CANDIDATES.name))
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
        _publish(out, result, [*lines, say("cli_results_in", outdir=outdir, folders=folders)])
        _require_proof(result.runs)


def _publish(out: Outdir, result: run.Result, lines: list[str]) -> None:
    """Everything to say is ready before the folder is swapped in: a failure after it cannot leave results."""
    notes = out.notes + [say("cli_outside", path=path, outdir=out.shown) for path in result.outside]
    out.publish()
    process.ignore_stops()
    for line in lines + [say("cli_note", note=note) for note in notes]:
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
            say("cli_draws", draws=messages.number(draws), seed=seed, core=counts.get("core", 0),
                borderline=counts.get("borderline", 0), exterior=counts.get("exterior", 0)),
            say("cli_wrote_robustness", count=len(result.folders[""]), outdir=outdir)])
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
@LANG
def replay(source: Path, outdir: Path, inputs: Path | None, force: bool, lang: str) -> None:
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
        lines = [say("cli_note", note=note) for note in done.notes]
        if not done.differences:
            lines.insert(0, say("cli_replayed", source=source, count=done.compared, outdir=outdir))
        _publish(out, done.result, lines)
    if done.differences:
        raise MismatchError(say("cli_replay_differs", outdir=outdir, source=source), done.differences)


@cli.command()
@click.argument("folder", type=EXISTING_PATH)
@LANG
def verify(folder: Path, lang: str) -> None:
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
        raise MismatchError(say("cli_verify_differs", folder=where), problems)
    click.echo(say("cli_verified", folder=where, count=count))


@cli.command("template")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the empty candidates files and the commented scenario.")
@click.option("--force", is_flag=True, help="Overwrite files already in OUTDIR.")
@LANG
def template_command(outdir: Path, force: bool, lang: str) -> None:
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
        click.echo(say("cli_wrote", path=outdir / name))


def main(argv: list[str] | None = None) -> None:
    """Entry point: every user error a message and an exit code, never a traceback (`process.run`)."""
    process.run(cli, sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
