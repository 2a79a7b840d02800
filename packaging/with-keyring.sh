#!/usr/bin/env bash
# Inside a dbus-run-session: start gnome-keyring-daemon with an unlocked login keyring, then run
# the given command. Used by ./run-tests.sh for the Secret Service integration tests.
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d)"   # a throwaway keyring, never the user's own
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)" || true
export REVIEWER_APP_SECRET_SERVICE=1
set +e
"$@"
status=$?
pkill -u "$(id -u)" -f "gnome-keyring-daemon.*--components=secrets" 2>/dev/null
rm -rf "$XDG_DATA_HOME"
exit $status
