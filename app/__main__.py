"""`python -m app` runs the `pressdesk` command."""

import sys

from app.cli import main

sys.exit(main())
