"""`python -m hismigrate` runs the same CLI as the `hismigrate` console script."""

from hismigrate.cli.entry import run

if __name__ == "__main__":
    run()
