"""Extraction rules on small page snippets."""
import json
from datetime import datetime, timedelta, timezone

from transforms.extraction.extract import FeedHints, extract_article
from transforms.extraction.metadata import is_person_name

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


def test_malay_and_indonesian_on_one_story_are_told_apart():
    from transforms.extraction.language import detect_language

    malay = ("KUALA LUMPUR: Kerajaan akan memperuntukkan RM1.2 bilion bagi menaik taraf sekolah daif di seluruh negara "
             "tahun depan, kata Perdana Menteri Datuk Seri Anwar Ibrahim. Beliau berkata demikian ketika menjawab soalan "
             "tambahan di Dewan Rakyat hari ini. Menurutnya, sebanyak 300 buah sekolah di Sabah dan Sarawak akan diberi "
             "keutamaan kerana keadaan bangunan yang tidak selamat.")
    indonesian = ("Pemerintah akan mengalokasikan anggaran Rp1,2 triliun untuk merenovasi sekolah rusak di seluruh "
                  "Indonesia tahun depan, kata Menteri Pendidikan. Hal itu disampaikannya saat rapat kerja dengan Komisi X "
                  "DPR. Menurut dia, sebanyak 300 sekolah di Papua dan Nusa Tenggara Timur akan diprioritaskan karena "
                  "kondisi bangunannya tidak aman.")
    assert (detect_language(malay), detect_language(indonesian)) == ("ms", "id")


def test_declared_http_charset_wins_and_bad_charsets_do_not_crash():
    text = "<p>Pemerintah menetapkan harga eceran tertinggi yang baru untuk beras premium di seluruh provinsi, kata pejabat itu.</p>"
    cp1252 = page(body=text * 3 + "<p>Caf\u00e9 \u201cSenja\u201d ramai pengunjung sepanjang akhir pekan kemarin.</p>").encode("cp1252")
    art = extract_article(cp1252, "https://x.id/a", encoding="windows-1252")
    assert "Caf\u00e9 \u201cSenja\u201d" in art.body
    assert extract_article(cp1252, "https://x.id/a", encoding="no-such-charset").body


def test_charset_from_content_type():
    from transforms.extraction.extract import charset_of

    assert charset_of('text/html; charset="ISO-8859-1"') == "ISO-8859-1"
    assert charset_of("text/html") is None


def test_h1_wins_over_labelled_titles_and_site_prefixes_go():
    html = ("<html><head><title>KapanLagi.com: Musik - Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi</title>"
            "<meta property='og:title' content='KapanLagi.com: Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi'>"
            "</head><body><h1>Musik</h1><h1>Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi</h1>" + BODY + "</body></html>")
    assert extract_article(html, "https://musik.kapanlagi.com/x").title == "Bikin Gaduh Kota, Rumah Penyanyi Ini Digrebek Polisi"
    html = "<html><head><title>Judul Asli Berita | Republika Online</title></head><body>" + BODY + "</body></html>"
    assert extract_article(html, "https://www.republika.co.id/x").title == "Judul Asli Berita"
    html = "<html><head><title>Judul Berita Bersambung - Halaman 2 - Suara.com</title></head><body>" + BODY + "</body></html>"
    assert extract_article(html, "https://www.suara.com/x").title == "Judul Berita Bersambung"


def test_visible_date_after_the_headline_and_stamps_with_a_zone_first():
    html = ("<html><body><div class='tanggal'>Rabu, 04 November 2015 | 19:14</div><h2>Judul Berita Ini</h2>"
            "<div class='tanggal'>Rabu, 04 November 2015 | 07:28 WIB</div>" + BODY + "</body></html>")
    art = extract_article(html, "https://x.id/a", hints=FeedHints(title="Judul Berita Ini"))
    assert art.published_at == datetime(2015, 11, 4, 7, 28, tzinfo=WIB) and art.published_from == "visible"


def test_relative_visible_date_uses_the_fetch_time():
    html = "<html><body><h1>Judul</h1><div class='date'>2 jam yang lalu</div>" + BODY + "</body></html>"
    fetched = datetime(2026, 11, 25, 10, 0, tzinfo=WIB)
    assert extract_article(html, "https://x.id/a", fetched_at=fetched).published_at == datetime(2026, 11, 25, 8, 0, tzinfo=WIB)


def test_byline_forms():
    cases = {
        "<div class='read__credit'>Penulis : Aditya Maulana Editor : Agung Kurniawan</div>": (["Aditya Maulana"], "Agung Kurniawan"),
        "<div class='credit-title-name'><h6>Penulis</h6> Budi Santoso</div>": (["Budi Santoso"], None),
        "<div id='penulis'>Penulis: Kontributor Lhokseumawe, Masriadi</div>": (["Masriadi"], None),
        "<span class='author'>Dewi Lestari</span>": (["Dewi Lestari"], None),
        "<a rel='author' href='/x'>Rudi Hartono</a>": (["Rudi Hartono"], None),
    }
    for snippet, (writers, editor) in cases.items():
        art = extract_article(page(body=snippet + BODY), "https://x.id/a")
        assert (art.authors, art.editor) == (writers, editor), snippet


def test_loose_text_lead_paragraph_with_bold_dateline_is_kept():
    body = ("<div class='text'><strong>VIVA.co.id</strong> - Pianis cilik Indonesia, Joey Alexander, memukau seluruh hadirin "
            "di gedung Staples Center pada malam penganugerahan itu.<br><br>Paragraf kedua melanjutkan cerita tentang penampilan "
            "sang pianis muda di panggung utama.<br><br>Paragraf ketiga menutup berita dengan tanggapan para musisi dunia yang hadir.</div>")
    art = extract_article(page(body=body), "https://x.id/a")
    assert art.dateline == "VIVA.co.id"
    assert art.body.startswith("Pianis cilik Indonesia") and "Paragraf ketiga" in art.body


def test_trailing_related_list_is_cut():
    body = BODY + "<ul>" + "".join(f"<li><span>Kamis, 05/11/2015 10:0{i} WIB</span> <a href='/b{i}'>Judul lain {i}</a></li>" for i in range(6)) + "</ul>"
    art = extract_article(page(body=body), "https://x.id/a")
    assert "Judul lain" not in art.body and "WIB" not in art.body


def test_single_page_app_state_article():
    state = {"props": {"pageProps": {"article": {
        "title": "Judul dari State", "published_at": "2026-07-24 08:10:08",
        "content": "".join(f"<p>Kalimat isi berita nomor {i} yang cukup panjang untuk dihitung sebagai teks artikel.</p>" for i in range(4)),
        "authors": [{"name": "Budi Santoso"}], "editor": {"name": "Dewi Lestari"}, "category": {"name": "Nasional"}}}}}
    html = (f"<html><head><script id='__NEXT_DATA__' type='application/json'>{json.dumps(state)}</script></head>"
            "<body><article><h1>Judul dari State</h1></article></body></html>")
    art = extract_article(html, "https://www.jawapos.com/x")
    assert (art.title, art.authors, art.editor, art.section) == ("Judul dari State", ["Budi Santoso"], "Dewi Lestari", "Nasional")
    assert art.published_at == datetime(2026, 7, 24, 8, 10, 8, tzinfo=WIB) and art.published_from == "app-state"
    assert "nomor 3" in art.body


def test_photo_page_falls_back_to_its_description():
    html = ("<html><head><meta name='description' content='" + "Penyanyi berpose di karpet merah malam penghargaan musik itu " * 3
            + "'></head><body><figure><img src='x.jpg'><figcaption>Foto</figcaption></figure></body></html>")
    art = extract_article(html, "https://x.id/foto")
    assert art.body_source == "description" and art.body.startswith("Penyanyi berpose")


def test_media_indonesia_desk_code():
    art = extract_article(page(body=BODY + "<p>Paragraf penutup berita ini sebagai penanda selesainya isi utama. (H-2)</p>"), "https://x.id/a")
    assert art.desk_codes == ["H-2"] and "(H-2)" not in art.body


# -- kinds of failure found on real pages nobody here wrote ----------------------------------
def test_breadcrumb_positions_of_mixed_types_neither_crash_nor_lose_the_section():
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": "2", "item": {"@id": "https://x.id/news", "name": "News"}},
        {"@type": "ListItem", "position": 1, "name": "Beranda"},
        {"@type": "ListItem", "position": "tiga", "name": "Hukum"},
        {"@type": "ListItem", "name": "Tanpa Posisi"}]}
    art = extract_article(page(f'<script type="application/ld+json">{json.dumps(crumbs)}</script>'), "https://x.id/a")
    assert art.section == "News"


def test_an_editor_in_the_json_ld_author_yields_to_the_byline_writer():
    ld = {"@type": "NewsArticle", "headline": "Judul", "author": {"@type": "Person", "name": "Sandro Gatra"}}
    byline = ('<div class="read__credit"><div class="credit-title-name">Penulis: Dian Erika Nugraheny</div>'
              '<div class="credit-title-name">Editor: Sandro Gatra</div></div>')
    art = extract_article(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>', byline + BODY),
                          "https://nasional.kompas.com/read/2026/11/25/1/judul")
    assert (art.authors, art.editor) == (["Dian Erika Nugraheny"], "Sandro Gatra")
    # Kompas's metas say the same when the page shows no byline
    metas = ('<meta name="content_author" content="Dian Erika Nugraheny">'
             '<meta name="content_editor" content="Sandro Gatra">')
    art = extract_article(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>{metas}'),
                          "https://nasional.kompas.com/read/2026/11/25/1/judul")
    assert (art.authors, art.editor) == (["Dian Erika Nugraheny"], "Sandro Gatra")
    # a JSON-LD author who is not the editor stays the writer
    ld["author"]["name"] = "Ardito Ramadhan"
    art = extract_article(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>', byline + BODY),
                          "https://nasional.kompas.com/read/2026/11/25/1/judul")
    assert (art.authors, art.editor) == (["Ardito Ramadhan"], "Sandro Gatra")


def test_a_structured_offset_that_contradicts_the_visible_wib_time_loses():
    meta = '<meta property="article:published_time" content="2026-11-25T14:05:00-07:00">'
    shown = '<div class="date">Rabu, 25 November 2026 14:05 WIB</div>'
    art = extract_article(page(meta, shown + BODY), "https://x.id/a")
    assert art.published_at == datetime(2026, 11, 25, 14, 5, tzinfo=WIB)
    # the same stamp with a page that shows the instant it names (07:05 WIB next day): kept
    shown_instant = '<div class="date">Kamis, 26 November 2026 04:05 WIB</div>'
    art = extract_article(page(meta, shown_instant + BODY), "https://x.id/a")
    assert art.published_at == datetime(2026, 11, 26, 4, 5, tzinfo=WIB)
    # UTC wall time written as WIB clock with a Z: the page's WIB wins too
    ld = {"@type": "NewsArticle", "headline": "Judul", "datePublished": "2026-11-25T14:05:00Z"}
    art = extract_article(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>', shown + BODY),
                          "https://x.id/a")
    assert art.published_at == datetime(2026, 11, 25, 14, 5, tzinfo=WIB)


def test_embedded_posts_on_an_indonesian_page_are_not_its_text():
    tweet = ('<blockquote class="twitter-tweet"><p>Cuitan warganet tentang banjir yang viral sekali hari ini</p>'
             '&mdash; Akun Warga (@akunwarga) November 25, 2026</blockquote>')
    insta = ('<blockquote class="instagram-media"><p>Unggahan Instagram soal banjir #banjir #jakarta</p>'
             '</blockquote>')
    for lang in ('lang="id"', 'xml:lang="id"'):
        html = page(body=BODY + tweet + insta).replace("<html>", f"<html {lang}>")
        body = extract_article(html, "https://x.id/a").body
        assert "Paragraf 4" in body and "Cuitan" not in body and "Unggahan" not in body, lang


def test_okezone_editor_in_parentheses_ends_the_body_and_becomes_the_editor():
    art = extract_article(page(body=BODY + "<p><strong>(Dimas Andhika Fikri)</strong></p>"), "https://x.id/a")
    assert art.editor == "Dimas Andhika Fikri" and "Dimas" not in art.body
    wire = extract_article(page(body=BODY + "<p>(Reuters)</p>"), "https://x.id/a")
    assert wire.editor is None  # one word: a wire credit, not a person


def test_writer_from_a_reporter_element_or_the_article_author_meta_unless_it_is_a_url():
    byline = '<div class="byline"><a class="reporter-name" href="/author/r">Rina Kusuma</a><div>Terbit 24 Jul 2026</div></div>'
    assert extract_article(page(body=byline + BODY), "https://x.id/a").authors == ["Rina Kusuma"]
    meta = extract_article(page('<meta property="article:author" content="Rina Kusuma">'), "https://x.id/a")
    assert meta.authors == ["Rina Kusuma"]
    profile = extract_article(page('<meta property="article:author" content="https://www.facebook.com/outlet">'),
                              "https://x.id/a")
    assert profile.authors == []


def test_baca_juga_blocks_by_their_class_prefix():
    block = ('<div class="baca-juga-collections"><div class="baca-juga-collections__detail">BACA JUGA:'
             '<a href="/news/read/2/lain">Judul Berita Lain Yang Terkait Sekali</a></div></div>')
    body = extract_article(page(body=BODY[:200] + block + BODY[200:]), "https://x.id/a").body
    assert "Terkait Sekali" not in body and "BACA JUGA" not in body


def test_republika_rep_and_red_byline_with_the_editor_in_the_json_ld_author():
    ld = {"@type": "NewsArticle", "headline": "Judul", "author": {"@type": "Person", "name": "Fitriyan Zamzami"}}
    byline = '<div>Rep: Rizky Suryarandika/ Red: <a href="/penulis/1">Fitriyan Zamzami</a></div>'
    art = extract_article(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>', byline + BODY),
                          "https://ekonomi.republika.co.id/berita/abc/judul")
    assert (art.authors, art.editor) == (["Rizky Suryarandika"], "Fitriyan Zamzami")
    bull = extract_article(page(body='<div class="author">Red Bull Racing</div>' + BODY), "https://x.id/a")
    assert bull.editor is None


def test_a_split_article_is_read_whole_from_its_pages_with_the_fields_of_the_first(manifest):
    from tools.page_fixtures import PAGES, saved_pages

    spec = PAGES / "jpnn" / "feed-1.json"
    first, later = saved_pages(spec)
    truth = next(a for a in manifest["articles"] if a["url"] == json.loads(spec.read_text())["url"])
    assert later and truth["split_pages"] == 1 + len(later)
    whole = extract_article(first, truth["url"], continued=later)
    assert whole.body == truth["body"] and whole.title == truth["title"] and whole.authors == truth["authors"]
    assert whole.editor and "Redaktur" not in whole.body and "Jangan Lewatkan" not in whole.body
    alone = extract_article(first, truth["url"])
    assert truth["body"].startswith(alone.body) and len(alone.body) < len(whole.body)


def test_a_challenge_on_a_later_page_blocks_the_article():
    from transforms.article import article_or_rejection
    from transforms.records import Candidate

    html = page('<meta name="jpnncom_news_pubdate" content="25 November 2026 10:05">').encode()
    wall = b"<html><head><title>Just a moment...</title></head><body>Checking your browser before accessing</body></html>"
    args = (Candidate(url="https://www.jpnn.com/news/judul", source="jpnn", via="test"), html,
            {"content-type": "text/html"}, datetime(2026, 11, 25, tzinfo=timezone.utc), "run")
    assert article_or_rejection(*args)[0] == "row"
    assert article_or_rejection(*args, continued=[wall])[:2] == ("rejected", "blocked")


def test_a_byline_that_says_by_names_the_person_after_it():
    for byline in ("<span>Oleh</span> <a class='author-name'>Yohana Artha Uly</a>", "<span class='author'>By: Yohana Artha Uly</span>"):
        art = extract_article(page(body=f"<div class='author-box'>{byline}</div>" + BODY), "https://x.id/a")
        assert art.authors == ["Yohana Artha Uly"], byline
