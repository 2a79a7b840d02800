"""The analysis: conversations, key practice episodes, findings and the evidence between them."""
