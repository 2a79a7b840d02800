"""The people page: family, the child, practitioners, agencies' returns, identifiers."""
