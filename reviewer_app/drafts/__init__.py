"""Drafts of the report sent out for comment, and the comments that come back on them."""
