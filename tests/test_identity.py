"""Article identity: same-site rel=canonical and exact duplicates across URLs."""
from datetime import date, datetime, timezone

from storage.index import content_hash_holders
from conftest import open_lake
from transforms.article import article_from_page, identity
from transforms.dedup.exact import mark_exact_duplicates
from transforms.records import Candidate
from transforms.urls import article_id


def test_same_site_canonical_names_the_article_off_site_does_not():
    c = Candidate(url="https://m.tribunnews.com/nasional/9100001/judul?utm_source=wa", source="tribunnews", via="t")
    assert identity(c, "https://www.tribunnews.com/nasional/9100001/judul-lengkap") == \
        article_id("https://www.tribunnews.com/nasional/9100001/judul-lengkap")
    assert identity(c, "https://www.antaranews.com/berita/1/asli") == c.article_id  # syndication stays two rows
    assert identity(c, None) == c.article_id and identity(c, "/relative/only") == c.article_id


def test_exact_copies_point_at_the_earliest(tmp_path):
    lake = open_lake(str(tmp_path))
    t = lambda h: datetime(2026, 11, 25, h, tzinfo=timezone.utc)  # noqa: E731
    first = {"article_id": "orig", "url": "https://a.id/1", "source": "antaranews", "content_hash": "h1",
             "published_at": t(1), "published_date": date(2026, 11, 25)}
    mark_exact_duplicates([first], content_hash_holders(lake, ["h1"]))
    assert first["duplicate_of"] is None
    lake.write_rows("articles", [first], key_of="article_id")
    copy = dict(first, article_id="copy", url="https://b.id/1", source="tribunnews", published_at=t(2))
    other = dict(first, article_id="other", url="https://b.id/2", source="tribunnews", content_hash="h2")
    same_batch = dict(copy, article_id="copy2", url="https://c.id/9", published_at=t(3))
    batch = [copy, other, same_batch]
    mark_exact_duplicates(batch, content_hash_holders(lake, [r["content_hash"] for r in batch]))
    assert (copy["duplicate_of"], other["duplicate_of"], same_batch["duplicate_of"]) == ("orig", None, "orig")


def test_page_rows_take_the_canonical_id_whoever_builds_them():
    body = ("<html><head><link rel='canonical' href='https://www.tribunnews.com/nasional/9100001/judul-lengkap'>"
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Judul\","
            "\"datePublished\":\"2026-11-25T09:00:00+07:00\"}</script></head><body><article>"
            + "".join(f"<p>Kalimat ke-{i} berita ini cukup panjang untuk menjadi isi artikel yang sah.</p>" for i in range(4))
            + "</article></body></html>").encode()
    c = Candidate(url="https://www.tribunnews.com/nasional/9100001/judul?page=2", source="tribunnews", via="t")
    row = article_from_page(c, body, {"content-type": "text/html; charset=utf-8"}, datetime(2026, 11, 25, tzinfo=timezone.utc), "r")
    assert row["article_id"] == article_id("https://www.tribunnews.com/nasional/9100001/judul-lengkap")
    assert row["url"] == c.url and row["source"] == "tribunnews"
