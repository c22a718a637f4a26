"""The command line: a thin shell over the library, and the one place that prints and exits.

Exit codes: 0 success; 2 bad input or configuration; 3 infeasible scenario; 1 internal error.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .errors import InfeasibleError, InputError, OptimiserError
from .feasibility import prechecks
from .formatting import fmt_eur
from .report import files, template
from .report.tables import RunInfo, score_rows, status_text
from .rules import prepare
from .scenarios import DEMO_CANDIDATES, Run, load, run, shipped_scenarios
from .scoring import score

EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
EXISTING_PATH = click.Path(exists=True, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="optimiser")
@click.option("--debug", is_flag=True, help="Show the Python traceback of any error.")
def cli(debug: bool) -> None:
    """Exact, explained allocation of a grant envelope among candidate projects.

    \b
    Example:
      optimiser demo -o resultats_demo
      optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats
    """


def _info(result: Run) -> RunInfo:
    return RunInfo(
        candidates_file=result.candidates.path.name, candidates_sha256=result.candidates.sha256,
        scenario_file=result.loaded.path.name, scenario_sha256=result.loaded.sha256, synthetic=result.synthetic,
    )


def _headline(result: Run) -> str:
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
        click.echo(f"{candidates.name}: {len(loaded_candidates.table)} candidates, no problem found "
                   "(give -s SCENARIO to check the scoring and the rules too).")
        return
    loaded, loaded_candidates = load(candidates, scenario)
    scores = score(loaded_candidates.table, loaded.scenario.scoring)
    prep = prepare(loaded_candidates.table, scores, loaded.scenario, loaded.territory)
    conflicts = prechecks(prep, loaded.scenario)
    if conflicts:
        raise InfeasibleError(f"{scenario.name}: the scenario cannot be satisfied:", conflicts)
    click.echo(f"{candidates.name} with {scenario.name}: {len(prep.table)} candidates, {int(prep.open.sum())} may be "
               f"funded; no problem found.")
    for note in scores.notes:
        click.echo(f"  note: {note}")


@cli.command("score")
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, required=True, help="Scenario YAML with the scoring grid.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="CSV file to write (default: print the CSV).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def score_command(candidates: Path, scenario: Path, output: Path | None, force: bool) -> None:
    """Score and rank the candidates: every criterion, every pillar, the total and the rank.

    \b
    Example:
      optimiser score candidats.csv -s scenarios/baseline.yaml -o scores.csv
    """
    result = run(candidates, scenario, solve=False)
    text = score_rows(result.candidates.table, result.scores, result.loaded.territory).to_csv(
        index=False, lineterminator="\n")
    if output is None:
        click.echo(text, nl=False)
        return
    if output.exists() and not force:
        raise InputError(f"{output} already exists; pass --force to overwrite it")
    files.write_atomic(output, text)
    click.echo(f"wrote {output} ({len(result.scores.ids)} candidates)")
    for note in result.scores.notes:
        click.echo(f"  note: {note}")


@cli.command("allocate")
@click.argument("candidates", type=EXISTING_FILE)
@click.option("-s", "--scenario", type=EXISTING_FILE, required=True, help="Scenario YAML.")
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for allocation.csv, summary.json and report.md.")
@click.option("--force", is_flag=True, help="Overwrite results already in OUTDIR.")
def allocate_command(candidates: Path, scenario: Path, outdir: Path, force: bool) -> None:
    """Solve one scenario exactly and write its allocation, summary and report.

    \b
    Example:
      optimiser allocate candidats.csv -s scenarios/baseline.yaml -o resultats/reference
    """
    files.guard_outdir(outdir, files.ALLOCATION_FILES, force)
    result = run(candidates, scenario)
    files.write_allocation(outdir, result.allocation, _info(result), force=force)
    click.echo(_headline(result))
    click.echo(f"  wrote {', '.join(files.ALLOCATION_FILES)} in {outdir}")


@cli.command()
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("resultats_demo"),
              show_default=True, help="Folder for the results, one sub-folder per scenario.")
@click.option("--force", is_flag=True, help="Overwrite results already in OUTDIR.")
def demo(outdir: Path, force: bool) -> None:
    """Run every shipped scenario on the embedded synthetic demo data.

    \b
    Example:
      optimiser demo -o resultats_demo
    """
    scenarios = shipped_scenarios()
    for path in scenarios:
        files.guard_outdir(outdir / path.stem, files.ALLOCATION_FILES, force)
    click.echo(f"Demo data: {DEMO_CANDIDATES.name} (SYNTHETIC: fictitious companies and figures)")
    for path in scenarios:
        result = run(DEMO_CANDIDATES, path)
        files.write_allocation(outdir / path.stem, result.allocation, _info(result), force=force)
        click.echo(_headline(result))
    click.echo(f"Results in {outdir}/ ({', '.join(p.stem for p in scenarios)})")


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
    files.guard_outdir(outdir, template.TEMPLATE_FILES, force)
    for path in template.write_template(outdir):
        click.echo(f"wrote {path}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: turns every user error into a message and an exit code, never a traceback."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="optimiser", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except OptimiserError as exc:
        if debug:
            traceback.print_exc()
        kind = {2: "Error", 3: "Infeasible"}.get(exc.exit_code, "Error")
        click.echo(f"{kind}: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug: say so plainly, and how to see more
        if debug:
            traceback.print_exc()
        click.echo(f"Internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)", err=True)
        sys.exit(1)
    sys.exit(0)


if __name__ == "__main__":
    main()
