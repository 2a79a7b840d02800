# Build dist\scr-reviewer on Windows and smoke-test it (run in PowerShell with Python 3.11+).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
py -3 -m venv .venv-build
.\.venv-build\Scripts\python -m pip install -q --upgrade pip
.\.venv-build\Scripts\python -m pip install -q -e . "pyinstaller>=6.10,<7"
.\.venv-build\Scripts\python -m PyInstaller --noconfirm --clean --workpath build\pyinstaller `
  --distpath dist packaging\scr-reviewer.spec
$env:QT_QPA_PLATFORM = "offscreen"
$env:REVIEWER_APP_HOME = Join-Path $env:TEMP ("scr-reviewer-self-test-" + [guid]::NewGuid())
.\dist\scr-reviewer\scr-reviewer.exe self-test
if ($LASTEXITCODE -ne 0) { throw "self-test failed" }
