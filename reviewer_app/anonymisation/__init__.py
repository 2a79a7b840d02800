"""The anonymisation gate: pseudonyms applied, then every rendered text scanned for leaks."""

from reviewer_app.anonymisation.actions import GateDecisions
from reviewer_app.anonymisation.decisions import (
    Decision,
    DecisionKind,
    DecisionStore,
    RegisterEditor,
)
from reviewer_app.anonymisation.pseudonymise import Pseudonymiser
from reviewer_app.anonymisation.register import (
    CaseIdentifier,
    IdentifierKind,
    KnownIdentity,
    PseudonymRegister,
    RegisterSource,
)
from reviewer_app.anonymisation.scan import Action, Hit, HitKind, LeakScanner, TextPiece, scan

__all__ = [
    "Action",
    "CaseIdentifier",
    "Decision",
    "DecisionKind",
    "DecisionStore",
    "GateDecisions",
    "Hit",
    "HitKind",
    "IdentifierKind",
    "KnownIdentity",
    "LeakScanner",
    "PseudonymRegister",
    "Pseudonymiser",
    "RegisterEditor",
    "RegisterSource",
    "TextPiece",
    "scan",
]
