#!/usr/bin/env bash
# Inside a dbus-run-session: start a private gnome-keyring-daemon with an unlocked login keyring,
# run the given command, then stop that daemon (by the PID it was given, never by name). Used by
# ./run-tests.sh for the Secret Service integration tests. Everything it uses is throwaway: its
# own data and runtime folders, so a developer's real session keyring is never touched.
set -euo pipefail
XDG_DATA_HOME="$(mktemp -d)"
XDG_RUNTIME_DIR="$(mktemp -d)"
export XDG_DATA_HOME XDG_RUNTIME_DIR
chmod 700 "$XDG_RUNTIME_DIR"
printf 'test-keyring-password' |
    gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
# Wait until the daemon owns the Secret Service name on this private bus (at most ~10 s).
for _ in $(seq 100); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true' && break
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
done
export REVIEWER_APP_SECRET_SERVICE=1
set +e
"$@"
status=$?
kill "$daemon" 2>/dev/null
wait "$daemon" 2>/dev/null
rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
exit $status
