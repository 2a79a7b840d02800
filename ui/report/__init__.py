"""The Report page: template, outline and preview, export through the anonymisation check."""
