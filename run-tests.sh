#!/usr/bin/env bash
# Install everything the tests need (system packages, a .venv) and run the whole test suite.
# The suite runs inside a private D-Bus session with gnome-keyring unlocked, so the keyring
# tests talk to a real Secret Service; every app location is redirected to temporary folders.
set -euo pipefail
cd "$(dirname "$0")"
source packaging/setup-env.sh test
export QT_QPA_PLATFORM=offscreen
exec dbus-run-session -- bash packaging/with-keyring.sh python -m pytest "$@"
