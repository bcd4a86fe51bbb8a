from pressroom.cli import run

run()
