"""Window pages for the analysis: conversations, key practice episodes, findings, the lens."""
