"""The anonymisation gate: pseudonyms applied, then every rendered text scanned for leaks."""

from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import (
    CaseIdentifier,
    IdentifierKind,
    KnownIdentity,
    PseudonymRegister,
    RegisterSource,
)
from reviewer_app.anonymisation.scan import Hit, HitKind, LeakScanner, TextPiece, scan

__all__ = [
    "CaseIdentifier",
    "Hit",
    "HitKind",
    "IdentifierKind",
    "KnownIdentity",
    "LeakScanner",
    "PseudonymRegister",
    "Pseudonymiser",
    "RegisterSource",
    "TextPiece",
    "scan",
]
