"""Extraction: an article's text and metadata from its HTML (trafilatura for the body,
page evidence for the metadata, Indonesian clean-up rules)."""
