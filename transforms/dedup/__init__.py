"""Deduplication: exact copies by body hash, near-duplicates by MinHash LSH and a verifier."""
