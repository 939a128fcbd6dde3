from pathlib import Path

import pytest

from spiders.registry import SourceConfigError, load_source_file, load_sources

REQUIRED_SOURCES = {"pahami", "detik", "kompas", "cnnindonesia", "tempo", "antaranews", "tribunnews"}

VALID = '''
id = "contoh"
name = "Contoh"
homepage = "https://contoh.id/"
timezone = "Asia/Makassar"
language = "id"
hosts = ["contoh.id"]
[[feeds]]
url = "https://contoh.id/rss"
[politeness]
delay_seconds = 1.5
'''


def write(tmp_path: Path, text: str, name: str = "contoh.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_shipped_sources_load_and_cover_the_required_outlets():
    sources = load_sources()
    assert REQUIRED_SOURCES <= set(sources)
    for s in sources.values():
        assert s.feeds or s.sitemaps, f"{s.id} has nothing to discover from"
        assert s.politeness.delay_seconds >= 1


def test_valid_file(tmp_path):
    source = load_source_file(write(tmp_path, VALID))
    assert source.tz.key == "Asia/Makassar"
    assert source.politeness.delay_seconds == 1.5 and source.politeness.concurrent_requests == 2
    assert source.owns("https://www.contoh.id/berita/1") and not source.owns("https://contoh.id.evil.com/x")


@pytest.mark.parametrize("change,message", [
    (lambda t: t + 'feeeds = []\n', "unknown key 'feeeds'"),
    (lambda t: t.replace('delay_seconds = 1.5', 'delay_second = 1.5'), "politeness: unknown key 'delay_second'"),
    (lambda t: t.replace('delay_seconds = 1.5', 'delay_seconds = "fast"'), "key 'delay_seconds' must be int"),
    (lambda t: t.replace('delay_seconds = 1.5', 'delay_seconds = -1'), "key 'delay_seconds' must be between 0 and 600"),
    (lambda t: t.replace('"Asia/Makassar"', '"Asia/Atlantis"'), "key 'timezone' is not a known time zone"),
    (lambda t: t.replace('url = "https://contoh.id/rss"', 'url = "ftp://contoh.id/rss"'), "feeds[0]: key 'url' is not an http(s) URL"),
    (lambda t: t.replace('url = "https://contoh.id/rss"', 'href = "https://contoh.id/rss"'), "feeds[0]: unknown key 'href'"),
    (lambda t: t.replace('id = "contoh"', 'id = "lain"'), "must equal the file name"),
    (lambda t: t.replace('language = "id"\n', ''), "missing key 'language'"),
    (lambda t: t.replace('hosts = ["contoh.id"]', 'hosts = "contoh.id"'), "key 'hosts' must be list"),
    (lambda t: t + "[[[", "not valid TOML"),
])
def test_errors_name_the_file_and_the_key(tmp_path, change, message):
    path = write(tmp_path, change(VALID))
    with pytest.raises(SourceConfigError) as err:
        load_source_file(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_unknown_source_selection(tmp_path):
    write(tmp_path, VALID)
    with pytest.raises(SourceConfigError, match="unknown source"):
        load_sources(tmp_path, only=["nope"])
