"""What the feed and sitemap readers share: their error, and how an entry's time is read."""
from __future__ import annotations

import email.utils
import re
from datetime import datetime, time, timezone

from feedparser.datetimes import (
    _parse_date_asctime,
    _parse_date_greek,
    _parse_date_hungarian,
    _parse_date_iso8601,
    _parse_date_nate,
    _parse_date_onblog,
    _parse_date_perforce,
    _parse_date_rfc822,
    _parse_date_w3dtf,
)

from spiders.registry import Source
from transforms import dates

# A time zone written at the end of a stamp: an offset, Z, or a zone's name or abbreviation.
_ZONE_AT_END = re.compile(r"(?:\dZ|[+-]\d{2}:?\d{2}|\b(?:Etc/[\w+-]+|[A-Za-z]+/[A-Za-z_]+|[A-Z]{1,5}))\s*$")
# ...and one that only looks like it ("+zz:00", "+00:xx"): no instant, not a guess in WIB.
_BROKEN_ZONE = re.compile(r"[+-](?=[\w:]*[^\W\d_])[\w]{2}:?[\w]{2}\s*$")
_GMT_OFFSET = re.compile(r"\bGMT([+-])(\d{1,2}):?(\d{2})\s*$")  # "GMT-01:01" is -0101
_ISO_LOOKING = re.compile(r"\s*\d{4}-")
_CLOCK = re.compile(r"\d:\d")
# feedparser's readers of the forms kabar's own do not know, most specific first; its ISO
# 8601 reader fills missing fields with today's date, so it comes last and never for a
# stamp that starts like ISO 8601 (ours, which is strict, refused that one).
_THEIR_FORMS = (_parse_date_rfc822, _parse_date_asctime, _parse_date_perforce, _parse_date_nate,
                _parse_date_onblog, _parse_date_greek, _parse_date_hungarian, _parse_date_w3dtf)


class ParseError(ValueError):
    """A fetched body that is not the feed or sitemap it should be."""


def entry_time(text: str | None, source: Source) -> str | None:
    """An entry's publication time as ISO 8601 with offset, or None.

    RFC 822 (RSS) first, "-0000" read as UTC and "GMT-01:01" as its offset; then ISO 8601
    (the whole stamp, nothing after it) and the Indonesian forms, where a stamp without a
    zone is the source's own time (WIB); then, for forms and zones only feedparser knows
    (EDT, Etc/GMT-7, asctime, Korean and Greek blog dates), feedparser's reading. A stamp
    that cannot be an instant (a zone "+zz:00", a clock "1:2:3:4", digits alone, a broken
    ISO stamp) is None, never midnight or a guess."""
    if not text or not text.strip():
        return None
    text = _GMT_OFFSET.sub(lambda m: f"{m.group(1)}{int(m.group(2)):02d}{m.group(3)}", text.strip())
    if text.isdigit() or _BROKEN_ZONE.search(text):
        return None
    try:
        dt = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        dt = None
    if dt is not None:
        if dt.tzinfo is None and text.endswith("-0000"):  # RFC 5322: UTC, with the local zone unknown
            dt = dt.replace(tzinfo=timezone.utc)
        if dt.tzinfo is not None:
            return dt.isoformat()
    iso_looking = _ISO_LOOKING.match(text) is not None
    ours = dates.parse_iso_stamp(text, source.tz) if iso_looking else dates.parse_indonesian(text, source.tz)
    if ours is not None and ours.time() == time(0) and _CLOCK.search(text) and not re.search(r"\b0?0[:.]00", text):
        ours = None  # there was a clock, and it was not read: no instant rather than midnight
    zoned = _ZONE_AT_END.search(text) is not None
    if ours is not None and (not zoned or ours.tzinfo is not source.tz):
        return ours.isoformat()  # ours understood the zone, or there was none: the source's zone
    theirs = _feedparser_time(text, source, zoned, iso_looking)
    return (theirs or ours).isoformat() if (theirs or ours) else None


def _feedparser_time(text: str, source: Source, zoned: bool, iso_looking: bool) -> datetime | None:
    parsed = None
    for form in _THEIR_FORMS + (() if iso_looking else (_parse_date_iso8601,)):
        if iso_looking and form is _parse_date_w3dtf:
            continue
        try:
            parsed = form(text)
        except (ValueError, OverflowError, IndexError, TypeError, KeyError):
            parsed = None
        if parsed:
            break
    if not parsed:
        return None
    try:
        wall = datetime(*parsed[:6])
    except ValueError:
        return None
    # feedparser answers in UTC and takes a stamp without a zone as UTC: that one is ours, WIB.
    return wall.replace(tzinfo=timezone.utc) if zoned else wall.replace(tzinfo=source.tz)
