"""The review workspace: a navigation pane of the review's parts and a page for each."""
