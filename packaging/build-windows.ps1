# Build dist\scr-reviewer on Windows and smoke-test it (PowerShell, Python 3.11+).
# Makes scr-reviewer.exe (the window, no console) and scr-reviewer-cli.exe (the command line).
# $env:PYTHON chooses the interpreter (default: the py launcher's Python 3).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Step([string]$What, [scriptblock]$Step) {
    & $Step
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

if ($env:PYTHON) { $Python = $env:PYTHON; $PyArgs = @() } else { $Python = "py"; $PyArgs = @("-3") }
Invoke-Step "making .venv-build" { & $Python @PyArgs -m venv .venv-build }
$Venv = ".\.venv-build\Scripts\python.exe"
Invoke-Step "updating pip" { & $Venv -m pip install -q --upgrade pip }
Invoke-Step "installing" { & $Venv -m pip install -q --only-binary=:all: -e . "pyinstaller>=6.10,<7" }
Remove-Item -Recurse -Force build\pyinstaller, dist\scr-reviewer -ErrorAction SilentlyContinue
Invoke-Step "PyInstaller" {
    & $Venv -m PyInstaller --noconfirm --clean --workpath build\pyinstaller `
        --distpath dist packaging\scr-reviewer.spec
}
$env:QT_QPA_PLATFORM = "offscreen"
$env:REVIEWER_APP_HOME = Join-Path $env:TEMP ("scr-reviewer-self-test-" + [guid]::NewGuid())
Invoke-Step "the self-test" { .\dist\scr-reviewer\scr-reviewer-cli.exe self-test }
if (-not (Test-Path .\dist\scr-reviewer\scr-reviewer.exe)) { throw "scr-reviewer.exe is missing" }
Write-Output "Built dist\scr-reviewer (scr-reviewer.exe and scr-reviewer-cli.exe)"
