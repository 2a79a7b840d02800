"""Entry point of the bundled application: the same command line as `reviewer-app`."""

import sys

from reviewer_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
