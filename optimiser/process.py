"""How the process ends: the one error boundary (exit codes, messages, never a traceback) and the signals.

Exit codes: 0 success; 2 bad input, configuration or environment; 3 infeasible scenario; 4 results written
but not proven optimal (the solver's time limit); 5 a replay or verify found files that are not those
recorded; 1 internal or solver error; 130 / 143 stopped by SIGINT / SIGTERM.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import click

from .errors import OptimiserError, Stopped, os_problem
from .messages import say


def ignore_stops() -> None:
    """The results are in place: the run ends as it is, and a late Ctrl-C cannot claim nothing was written."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


@contextmanager
def stops() -> Iterator[None]:
    """SIGINT and SIGTERM raise Stopped in this process, once: a second signal does not interrupt the
    clean-up. A forked child still carrying this handler (before it sets its own) ends quietly."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    me = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != me:
            os._exit(128 + signum)
        ignore_stops()
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def run(command: click.Command, args: list[str]) -> None:
    """Run the command line and exit: every user or environment error is a message and an exit code, a bug
    is one plain line, and a traceback is shown only with --debug."""
    debug = "--debug" in args
    code = 0
    with stops():
        try:
            command.main(args=args, prog_name="optimiser", standalone_mode=False)
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo(say("cli_aborted"), err=True)
            code = 130
        except Stopped as exc:
            click.echo(str(exc), err=True)
            code = exc.exit_code
        except OptimiserError as exc:
            if debug:
                traceback.print_exc()
            said = (say("cli_infeasible", text=exc) if exc.exit_code == 3 else
                    say("cli_warning", text=exc) if exc.exit_code == 4 else say("cli_error", text=exc))
            click.echo(said, err=True)
            code = exc.exit_code
        except OSError as exc:  # the environment (a disk, a permission), not a bug
            if debug:
                traceback.print_exc()
            click.echo(say("cli_error", text=os_problem(exc)), err=True)
            code = 2
        except Exception as exc:  # noqa: BLE001 - the one error boundary: a bug is said plainly, never a traceback
            if debug:
                traceback.print_exc()
            click.echo(say("cli_internal", kind=type(exc).__name__, text=exc), err=True)
            code = 1
    sys.exit(code)
