#!/usr/bin/env bash
# Shared set-up for ./run-demo.sh and ./run-tests.sh: system libraries Qt (and the tests) need,
# then a virtual environment in .venv with the app installed in editable mode. Safe to re-run.
# Usage: source packaging/setup-env.sh [app|test]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PURPOSE="${1:-app}"

# Qt's xcb/offscreen platforms need these shared libraries (PySide6 wheels do not bundle them).
APP_DEBS="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core"
# The tests also use the real Secret Service (gnome-keyring under dbus-run-session), LibreOffice
# to open exported DOCX files, and poppler's pdftotext/pdftoppm.
TEST_DEBS="gnome-keyring dbus dbus-x11 poppler-utils libreoffice-writer-nogui xauth"
DEBS="$APP_DEBS"
[ "$PURPOSE" = test ] && DEBS="$APP_DEBS $TEST_DEBS"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for deb in $DEBS; do
    dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $deb"
  done
fi
if [ -n "$missing" ]; then
  echo "Installing system packages:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "SCR Reviewer needs Python 3.11 or newer (found $("$PY" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  "$PY" -m venv "$ROOT/.venv"
fi
VENV_PY="$ROOT/.venv/bin/python"
STAMP="$ROOT/.venv/.installed-$PURPOSE"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "Installing SCR Reviewer and its Python packages into .venv …"
  TARGET="$ROOT"
  [ "$PURPOSE" = test ] && TARGET="$ROOT[dev]"
  LOG="$ROOT/.venv/install.log"
  if ! { "$VENV_PY" -m pip install -q --disable-pip-version-check --upgrade pip \
         && "$VENV_PY" -m pip install -q --disable-pip-version-check -e "$TARGET"; } >"$LOG" 2>&1
  then
    cat "$LOG" >&2
    echo "Installing the Python packages failed (details above)." >&2
    exit 1
  fi
  touch "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
