"""The import wizard: an agency's chronology file, previewed, checked and imported as a batch."""

from ui.importing.wizard import ImportWizard

__all__ = ["ImportWizard"]
