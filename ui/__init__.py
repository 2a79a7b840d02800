"""The window: PySide6 widgets and dialogs, handed services by the composition root.

Nothing here imports `storage` or SQL (an import-linter contract forbids it): widgets call the
protocols in `reviewer_app.repositories` and nothing else.
"""
