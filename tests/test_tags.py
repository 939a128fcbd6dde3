"""Category, entities, persons and keywords."""
from transforms.tagging.tags import category_of_section, category_of_text, keywords_of, persons_of, tag

BODY = ("Komisi Pemberantasan Korupsi (KPK) memeriksa Bupati Garut sebagai saksi dalam perkara dugaan suap di Jawa Barat. "
        "Juru bicara KPK, Lina Marpaung, mengatakan penyidik mendalami peran tersangka. Menteri Dalam Negeri Budi Santoso "
        "meminta kepala daerah kooperatif. Partai Golkar dan PDIP belum berkomentar. Delegasi dari Jepang ikut memantau.")


def test_section_first_then_url_kanal():
    assert category_of_section("Ekonomi & Bisnis") == (None, None)
    assert category_of_section("Sepakbola") == ("olahraga", "section")
    assert category_of_section(None, "https://finance.detik.com/berita-ekonomi-bisnis/d-1/x") == ("ekonomi", "url")
    assert category_of_section(None, "https://www.cnnindonesia.com/teknologi/20261125-185-1/x") == ("teknologi", "url")
    assert category_of_section("Tidak Dikenal", "https://x.id/read/1") == (None, None)


def test_a_desk_anywhere_in_the_url_beats_the_generic_berita():
    cases = {
        "http://otomotif.antaranews.com/berita/546646/prototype": "otomotif",
        "http://musik.kapanlagi.com/berita/bikin-gaduh-kota": "hiburan",
        "http://photo.liputan6.com/musik/hadiri-grammy-awards": "hiburan",
        "http://life.viva.co.id/showbiz/read/736460-taylor-swift": "hiburan",  # the path is more specific
        "http://gaya.tempo.co/read/news/2015/11/05/060716092/x": "gaya-hidup",
        "http://www.republika.co.id/berita/jurnal-haji/berita-jurnal-haji/17/02/17/x": "religi",
        "http://www.antaranews.com/berita/527615/x": None,  # only the generic kanal: the text decides
    }
    assert {url: category_of_section(None, url)[0] for url in cases} == cases


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


def test_persons_by_office_rank_role_apposition_and_speech():
    body = ("Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Yuddy Chrisnandi menginginkan sistem baru. "
            "Pendiri Facebook, Mark Zuckerberg dikabarkan menyewa pengawal. Penyerang anyar Persib Bandung, Samsul Arif, "
            "bertekad tampil baik melawan pelatih Madura United, Bambang Wijaya. Kepala Kantor Kementerian Agama Kota "
            "Banjarmasin H Sofrayani mengimbau calon jamaah. \"Kami siap,\" kata Yuddy. Bahkan Indra Birowo mengaku "
            "romantis, ujar aktor Fery Salim.")
    assert persons_of(body) == ["Yuddy Chrisnandi", "Mark Zuckerberg", "Samsul Arif", "Bambang Wijaya", "Sofrayani",
                                "Indra Birowo", "Fery Salim"]


def test_offices_places_and_organisations_are_not_people():
    body = ("Wali Kota Surabaya meninjau lokasi. Menurut Dinas Kesehatan, kasus naik. Ketua Gaikindo hadir. "
            "Kemenangan atas Madura United pada Senin (24/11) disambut pelatih Persib.")
    assert persons_of(body) == []
