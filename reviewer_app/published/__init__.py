"""Published case reviews the reviewer has downloaded: read, described, searched, themed."""
