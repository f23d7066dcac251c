"""`python -m app` runs the `pressdesk` command."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
