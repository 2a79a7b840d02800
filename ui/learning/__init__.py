"""Window pages for learning: the reviewer's library, notes attached to a review, collation."""
