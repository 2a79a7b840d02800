#!/usr/bin/env bash
# Build dist/scr-reviewer on macOS and smoke-test it (run on a Mac with Python 3.11+).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv-build
.venv-build/bin/python -m pip install -q --upgrade pip
.venv-build/bin/python -m pip install -q -e . "pyinstaller>=6.10,<7"
.venv-build/bin/python -m PyInstaller --noconfirm --clean --workpath build/pyinstaller \
  --distpath dist packaging/scr-reviewer.spec
QT_QPA_PLATFORM=offscreen REVIEWER_APP_HOME="$(mktemp -d)" dist/scr-reviewer/scr-reviewer self-test
