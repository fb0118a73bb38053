"""Network analyses on the in-memory graph built from a workspace."""
