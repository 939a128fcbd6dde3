"""Replay: outlet traffic sent to the offline mirror server instead of the outlets, at the
transport level, so the lake holds the real outlet URLs and the same source files run
unchanged. Two seams: an httpx transport (feeds, sitemaps, index pages) and a Scrapy
download handler (article pages); both keep the outlet's host in the Host header.

Replay also decides politeness once: the mirror is our own loopback server, so the
outlet's delays and AutoThrottle protect nobody there (robots.txt is still obeyed)."""
from __future__ import annotations

from dataclasses import replace

from spiders.registry import Politeness

SCHEME_HEADER = "X-Kabar-Replay-Scheme"  # the outlet URL's scheme, as the mirror only speaks http


def politeness(configured: Politeness, replay: str | None) -> Politeness:
    """The politeness a run keeps: the source's own, or no delay when replaying."""
    return replace(configured, delay_seconds=0) if replay else configured
