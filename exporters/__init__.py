"""Exporters: the report model and its DOCX and PDF renderers; JSON and CSV datasets.

Imports no Qt and no UI (an import-linter contract checks it).
"""
