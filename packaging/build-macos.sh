#!/usr/bin/env bash
# Build "dist/SCR Reviewer.app" on macOS (13 or later, Python 3.11+) and smoke-test it.
# PyInstaller signs every binary inside and then the bundle, with the hardened runtime and
# packaging/entitlements.plist: ad hoc (codesign -s -) unless SCR_REVIEWER_CODESIGN_IDENTITY
# names a "Developer ID Application" identity in the keychain. Notarising is a separate step
# with the publisher's Apple account (packaging/README.md, "macOS").
# Usage: packaging/build-macos.sh         (PYTHON=python3.12 to choose the interpreter)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Building needs Python 3.11 or newer; $PY is $("$PY" --version 2>&1)." >&2
  echo "Install it from python.org (the Mac's own python3 is older) and set PYTHON." >&2
  exit 1
fi
"$PY" -m venv .venv-build
.venv-build/bin/python -m pip install -q --upgrade pip
.venv-build/bin/python -m pip install -q --only-binary=:all: -e . "pyinstaller>=6.10,<7"
rm -rf build/pyinstaller dist/scr-reviewer "dist/SCR Reviewer.app"
PYINSTALLER_STRICT_BUNDLE_CODESIGN_ERROR=1 .venv-build/bin/python -m PyInstaller --noconfirm \
  --clean --workpath build/pyinstaller --distpath dist packaging/scr-reviewer.spec
APP="dist/SCR Reviewer.app"
codesign --verify --deep --strict --verbose=2 "$APP"
/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$APP/Contents/Info.plist"
QT_QPA_PLATFORM=offscreen REVIEWER_APP_HOME="$(mktemp -d)" "$APP/Contents/MacOS/scr-reviewer-cli" self-test
"$APP/Contents/MacOS/scr-reviewer" --version
