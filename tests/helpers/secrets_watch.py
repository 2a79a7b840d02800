"""A registry of strings that must never reach a log or stderr, and the scans that check it."""

from __future__ import annotations

from pathlib import Path

SECRETS: set[str] = set()
LOG_ROOTS: set[Path] = set()
LEAKS: list[str] = []

# Strings every test uses for case text and passphrases.
MARKER = "ZQXMARKER-Child-Theta-7741"
PASSPHRASE = "correct horse battery staple"
NEW_PASSPHRASE = "a quite different passphrase 2"


def register(secret: str) -> str:
    if len(secret) >= 8:
        SECRETS.add(secret)
    return secret


for _s in (MARKER, PASSPHRASE, NEW_PASSPHRASE):
    register(_s)


def scan_text(where: str, text: str) -> None:
    lowered = text.lower()
    for secret in SECRETS:
        if secret.lower() in lowered:
            LEAKS.append(f"{where}: contains a registered secret ({secret[:4]}…)")


def scan_logs() -> list[str]:
    found: list[str] = []
    for root in LOG_ROOTS:
        if not root.exists():
            continue
        for path in root.rglob("*"):
            if path.is_file() and (
                path.suffix == ".log" or ".log." in path.name or "log" in path.parts
            ):
                data = path.read_bytes().decode("utf-8", errors="replace").lower()
                found += [
                    f"{path}: contains a registered secret ({s[:4]}…)"
                    for s in SECRETS
                    if s.lower() in data
                ]
    return found
