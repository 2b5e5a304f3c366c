"""python -m casegraph."""

from .cli import main

main()
