import pytest

from transforms.urls import article_id, canonical_url, clean_url, with_query_param

# (one address, another address of the same article): real-shaped URLs of the outlets.
SAME_ARTICLE = [
    ("https://www.cnnindonesia.com/nasional/20261125101500-20-1290001/judul", "https://m.cnnindonesia.com/nasional/20261125101500-20-1290001/judul"),
    ("https://www.cnnindonesia.com/nasional/20261125101500-20-1290001/judul", "https://www.cnnindonesia.com/nasional/20261125101500-20-1290001/judul/amp"),
    ("https://www.cnnindonesia.com/nasional/20261125101500-20-1290001/judul", "https://www.cnnindonesia.com/nasional/20261125101500-20-1290001/judul?utm_campaign=cnnsocmed&utm_medium=oa&utm_source=twitter"),
    ("https://www.tribunnews.com/nasional/9100001/judul", "https://m.tribunnews.com/amp/nasional/9100001/judul"),
    ("https://www.tribunnews.com/nasional/9100001/judul", "https://www.tribunnews.com/amp/nasional/9100001/judul"),
    ("https://www.tribunnews.com/nasional/9100001/judul", "https://www.tribunnews.com/nasional/9100001/judul?page=3"),
    ("https://www.suara.com/news/2026/11/25/101500/judul", "https://www.suara.com/amp/news/2026/11/25/101500/judul"),
    ("https://www.suara.com/news/2026/11/25/101500/judul", "https://www.suara.com/news/2026/11/25/101500/judul?page=all"),
    ("https://nasional.sindonews.com/read/1234567/12/judul-1764000000", "https://nasional.sindonews.com/read/1234567/12/judul-1764000000?showpage=all"),
    ("https://nasional.okezone.com/read/2026/11/25/337/3100001/judul", "https://nasional.okezone.com/read/2026/11/25/337/3100001/judul?page=2"),
    ("https://www.liputan6.com/news/read/6200001/judul", "https://m.liputan6.com/news/read/6200001/judul"),
    ("https://www.liputan6.com/news/read/6200001/judul", "https://www.liputan6.com/news/read/6200001/judul?utm_source=Mobile&utm_medium=whatsapp&utm_campaign=iOS_ShareButton"),
    ("https://www.viva.co.id/berita/nasional/1800001-judul", "https://www.viva.co.id/amp/berita/nasional/1800001-judul"),
    ("https://www.viva.co.id/berita/nasional/1800001-judul", "https://www.viva.co.id/berita/nasional/1800001-judul?page=all&utm_medium=all-page"),
    ("https://www.antaranews.com/berita/4810001/judul", "https://m.antaranews.com/berita/4810001/judul"),
    ("https://www.antaranews.com/berita/4810001/judul", "https://www.antaranews.com/berita/4810001/judul?utm_source=antaranews&utm_medium=desktop&utm_campaign=terkini"),
    ("https://www.tempo.co/politik/judul-2100001", "https://tempo.co/politik/judul-2100001"),
    ("https://www.tempo.co/politik/judul-2100001", "https://www.tempo.co:443/politik/judul-2100001"),
    ("https://www.tempo.co/politik/judul-2100001", "https://www.tempo.co//politik/judul-2100001"),
    ("https://www.merdeka.com/peristiwa/read/120001/judul", "https://www.merdeka.com/peristiwa/read/120001/judul?fbclid=IwAR0abc"),
    ("https://kumparan.com/kumparannews/judul-25abcDEF123", "https://kumparan.com/kumparannews/judul-25abcDEF123?gclid=xyz"),
    ("https://tirto.id/judul-gabc", "https://tirto.id/judul-gabc/"),
    ("https://www.idntimes.com/news/indonesia/judul-01-abcde", "https://www.idntimes.com/news/indonesia/judul-01-abcde?_gl=1*abc"),
    ("https://www.republika.co.id/berita/s4abcd123/judul", "https://www.republika.co.id/berita/s4abcd123/judul/amp"),
    ("https://www.beritasatu.com/nasional/2900001/judul", "https://www.beritasatu.com/nasional/2900001/judul?utm_source=dlvr.it"),
    ("https://www.jawapos.com/nasional/01234/judul", "https://www.jawapos.com/nasional/01234/judul?outputType=amp"),
    ("https://www.detik.com/berita/d-7010001/judul", "https://www.detik.com/berita/d-7010001/judul/index.html"),
    ("https://www.detik.com/berita/d-7010001/judul", "https://www.detik.com/berita/d-7010001/%6A%75dul"),
    ("https://pahami.id/judul-berita/", "https://www.pahami.id/judul-berita/?amp=1"),
    ("https://pahami.id/judul-berita/", "https://pahami.id/judul-berita/amp/"),
    ("https://www.kompas.com/read/2026/11/25/1/judul", "https://www.kompas.com/read/2026/11/25/1/judul?source=terpopuler"),
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


DIFFERENT_ARTICLES = [
    ("https://www.antaranews.com/berita/1/a", "https://www.antaranews.com/berita/2/a"),
    ("https://x.id/read?id=1", "https://x.id/read?id=2"),
    ("https://nasional.kompas.com/read/2026/11/25/1/judul", "https://money.kompas.com/read/2026/11/25/1/judul"),
    ("https://kumparan.com/kumparannews/judul-25abcDEF123", "https://kumparan.com/kumparannews/judul-25ABCdef123"),
    ("https://news.detik.com/berita/d-7010001/judul", "https://finance.detik.com/berita/d-7010001/judul"),
    ("https://www.tempo.co/politik/judul-2100001", "http://www.tempo.co:8080/politik/judul-2100001"),
]


@pytest.mark.parametrize("a,b", DIFFERENT_ARTICLES)
def test_different_articles_differ(a, b):
    assert article_id(a) != article_id(b)


def test_there_are_forty_real_shaped_cases():
    assert len(SAME_ARTICLE) + len(DIFFERENT_ARTICLES) >= 40


def test_same_site():
    from transforms.urls import same_site

    assert same_site("https://nasional.kompas.com/read/1", "https://www.kompas.com/")
    assert same_site("https://www.republika.co.id/berita/1", "https://news.republika.co.id/x")
    assert not same_site("https://www.republika.co.id/berita/1", "https://www.tempo.co.id/x")
    assert not same_site("https://kompas.com.evil.id/x", "https://www.kompas.com/")


def test_canonical_form():
    assert canonical_url("http://Www.Tempo.co/politik/a-1/?utm_campaign=x&b=2&a=1#top") == "https://tempo.co/politik/a-1?a=1&b=2"


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
