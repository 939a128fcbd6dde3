import pytest

from transforms.urls import article_id, canonical_url, clean_url, with_query_param

SAME_ARTICLE = [
    ("https://news.detik.com/berita/d-7010001/judul", "https://news.detik.com/berita/d-7010001/judul?utm_source=rss&utm_medium=feed"),
    ("https://news.detik.com/berita/d-7010001/judul", "http://news.detik.com/berita/d-7010001/judul"),
    ("https://news.detik.com/berita/d-7010001/judul", "https://NEWS.detik.com/berita/d-7010001/judul#komentar"),
    ("https://news.detik.com/berita/d-7010001/judul", "https://news.detik.com/berita/d-7010001/judul?single=1"),
    ("https://www.tribunnews.com/nasional/9100001/judul", "https://www.tribunnews.com/nasional/9100001/judul?page=all"),
    ("https://www.tribunnews.com/nasional/9100001/judul", "https://www.tribunnews.com/nasional/9100001/judul?page=2"),
    ("https://pahami.id/judul-berita/", "https://pahami.id/judul-berita"),
    ("https://www.kompas.com/read/2026/11/25/1/judul", "https://m.kompas.com/read/2026/11/25/1/judul"),
    ("https://www.kompas.com/read/2026/11/25/1/judul", "https://amp.kompas.com/read/2026/11/25/1/judul"),
    ("https://www.antaranews.com/berita/1/judul", "https://www.antaranews.com/berita/1/judul/amp"),
]


@pytest.mark.parametrize("a,b", SAME_ARTICLE)
def test_addresses_of_one_article_share_an_id(a, b):
    assert article_id(a) == article_id(b)


def test_different_articles_differ():
    assert article_id("https://www.antaranews.com/berita/1/a") != article_id("https://www.antaranews.com/berita/2/a")
    assert article_id("https://x.id/read?id=1") != article_id("https://x.id/read?id=2")


def test_canonical_form():
    assert canonical_url("http://Www.Tempo.co/politik/a-1/?utm_campaign=x&b=2&a=1#top") == "https://www.tempo.co/politik/a-1?a=1&b=2"


def test_article_id_is_stable_hex():
    assert article_id("https://news.detik.com/berita/d-1/x") == article_id("https://news.detik.com/berita/d-1/x")
    assert len(article_id("https://news.detik.com/berita/d-1/x")) == 32


def test_clean_url_keeps_the_address_that_answers():
    assert clean_url("https://pahami.id/judul/?utm_source=rss#x") == "https://pahami.id/judul/"
    assert clean_url("https://x.id/read?id=5&fbclid=abc") == "https://x.id/read?id=5"


def test_single_page_parameter_is_appended():
    assert with_query_param("https://a.id/x", "page=all") == "https://a.id/x?page=all"
    assert with_query_param("https://a.id/x?id=1", "single=1") == "https://a.id/x?id=1&single=1"
    assert with_query_param("https://a.id/x", "") == "https://a.id/x"
