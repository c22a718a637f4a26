"""`python -m optimiser ...` runs the command line."""

from .cli import main

main()
