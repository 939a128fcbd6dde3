"""Category, entities, persons and keywords."""
from transforms.tags import category_of_section, category_of_text, keywords_of, persons_of, tag

BODY = ("Komisi Pemberantasan Korupsi (KPK) memeriksa Bupati Garut sebagai saksi dalam perkara dugaan suap di Jawa Barat. "
        "Juru bicara KPK, Lina Marpaung, mengatakan penyidik mendalami peran tersangka. Menteri Dalam Negeri Budi Santoso "
        "meminta kepala daerah kooperatif. Partai Golkar dan PDIP belum berkomentar. Delegasi dari Jepang ikut memantau.")


def test_section_first_then_url_kanal():
    assert category_of_section("Ekonomi & Bisnis") == (None, None)
    assert category_of_section("Sepakbola") == ("olahraga", "section")
    assert category_of_section(None, "https://finance.detik.com/berita-ekonomi-bisnis/d-1/x") == ("ekonomi", "url")
    assert category_of_section(None, "https://www.cnnindonesia.com/teknologi/20261125-185-1/x") == ("teknologi", "url")
    assert category_of_section("Tidak Dikenal", "https://x.id/read/1") == (None, None)


def test_text_fallback():
    assert category_of_text("KPK Periksa Bupati", BODY) == "hukum"
    assert category_of_text("Persib Menang", "Pelatih memuji pemain setelah gol kedua di laga liga itu.") == "olahraga"
    assert category_of_text("Upacara", "Warga berkumpul di lapangan pagi itu.") == "nasional"


def test_entities_and_people():
    tags = tag("KPK Periksa Bupati Garut", BODY, "Hukum", "https://x.id/hukum/1")
    assert tags.category == "hukum" and tags.category_from == "section"
    assert {"Garut", "Jawa Barat", "Jepang"} <= set(tags.places)
    assert {"KPK", "Golkar", "PDIP"} <= set(tags.organizations)
    assert set(persons_of(BODY)) == {"Budi Santoso", "Lina Marpaung"}


def test_keywords_skip_stop_words():
    words = keywords_of("Harga Cabai Naik", "Harga cabai di pasar naik karena pasokan cabai berkurang, kata pedagang.")
    assert words[:2] == ["cabai", "harga"] and "karena" not in words and "kata" not in words
