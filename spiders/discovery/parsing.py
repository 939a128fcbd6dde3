"""What the feed and sitemap readers share: their error, and how an entry's time is read."""
from __future__ import annotations

import email.utils

from spiders.registry import Source
from transforms import dates


class ParseError(ValueError):
    """A fetched body that is not the feed or sitemap it should be."""


def entry_time(text: str | None, source: Source) -> str | None:
    """An entry's publication time as ISO 8601 with offset: RFC 822 (RSS) first, then
    ISO 8601 and the Indonesian forms, a zone-less time read in the source's zone."""
    if not text:
        return None
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is None or dt.tzinfo is None:
        dt = dates.parse_any(text, source.tz)
    return dt.isoformat() if dt else None
