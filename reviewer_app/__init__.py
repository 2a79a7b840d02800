"""SCR Reviewer: an offline, encrypted workspace for lead reviewers of case reviews.

The package holds the domain core (plain dataclasses and rules), the services the window and
the command line call, the importers of agency files, and the composition root (`app`, `cli`).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reviewer-app")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

APP_NAME = "SCR Reviewer"
