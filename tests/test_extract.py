"""Extraction rules on small page snippets."""
from datetime import datetime, timedelta, timezone

from transforms.extract import FeedHints, extract_article
from transforms.metadata import is_person_name

WIB = timezone(timedelta(hours=7))
BODY = "".join(f"<p>Paragraf {i} berisi kalimat berita yang cukup panjang untuk diekstrak dengan benar oleh ekstraktor.</p>" for i in range(5))


def page(head: str = "", body: str = BODY) -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body><article><h1>Judul Berita Contoh</h1>{body}</article></body></html>"


def test_json_ld_beats_meta_and_kompas_utc_meta_is_read_as_utc():
    html = page('<meta property="article:published_time" content="2026-11-25T06:30:00+00:00">'
                '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Judul","datePublished":"2026-11-25T13:30:00+07:00"}</script>')
    art = extract_article(html, "https://nasional.kompas.com/read/2026/11/25/13300021/judul")
    assert art.published_at == datetime(2026, 11, 25, 13, 30, tzinfo=WIB)
    assert art.published_from == "json-ld"
    meta_only = extract_article(page('<meta property="article:published_time" content="2026-11-25T06:30:00+00:00">'), "https://x.id/a")
    assert meta_only.published_at == datetime(2026, 11, 25, 13, 30, tzinfo=WIB)


def test_detik_z_stamped_pubdate_is_read_as_wib_wall_time():
    html = page('<meta name="pubdate" content="2026-11-25T10:15:00Z">')
    art = extract_article(html, "https://news.detik.com/berita/d-1/x")
    assert art.published_at == datetime(2026, 11, 25, 10, 15, tzinfo=WIB)


def test_feed_hint_then_url_timestamp():
    hinted = extract_article(page(), "https://x.id/a", hints=FeedHints(published_at=datetime(2026, 1, 2, 3, 4, tzinfo=WIB)))
    assert hinted.published_from == "feed"
    from_url = extract_article(page(), "https://www.cnnindonesia.com/nasional/20261125101500-20-1/judul")
    assert from_url.published_at == datetime(2026, 11, 25, 10, 15, tzinfo=WIB) and from_url.published_from == "url"
    assert extract_article(page(), "https://x.id/a").published_at is None


def test_organisations_are_never_authors():
    for name in ["Tim detikcom", "Kompas Cyber Media", "PT Tempo Inti Media", "Redaksi", "cnnindonesia.com"]:
        assert not is_person_name(name), name
    assert is_person_name("Dewi Lestari")
    html = page('<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Tim detikcom"},'
                '{"@type":"Organization","name":"Dewi Lestari"}],"publisher":{"@type":"Organization","name":"detikcom"}}</script>')
    assert extract_article(html, "https://x.id/a").authors == []


def test_writer_and_editor_from_json_ld_and_visible_byline():
    html = page('<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":[{"@type":"Person","name":"Budi Santoso"}],'
                '"editor":{"@type":"Person","name":"Dewi Lestari"}}]}</script>')
    art = extract_article(html, "https://x.id/a")
    assert art.authors == ["Budi Santoso"] and art.editor == "Dewi Lestari"
    visible = page(body='<div id="penulis">Penulis: Rudi Hartono</div><div id="editor">Editor: Sri Wahyuni</div>' + BODY)
    art = extract_article(visible, "https://x.id/a")
    assert art.authors == ["Rudi Hartono"] and art.editor == "Sri Wahyuni"


def test_title_from_og_title_without_suffix_and_section_from_breadcrumb():
    html = page('<meta property="og:title" content="Judul Asli - Tribunnews.com">'
                '<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[{"position":1,"name":"Home"},{"position":2,"name":"Nasional"}]}</script>')
    art = extract_article(html, "https://x.id/a")
    assert art.title == "Judul Asli" and art.section == "Nasional"


def test_boilerplate_blocks_are_removed_before_extraction():
    body = (BODY[:200] + '<table class="linksisip"><tr><td><strong>Baca juga:</strong> <a href="/x">Berita Lain Terkait</a></td></tr></table>'
            '<div class="parallaxindetail"><p>SCROLL TO CONTINUE WITH CONTENT</p></div>' + BODY[200:])
    art = extract_article(page(body=body), "https://x.id/a")
    assert "Baca juga" not in art.body and "SCROLL" not in art.body and "Berita Lain" not in art.body


def test_cnn_style_bold_dateline_outside_the_paragraph():
    body = "<div class='detail-text'><strong>Jakarta, CNN Indonesia</strong> -- " + BODY + "<strong>(dis/ugo)</strong></div>"
    art = extract_article(page(body=body), "https://x.id/a")
    assert art.dateline == "Jakarta, CNN Indonesia"
    assert art.desk_codes == ["dis/ugo"]


def test_language_is_identified_from_the_whole_body():
    assert extract_article(page(), "https://x.id/a").language == "id"
    english = "".join(f"<p>The government said on Tuesday that the new rules would take effect next month, officials told reporters {i}.</p>" for i in range(5))
    assert extract_article(page(body=english), "https://x.id/a").language == "en"


def test_declared_http_charset_wins_and_bad_charsets_do_not_crash():
    text = "<p>Pemerintah menetapkan harga eceran tertinggi yang baru untuk beras premium di seluruh provinsi, kata pejabat itu.</p>"
    cp1252 = page(body=text * 3 + "<p>Caf\u00e9 \u201cSenja\u201d ramai pengunjung sepanjang akhir pekan kemarin.</p>").encode("cp1252")
    art = extract_article(cp1252, "https://x.id/a", encoding="windows-1252")
    assert "Caf\u00e9 \u201cSenja\u201d" in art.body
    assert extract_article(cp1252, "https://x.id/a", encoding="no-such-charset").body


def test_charset_from_content_type():
    from transforms.extract import charset_of

    assert charset_of('text/html; charset="ISO-8859-1"') == "ISO-8859-1"
    assert charset_of("text/html") is None
