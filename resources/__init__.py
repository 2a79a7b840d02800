"""Data the app ships: quality markers, typologies, templates, guides and the demo review."""
