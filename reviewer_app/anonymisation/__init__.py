"""The anonymisation gate: pseudonyms applied, then every rendered text scanned for leaks."""
