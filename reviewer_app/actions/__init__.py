"""The action plan that answers the review's findings (Quality Markers 15, 16 and 18)."""
