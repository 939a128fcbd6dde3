"""Tagging: category, places, organisations, persons and keywords, offline and deterministic."""
