#!/usr/bin/env bash
# Install what the app needs (system libraries, a .venv) and open it on the demo review.
set -euo pipefail
cd "$(dirname "$0")"
source packaging/setup-env.sh app
exec reviewer-app --demo "$@"
