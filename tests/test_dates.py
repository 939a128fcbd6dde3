from datetime import date, datetime, timedelta, timezone

import pytest

from transforms.dates import WIB, local_day, parse_any, parse_from_url, parse_indonesian, parse_iso

WIB_OFFSET = timezone(timedelta(hours=7))


@pytest.mark.parametrize("text,expected", [
    ("2026-11-25T13:30:00+07:00", datetime(2026, 11, 25, 13, 30, tzinfo=WIB_OFFSET)),
    ("2026-11-25T06:30:00Z", datetime(2026, 11, 25, 6, 30, tzinfo=timezone.utc)),
    ("2026-11-25T06:30:00+0000", datetime(2026, 11, 25, 6, 30, tzinfo=timezone.utc)),
    ("2026-11-25 13:30:00", datetime(2026, 11, 25, 13, 30, tzinfo=WIB)),  # naive: the source zone
])
def test_iso(text, expected):
    assert parse_iso(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Sabtu, 15 Feb 2025 10:30 WIB", datetime(2025, 2, 15, 10, 30, tzinfo=WIB_OFFSET)),
    ("Senin, 10 Agu 2026 10:28 WIB", datetime(2026, 8, 10, 10, 28, tzinfo=WIB_OFFSET)),
    ("Kompas.com, 03/08/2026, 17:53 WIB", datetime(2026, 8, 3, 17, 53, tzinfo=WIB_OFFSET)),
    ("Selasa, 30/06/2020 19:18 WIB", datetime(2020, 6, 30, 19, 18, tzinfo=WIB_OFFSET)),
    ("Jum'at, 24 Juli 2026 - 13:39 WIB", datetime(2026, 7, 24, 13, 39, tzinfo=WIB_OFFSET)),
    ("10 Agustus 2026 | 10:26 WIB", datetime(2026, 8, 10, 10, 26, tzinfo=WIB_OFFSET)),
    ("24 Juli 2026 | 09.00 WIB", datetime(2026, 7, 24, 9, 0, tzinfo=WIB_OFFSET)),
    ("Terbit 2 Sep 2025 17:00 WIB", datetime(2025, 9, 2, 17, 0, tzinfo=WIB_OFFSET)),
    ("12 Des 2025 08:00 WITA", datetime(2025, 12, 12, 8, 0, tzinfo=timezone(timedelta(hours=8)))),
    ("1 Okt 2025 pukul 20.15 WIT", datetime(2025, 10, 1, 20, 15, tzinfo=timezone(timedelta(hours=9)))),
    ("24 April 2026 20:05", datetime(2026, 4, 24, 20, 5, tzinfo=WIB)),  # no zone: the source zone
    ("2019/01/02 16:59:56", datetime(2019, 1, 2, 16, 59, 56, tzinfo=WIB)),
])
def test_indonesian_forms(text, expected):
    result = parse_indonesian(text)
    assert result == expected
    assert result.tzinfo is not None


def test_unparseable_is_none():
    assert parse_any("kemarin sore") is None
    assert parse_indonesian("31 Februari 2026") is None


def test_url_timestamps():
    assert parse_from_url("https://nasional.kompas.com/read/2026/11/25/13300021/judul") == datetime(2026, 11, 25, 13, 30, tzinfo=WIB)
    assert parse_from_url("https://www.cnnindonesia.com/nasional/20261125101500-20-1/judul") == datetime(2026, 11, 25, 10, 15, tzinfo=WIB)
    assert parse_from_url("https://www.tempo.co/politik/judul-2100001") is None


def test_partition_day_follows_wib_not_utc():
    just_after_midnight_wib = datetime(2026, 11, 24, 17, 30, tzinfo=timezone.utc)  # 00:30 WIB on the 25th
    assert local_day(just_after_midnight_wib) == date(2026, 11, 25)
