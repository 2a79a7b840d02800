"""`python -m reviewer_app` behaves exactly like the `reviewer-app` command."""

import sys

from reviewer_app.cli import main

sys.exit(main())
