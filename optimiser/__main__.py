"""`python -m optimiser ...` and the `optimiser` command: the command line, stoppable from the first instant."""

import sys


def run() -> None:
    """Import the command line (half a second of imports) so that a Ctrl-C meanwhile is a clean stop too."""
    try:
        from .cli import main
    except KeyboardInterrupt:
        print("Stopped by SIGINT: nothing was written.", file=sys.stderr)
        sys.exit(130)
    main()


if __name__ == "__main__":
    run()
