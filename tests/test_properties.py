"""Properties on any input (hypothesis): the URL, date and cleaning steps never crash, and
cleaning a cleaned body changes nothing."""
from datetime import datetime, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms import dates
from transforms.extraction.clean import clean_body
from transforms.urls import article_id, canonical_url, clean_url, invalid_url, redact

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
escapes = st.sampled_from(["%ff", "%E2%80", "%41", "%2F", "%", "%zz", "%00", "%C3%A9"])
segment = st.lists(st.one_of(st.text(min_size=0, max_size=8), escapes), max_size=4).map("".join)
urlish = st.builds(
    lambda scheme, user, host, port, path, query, frag: f"{scheme}{user}{host}{port}/{path}{query}{frag}",
    st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "", "//"]),
    st.sampled_from(["", "u:p@", "@"]),
    st.sampled_from(["www.detik.com", "M.Kompas.com", "[::1", "[::1]", "127.0.0.1", "", "xn--bcher-kva.id", "bücher.id"]),
    st.sampled_from(["", ":80", ":443", ":99999", ":abc", ":"]),
    st.lists(segment, max_size=4).map("/".join),
    st.sampled_from(["", "?utm_source=x&b=2&a=1", "?page=2", "?a=%ff", "?&&=", "?x"]),
    st.sampled_from(["", "#f", "#"]),
)


@FAST
@given(st.one_of(urlish, st.text(max_size=80)))
def test_url_steps_never_crash_and_canonical_urls_are_stable(url):
    canonical = canonical_url(url)
    assert isinstance(article_id(url), str) and len(article_id(url)) == 32
    clean_url(url), redact(url), invalid_url(url)
    assert canonical_url(canonical) == canonical


@FAST
@given(st.one_of(st.text(max_size=60), st.from_regex(
    r"\d{1,4}[-/ ]\d{1,2}[-/ ]\d{1,4}[ T]?\d{0,3}[:.]?\d{0,3}(Z|[+-]\d{2}:?\d{2}| WIB| WITA)?", fullmatch=True)))
def test_date_parsers_never_crash_and_return_aware_instants(text):
    now = datetime(2026, 11, 25, 10, tzinfo=timezone.utc)
    for parsed in (dates.parse_any(text), dates.parse_iso(text), dates.parse_indonesian(text, require_time=True),
                   dates.parse_relative(text, now), dates.parse_from_url(text)):
        assert parsed is None or parsed.tzinfo is not None


lines = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["Baca juga: Berita lain", "ADVERTISEMENT", "Jakarta, CNN Indonesia --", "(mdk/ank)", "Selasa, 24/11/2026",
                     "Artikel ini telah tayang di Antaranews.com", "SCROLL TO CONTINUE WITH CONTENT", "Pewarta: Budi",
                     "Simak Video \"x\"", "JAKARTA, KOMPAS.com - Pemerintah menetapkan harga baru.", "(vyp/kna)", ""]),
)


@FAST
@given(st.lists(lines, max_size=12).map("\n".join), st.one_of(st.none(), st.text(max_size=30)))
def test_cleaning_never_crashes_and_twice_is_once(text, title):
    once = clean_body(text, title)
    assert clean_body(once.body, title).body == once.body
