"""The chronology page: every entry in a table, filters, details, and undoable edits."""
