"""`python -m pressroom.cli`: the same as the `pressroom` command."""

from pressroom.cli import run

run()
