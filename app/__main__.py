"""`python -m app` runs the `pressdesk` command; it is also the entry of the bundled app."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # In a bundle (PyInstaller), a worker started afresh for the export is this program run
    # again with the worker's arguments: this runs the worker instead of the command.
    multiprocessing.freeze_support()
    sys.exit(main())
