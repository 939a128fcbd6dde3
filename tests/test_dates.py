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


@pytest.mark.parametrize("text,expected", [
    ("Jum'at, 24 Juli 2026 15:18 WIB", datetime(2026, 7, 24, 15, 18, tzinfo=WIB_OFFSET)),
    ("Jumat, 24 Juli 2026 15:18 WIB", datetime(2026, 7, 24, 15, 18, tzinfo=WIB_OFFSET)),
    ("Minggu, 09 Oct 2016 08:00 WIB", datetime(2016, 10, 9, 8, 0, tzinfo=WIB_OFFSET)),
    ("Ahad, 10 Ags 2025 07:05 WIB", datetime(2025, 8, 10, 7, 5, tzinfo=WIB_OFFSET)),
    ("Senin, 11 Agt 2025 07:05", datetime(2025, 8, 11, 7, 5, tzinfo=WIB)),
    ("Rabu, 31 Des 2025 pukul 23.59 WIB", datetime(2025, 12, 31, 23, 59, tzinfo=WIB_OFFSET)),
    ("Diperbarui 03/08/2026, 18:20 WIB", datetime(2026, 8, 3, 18, 20, tzinfo=WIB_OFFSET)),
    ("pada 18 Okt 2016, 08:33 WIB", datetime(2016, 10, 18, 8, 33, tzinfo=WIB_OFFSET)),
    ("20 July 2026, 23:40", datetime(2026, 7, 20, 23, 40, tzinfo=WIB)),
    ("Wednesday, 04 November, 2015 | 07:28 WIB", datetime(2015, 11, 4, 7, 28, tzinfo=WIB_OFFSET)),
    ("Kamis, 5 November 2015 - 15:56 wib", datetime(2015, 11, 5, 15, 56, tzinfo=WIB_OFFSET)),
    ("5 Nopember 2015 10:00 WITA", datetime(2015, 11, 5, 10, 0, tzinfo=timezone(timedelta(hours=8)))),
    ("Selasa, 30 Pebruari 2016", None),  # no such day
])
def test_more_indonesian_forms_with_and_without_zone(text, expected):
    assert parse_indonesian(text) == expected


def test_require_time_skips_bare_days():
    text = "Jumat, 20 Jumadil Awwal 1438 / 17 February 2017 | Jumat, 17 February 2017, 13:16 WIB"
    assert parse_indonesian(text, require_time=True) == datetime(2017, 2, 17, 13, 16, tzinfo=WIB_OFFSET)
    assert parse_indonesian("Selasa, 24 Juli 2026", require_time=True) is None
    assert parse_indonesian("Selasa, 24 Juli 2026") == datetime(2026, 7, 24, tzinfo=WIB)


def test_detik_spaced_iso_stamp():
    assert parse_iso("2015-11-05 T10:08:58Z") == datetime(2015, 11, 5, 10, 8, 58, tzinfo=timezone.utc)


def test_relative_forms_against_the_fetch_time():
    from transforms.dates import parse_relative

    now = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # 10:00 WIB
    assert parse_relative("2 jam yang lalu", now) == now - timedelta(hours=2)
    assert parse_relative("5 menit lalu", now) == now - timedelta(minutes=5)
    assert parse_relative("baru saja", now) == now
    assert parse_relative("kemarin, 14:30", now) == datetime(2026, 11, 24, 14, 30, tzinfo=WIB)
    assert parse_relative("kemarin", now) == now - timedelta(days=1)  # the day back, at the fetch time's clock
    assert parse_relative("kemarin lusa", now) == now - timedelta(days=2) and parse_relative("besok", now) is None
    assert parse_relative("2 jam yang lalu", now.replace(tzinfo=None)) is None  # never naive
