"""Publication times: ISO 8601 and the Indonesian forms outlets print.

Every function returns an aware datetime or None; nothing naive leaves this module.
A time without a zone is read in the source's own zone (WIB unless the source says).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
ZONE_OFFSETS = {"WIB": 7, "WITA": 8, "WIT": 9, "UTC": 0, "GMT": 0}

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:(?:\s*T\s*|\s+)(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|(?:WIB|WITA|WIT|UTC|GMT)\b)?"
)
_ZONE = r"(?:\s*(WIB|WITA|WIT|UTC|GMT)\b)?"
_TIME = r"(?:\D{0,12}?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?"
# 24 Juli 2026 | 09.00 WIB ; Sabtu, 15 Feb 2025 10:30 WIB ; 24 Jul 2026, 13:00 WIB
_DAY_MONTH_NAME = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})" + _TIME + _ZONE, re.IGNORECASE)
# 03/08/2026, 17:53 WIB ; 30/06/2020 19:18 WIB ; 2019/01/02 16:59:56
_DMY_NUMERIC = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})" + _TIME + _ZONE, re.IGNORECASE)
_YMD_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})" + _TIME + _ZONE, re.IGNORECASE)


def parse_iso(text: str, default_tz: timezone | ZoneInfo = WIB) -> datetime | None:
    m = _ISO.search(text or "")
    if not m:
        return None
    y, mo, d, hh, mm, ss, tz = m.groups()
    if hh is None and re.match(r"\s*T?\s*\d", text[m.end():]) and "T" in text[m.end():m.end() + 2].upper():
        return None  # a time is there but is no time ("T112:13"): no instant rather than midnight
    try:
        dt = datetime(int(y), int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    if tz is None:
        return dt.replace(tzinfo=default_tz)
    if tz == "Z":
        return dt.replace(tzinfo=timezone.utc)
    if tz.upper() in ZONE_OFFSETS:
        return dt.replace(tzinfo=timezone(timedelta(hours=ZONE_OFFSETS[tz.upper()])))
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset >= timedelta(hours=24) or int(digits[2:]) >= 60:
        return None  # "-99:99": no real offset, so no instant
    return dt.replace(tzinfo=timezone(sign * offset))


def parse_iso_stamp(text: str, default_tz: timezone | ZoneInfo = WIB) -> datetime | None:
    """A field that holds an ISO 8601 stamp and nothing else ("…-06:00Textra" and
    "2013-01-27-01" are no stamps)."""
    m = _ISO.match((text or "").strip())
    return parse_iso(text.strip(), default_tz) if m and m.end() == len(text.strip()) else None


def _build(y: int, mo: int, d: int, hh, mm, ss, zone, default_tz) -> datetime | None:
    try:
        dt = datetime(y, mo, d, int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None
    if zone:
        return dt.replace(tzinfo=timezone(timedelta(hours=ZONE_OFFSETS[zone.upper()])))
    return dt.replace(tzinfo=default_tz)


def parse_indonesian(text: str, default_tz: timezone | ZoneInfo = WIB, require_time: bool = False) -> datetime | None:
    """Parse the visible date strings of Indonesian outlets: day and month names and
    abbreviations (Jum'at, Agt/Ags, Des), numeric D/M/Y and Y/M/D, "pukul", times with
    ":" or ".", WIB/WITA/WIT; prefixes such as "Kompas.com," or "Diperbarui" are skipped
    because the pattern is searched for, not anchored. `require_time` skips dates
    without a clock time (a bare day is weak evidence for a publication instant)."""
    if not text:
        return None
    s = text.replace("\u00a0", " ")
    for m in _DAY_MONTH_NAME.finditer(s):
        d, mon, y, hh, mm, ss, zone = m.groups()
        if mon.lower() in MONTHS and (hh or not require_time):
            return _build(int(y), MONTHS[mon.lower()], int(d), hh, mm, ss, zone, default_tz)
    for m in _YMD_SLASH.finditer(s):
        y, mo, d, hh, mm, ss, zone = m.groups()
        if hh or not require_time:
            return _build(int(y), int(mo), int(d), hh, mm, ss, zone, default_tz)
    for m in _DMY_NUMERIC.finditer(s):
        d, mo, y, hh, mm, ss, zone = m.groups()
        if hh or not require_time:
            return _build(int(y), int(mo), int(d), hh, mm, ss, zone, default_tz)
    return None


_UNIT_WORDS = {
    "detik": "second", "dtk": "second", "menit": "minute", "mnt": "minute", "jam": "hour",
    "hari": "day", "hr": "day", "h": "day", "minggu": "week", "mgg": "week", "pekan": "week",
    "bulan": "month", "bln": "month", "tahun": "year", "thn": "year",
}
_UNIT_LENGTH = {"second": timedelta(seconds=1), "minute": timedelta(minutes=1), "hour": timedelta(hours=1),
                "day": timedelta(days=1), "week": timedelta(weeks=1), "month": timedelta(days=30),
                "year": timedelta(days=365)}
_UNIT = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
# "3 jam yang lalu", "5 mnt lalu", "sejam lalu", "sehari yang lalu", "2,5 jam lalu"; "bulan lalu" is one.
_AGO = re.compile(rf"(?<![\w.,])(?:(\d+(?:[.,]\d+)?)\s*|(se))?({_UNIT})\s+(?:yang\s+)?lalu\b", re.IGNORECASE)
_THIS = re.compile(rf"\b(?:{_UNIT})\s+ini\b|\b(?:baru saja|sekarang)\b", re.IGNORECASE)  # "hari ini", "jam ini"
_DAYS_BACK = re.compile(r"\b(kemarin lusa|kemarin|hari ini)\b(?:\D{0,12}?(\d{1,2})[:.](\d{2}))?", re.IGNORECASE)


def parse_relative(text: str, now: datetime, tz: timezone | ZoneInfo = WIB) -> datetime | None:
    """Indonesian relative times against the fetch time (`now`, aware): "2 jam yang lalu",
    "5 mnt lalu", "sejam lalu", "bulan lalu", "kemarin, 14:30", "kemarin lusa",
    "hari ini pukul 09.15", "baru saja". A day without a clock time is the fetch time's
    clock that many days back, as "2 hari lalu" always was; months are 30 days, years 365.
    A future phrase ("besok", "dalam 3 hari") is no publication time: None."""
    if not text or now.tzinfo is None:
        return None
    m = _DAYS_BACK.search(text)
    if m:
        back = {"kemarin lusa": 2, "kemarin": 1, "hari ini": 0}[m.group(1).lower()]
        day = now.astimezone(tz) - timedelta(days=back)
        if m.group(2):
            try:
                return day.replace(hour=int(m.group(2)), minute=int(m.group(3)), second=0, microsecond=0)
            except ValueError:
                return None
        return day
    m = _AGO.search(text)
    if m:
        count = 1.0 if m.group(2) or not m.group(1) else float(m.group(1).replace(",", "."))
        return now - count * _UNIT_LENGTH[_UNIT_WORDS[m.group(3).lower()]]
    if _THIS.search(text):
        return now
    return None


def parse_any(text: str, default_tz: timezone | ZoneInfo = WIB) -> datetime | None:
    return parse_iso(text, default_tz) or parse_indonesian(text, default_tz)


# Kompas: /read/2026/11/25/13300026/slug -> 13:30:00 WIB; CNN/CNBC: /20261125133000-4-123/
_URL_KOMPAS = re.compile(r"/read/(\d{4})/(\d{2})/(\d{2})/(\d{2})(\d{2})(\d{2})\d*/")
_URL_STAMP14 = re.compile(r"/(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})-\d+-\d+/")


def parse_from_url(url: str, tz: timezone | ZoneInfo = WIB) -> datetime | None:
    """Timestamps that outlets encode in article paths, in the outlet's zone."""
    for pattern in (_URL_KOMPAS, _URL_STAMP14):
        m = pattern.search(url)
        if m:
            y, mo, d, hh, mm, ss = (int(g) for g in m.groups())
            return _build(y, mo, d, hh, mm, ss, None, tz)
    return None


def to_utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("naive datetime reached to_utc")
    return dt.astimezone(timezone.utc)


def local_day(dt: datetime, tz: timezone | ZoneInfo = WIB) -> date:
    """The calendar day of an instant in the source's zone: the published_date partition."""
    return dt.astimezone(tz).date()
