"""`python -m sendtrack.statutory timeline CASE.json [--as-of DATE]`."""

import sys

from sendtrack.statutory.cli import main

sys.exit(main())
