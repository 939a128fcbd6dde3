from transforms.extraction.clean import clean_body, clean_title


def test_boilerplate_lines_are_dropped():
    text = "\n".join([
        "Jakarta - Harga cabai naik tajam di pasar induk pada pekan ini.",
        "Baca juga: Harga Bawang Ikut Naik",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Pedagang mengeluhkan sepinya pembeli.",
        'Simak Video "Suasana Pasar Induk"',
        "[Gambas:Video 20detik]",
        "(vyp/kna)",
    ])
    out = clean_body(text)
    assert out.body == "Harga cabai naik tajam di pasar induk pada pekan ini.\nPedagang mengeluhkan sepinya pembeli."
    assert out.dateline == "Jakarta"
    assert out.desk_codes == ["vyp/kna"]


def test_datelines_of_each_house_style():
    cases = {
        "JAKARTA, KOMPAS.com - Pemerintah menyiapkan anggaran.": "JAKARTA, KOMPAS.com",
        "Jakarta, CNN Indonesia -- Pemerintah menyiapkan anggaran.": "Jakarta, CNN Indonesia",
        "Jakarta (ANTARA) - Pemerintah menyiapkan anggaran.": "Jakarta (ANTARA)",
        "TEMPO.CO, Jakarta - Pemerintah menyiapkan anggaran.": "TEMPO.CO, Jakarta",
        "TRIBUNNEWS.COM, JAKARTA - Pemerintah menyiapkan anggaran.": "TRIBUNNEWS.COM, JAKARTA",
        "Jakarta, Pahami.id \u2013 Pemerintah menyiapkan anggaran.": "Jakarta, Pahami.id",
    }
    for text, dateline in cases.items():
        out = clean_body(text)
        assert out.dateline == dateline, text
        assert out.body == "Pemerintah menyiapkan anggaran."


def test_dateline_on_its_own_line_joins_the_first_paragraph():
    out = clean_body("Jakarta, Pahami.id \u2013\nMenteri Luar Negeri Rusia berbicara.\n(LOM/WIW)")
    assert out.dateline == "Jakarta, Pahami.id"
    assert out.body == "Menteri Luar Negeri Rusia berbicara."
    assert out.desk_codes == ["LOM/WIW"]


def test_a_sentence_is_not_mistaken_for_a_dateline():
    out = clean_body("Pemerintah pusat menyiapkan anggaran - kata menteri - untuk daerah.")
    assert out.dateline is None
    assert out.body.startswith("Pemerintah pusat")


def test_attribution_and_antara_signoff_become_fields():
    out = clean_body("Isi berita yang cukup panjang.\nArtikel ini telah tayang di Antaranews.com\nPewarta: Budi Santoso\nEditor: Dewi Lestari")
    assert out.body == "Isi berita yang cukup panjang."
    assert out.attribution == "Antaranews.com"
    assert (out.signoff_writer, out.signoff_editor) == ("Budi Santoso", "Dewi Lestari")
    glued = clean_body("Isi berita.\nPewarta: Budi SantosoEditor: Dewi Lestari COPYRIGHT © ANTARA 2026")
    assert glued.body == "Isi berita." and glued.signoff_editor == "Dewi Lestari"


def test_headline_and_date_echo_at_the_top_are_dropped():
    out = clean_body("Judul Berita Hari Ini\n25 November 2026 | 09.00 WIB\nIsi berita pertama.", title="Judul Berita Hari Ini")
    assert out.body == "Isi berita pertama."


def test_inline_ui_text_glued_to_the_last_paragraph():
    out = clean_body("Isi berita.\n(dis/ugo) Add as a preferred source on Google")
    assert out.body == "Isi berita." and out.desk_codes == ["dis/ugo"]


def test_title_suffixes():
    assert clean_title("Judul Berita - Tribunnews.com") == "Judul Berita"
    assert clean_title("Judul Berita | tempo.co") == "Judul Berita"
    assert clean_title("Judul Berita - detikNews") == "Judul Berita"
    assert clean_title("Persib Tundukkan PSM 2-1 di Liga 1") == "Persib Tundukkan PSM 2-1 di Liga 1"
    assert clean_title("  Judul   dengan  spasi ") == "Judul dengan spasi"


def test_text_before_the_headline_goes_only_when_the_article_follows_it():
    lines = ["Berita lain satu", "Berita lain dua", "Judul Utama",
             "Paragraf pertama yang panjang berisi banyak kata untuk artikel utama hari ini."]
    assert clean_body("\n".join(lines), title="Judul Utama").body == lines[3]
    ending = "Paragraf pertama yang panjang berisi banyak kata untuk artikel utama hari ini.\nJudul Utama"
    assert clean_body(ending, title="Judul Utama").body.startswith("Paragraf pertama")


def test_boilerplate_kinds_seen_on_held_out_pages():
    body = "\n".join([
        "Jakarta - Paragraf pertama berita ini cukup panjang untuk menjadi isi.",
        "Baca Selanjutnya",
        "Paragraf kedua berita ini juga cukup panjang untuk menjadi isi.",
        "Cek Video di Bawah Ini:",
        "#banjir #jakarta #cuacaekstrem",
        "Headline",
        "Copyright @ 2026 Tribun Network Group",
        "Copyright (c) 2026 Media Group",
        "Yuk, periksa kembali dan lengkapi data dirimu untuk berkomentar.",
        "Filed under: Nasional, Banjir",
        "Sosok",
        "Sosok: Kisah Guru Honorer yang Mengajar di Tiga Desa",
        "Jangan Lewatkan Video Terbaru:",
    ])
    cleaned = clean_body(body, None).body
    assert cleaned.splitlines() == ["Paragraf pertama berita ini cukup panjang untuk menjadi isi.",
                                    "Paragraf kedua berita ini juga cukup panjang untuk menjadi isi."]


def test_a_sentence_that_mentions_a_hashtag_or_a_headline_stays():
    lines = ["Tagar #SaveKPK menjadi trending sejak pagi di media sosial.",
             "Headline surat kabar itu memuat pernyataan menteri.",
             "Sosok pria itu terekam kamera pengawas di depan toko."]
    assert clean_body("\n".join(lines), None).body.splitlines() == lines
