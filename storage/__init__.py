"""The review file: SQLCipher under SQLAlchemy 2.x, key handling, migrations and backups.

Imports no Qt and no UI (an import-linter contract checks it).
"""
