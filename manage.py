#!/usr/bin/env python
import sys

from sendtrack.cli import main

if __name__ == "__main__":
    sys.exit(main())
