from csms.cli import run

run()
