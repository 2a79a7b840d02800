"""The Quality Markers: versioned marker sets, a review's self-assessment, and its dashboard."""
