"""Tags for analysis: a normalised category, entities from gazetteers, person names found
by their titles, and keywords. Offline and deterministic; the taxonomy is documented in
docs/taxonomy.md.

Category: the outlet's own section (or the URL's kanal) mapped first; when it maps to
nothing, the text decides by keyword counts per category.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from transforms.tagging.persons import persons_of as find_persons

CATEGORIES = ("nasional", "politik", "hukum", "ekonomi", "internasional", "daerah", "olahraga", "teknologi",
              "hiburan", "gaya-hidup", "kesehatan", "otomotif", "pendidikan", "religi", "opini", "cek-fakta")

# Outlet sections and kanal names (research notes, section 6) -> category.
SECTION_MAP = {
    "nasional": "nasional", "news": "nasional", "berita": "nasional", "peristiwa": "nasional", "politik": "politik",
    "pemilu": "politik", "hukum": "hukum", "kriminal": "hukum", "hukum-kriminal": "hukum",
    "ekonomi": "ekonomi", "bisnis": "ekonomi", "finance": "ekonomi", "keuangan": "ekonomi", "money": "ekonomi",
    "market": "ekonomi", "ekbis": "ekonomi", "economy": "ekonomi", "berita-ekonomi-bisnis": "ekonomi", "syariah": "ekonomi",
    "internasional": "internasional", "dunia": "internasional", "global": "internasional", "world": "internasional",
    "daerah": "daerah", "regional": "daerah", "nusantara": "daerah", "metro": "daerah", "megapolitan": "daerah",
    "jabodetabek": "daerah", "olahraga": "olahraga", "sport": "olahraga", "sports": "olahraga", "bola": "olahraga",
    "sepakbola": "olahraga", "bola-sports": "olahraga", "teknologi": "teknologi", "tekno": "teknologi",
    "inet": "teknologi", "tech": "teknologi", "sains": "teknologi", "tekno-sains": "teknologi", "ototekno": "teknologi",
    "hiburan": "hiburan", "hot": "hiburan", "celebrity": "hiburan", "seleb": "hiburan", "entertainment": "hiburan",
    "showbiz": "hiburan", "musik": "hiburan", "film": "hiburan", "gaya-hidup": "gaya-hidup", "lifestyle": "gaya-hidup",
    "wolipop": "gaya-hidup", "woman": "gaya-hidup", "women": "gaya-hidup", "travel": "gaya-hidup", "food": "gaya-hidup",
    "food-travel": "gaya-hidup", "leisure": "gaya-hidup", "kesehatan": "kesehatan", "health": "kesehatan",
    "otomotif": "otomotif", "oto": "otomotif", "pendidikan": "pendidikan", "edukasi": "pendidikan",
    "religi": "religi", "khazanah": "religi", "muslim": "religi", "opini": "opini", "kolom": "opini",
    "cek-fakta": "cek-fakta", "cekfakta": "cek-fakta", "gaya": "gaya-hidup", "life": "gaya-hidup",
    "selebriti": "hiburan", "haji": "religi", "jurnal-haji": "religi", "islam": "religi",
}
# Kanal words every story's URL may carry: a desk named anywhere else in the URL wins.
GENERIC_KANAL = frozenset({"berita", "news", "read"})

# Text fallback: words that mark a category (lower case, whole words).
CATEGORY_WORDS = {
    "politik": "dpr mpr partai pemilu pilkada caleg koalisi fraksi kampanye presiden kabinet menteri legislatif",
    "hukum": "kpk polisi polri tersangka terdakwa jaksa hakim sidang vonis suap korupsi penyidik pidana kejaksaan",
    "ekonomi": "harga ihsg saham rupiah inflasi investasi bank pasar ekspor impor triliun miliar pajak komoditas",
    "internasional": "bilateral luar negeri menlu diplomatik asean pbb kedutaan internasional kerja sama negara",
    "daerah": "banjir bpbd kabupaten desa warga bupati longsor kecamatan mengungsi posko",
    "olahraga": "liga gol pelatih pertandingan klasemen timnas pemain skor juara turnamen laga",
    "teknologi": "digital aplikasi internet teknologi startup data satelit perangkat siber platform",
    "hiburan": "film artis musik konser penyanyi aktor aktris album selebriti sinetron",
    "gaya-hidup": "kuliner wisata fesyen resep liburan hotel kecantikan",
    "kesehatan": "dbd kesehatan dinkes puskesmas penyakit pasien dokter vaksin demam epidemi gizi",
    "otomotif": "mobil motor otomotif mesin dealer sepeda listrik pabrikan",
    "pendidikan": "sekolah siswa guru pendidikan kampus universitas mahasiswa ujian kurikulum",
    "religi": "masjid haji umrah ramadan ibadah ulama pesantren",
}
_CATEGORY_WORDS = {cat: set(words.split()) for cat, words in CATEGORY_WORDS.items()}

PROVINCES = ("Aceh, Sumatera Utara, Sumatera Barat, Riau, Kepulauan Riau, Jambi, Bengkulu, Sumatera Selatan, "
             "Kepulauan Bangka Belitung, Lampung, Banten, DKI Jakarta, Jawa Barat, Jawa Tengah, DI Yogyakarta, Jawa Timur, "
             "Bali, Nusa Tenggara Barat, Nusa Tenggara Timur, Kalimantan Barat, Kalimantan Tengah, Kalimantan Selatan, "
             "Kalimantan Timur, Kalimantan Utara, Sulawesi Utara, Gorontalo, Sulawesi Tengah, Sulawesi Barat, "
             "Sulawesi Selatan, Sulawesi Tenggara, Maluku, Maluku Utara, Papua, Papua Barat, Papua Barat Daya, "
             "Papua Tengah, Papua Pegunungan, Papua Selatan").split(", ")
CITIES = ("Jakarta, Surabaya, Bandung, Medan, Semarang, Makassar, Palembang, Tangerang, Depok, Bekasi, Bogor, "
          "Batam, Pekanbaru, Padang, Malang, Yogyakarta, Denpasar, Pontianak, Banjarmasin, Balikpapan, Samarinda, "
          "Manado, Kupang, Jayapura, Ambon, Mataram, Jambi, Bengkulu, Serang, Cirebon, Solo, Surakarta, Tasikmalaya, "
          "Sukabumi, Lhokseumawe, Banda Aceh, Palu, Kendari, Gorontalo, Ternate, Sorong, Merauke, Lombok, Garut, "
          "Cilacap, Bojonegoro, Sambas, Lebak, Kampar, Luwu").split(", ")
INSTITUTIONS = ("KPK, DPR, MPR, DPD, BI, Bank Indonesia, OJK, TNI, Polri, BPK, KPU, Bawaslu, MK, Mahkamah Konstitusi, MA, "
                "Mahkamah Agung, Kejagung, Kejaksaan Agung, BMKG, BNPB, BPBD, BPS, Bulog, Perum Bulog, Pertamina, PLN, "
                "Kemenkeu, Kementerian Keuangan, Kemenkes, Kementerian Kesehatan, Kemendikdasmen, Kemendikbudristek, "
                "Kemlu, Kementerian Luar Negeri, Kemenhan, Kementerian Pertahanan, Kemendagri, Kementerian Dalam Negeri, "
                "Kementerian Komunikasi dan Digital, Komdigi, Kominfo, Kementerian Perindustrian, Kementerian Perdagangan, "
                "Kementerian PU, Basarnas, BNN, BNPT, Densus 88, Istana, Setneg, IHSG, BEI, Bursa Efek Indonesia, "
                "Dinas Kesehatan, Dinkes, Puskesmas").split(", ")
PARTIES = ("PDIP, PDI Perjuangan, Golkar, Gerindra, NasDem, PKB, PKS, Demokrat, PAN, PPP, PSI, Perindo, Hanura, "
           "Partai Buruh, Partai Gelora").split(", ")
COUNTRIES = ("Amerika Serikat, AS, Jepang, China, Tiongkok, Korea Selatan, Korea Utara, Rusia, Ukraina, Australia, "
             "Malaysia, Singapura, Thailand, Vietnam, Filipina, Brunei, Kamboja, Laos, Myanmar, Timor Leste, India, "
             "Pakistan, Bangladesh, Arab Saudi, Uni Emirat Arab, Qatar, Mesir, Turki, Iran, Irak, Israel, Palestina, "
             "Suriah, Yordania, Brasil, Argentina, Meksiko, Kanada, Inggris, Prancis, Jerman, Belanda, Italia, Spanyol, "
             "Norwegia, Swedia, Swiss, Selandia Baru, Afrika Selatan, Nigeria").split(", ")

# Capitals and wire datelines abroad: a story filed from one is the foreign desk's.
FOREIGN_CITIES = ("Washington, New York, Los Angeles, London, Paris, Berlin, Roma, Madrid, Brussel, Jenewa, Den Haag, "
                  "Moskow, Kiev, Kyiv, Beijing, Shanghai, Hong Kong, Taipei, Tokyo, Seoul, Pyongyang, Bangkok, Manila, "
                  "Hanoi, Kuala Lumpur, Phnom Penh, Yangon, Naypyidaw, Dili, Canberra, Sydney, Melbourne, Wellington, "
                  "New Delhi, Islamabad, Dhaka, Riyadh, Jeddah, Mekkah, Madinah, Dubai, Abu Dhabi, Doha, Kairo, "
                  "Istanbul, Ankara, Teheran, Baghdad, Damaskus, Amman, Yerusalem, Gaza, Tel Aviv, Beirut, Ottawa, "
                  "Brasilia, Buenos Aires, Mexico City, Johannesburg").split(", ")

STOPWORDS = frozenset("""
ada adalah agar akan akhir aku amat anda antara apa apabila atas atau bagai bagaimana bagi bahkan bahwa baik banyak
baru beberapa begitu belum benar berada berapa berbagai beri berikut bersama besar bila bisa boleh bukan cukup
dalam dan dapat dari daripada demikian dengan depan di dia dimana dirinya disebut hal hampir hanya harus hingga ia
ialah ini itu jadi jika juga jumat kali kalau kami kamis kamu karena ke kecil kemudian kepada ketika kini kita
lagi lain lalu lama lebih maka mana masih masing mau melalui memang memiliki menjadi menurut mereka meski
mulai namun nanti oleh pada padahal para per perlu pernah pula pun rabu saat saja salah sama sampai sangat
saya sebagai sebelum sebuah secara sedang sehingga sejak sekarang sekitar selasa selain selama seluruh semua
senin sementara sendiri seorang seperti sering serta setelah setiap suatu sudah supaya tak tanpa tapi telah
tentang terhadap termasuk tersebut tetap tetapi tidak tiga turut untuk usai yaitu yakni yang kata ujar ujarnya
katanya mengatakan menyebut menyebutkan pihak tahun hari pekan bulan januari februari maret april mei juni juli
agustus september oktober november desember sabtu minggu dua satu empat lima enam tujuh delapan sembilan sepuluh
""".split())


def _gazetteer(names: list[str]) -> re.Pattern:
    ordered = sorted(set(names), key=len, reverse=True)  # longest first: "Sulawesi Selatan" before "Sulawesi"
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")


_PLACES = _gazetteer(PROVINCES + CITIES)
_ORGANIZATIONS = _gazetteer(INSTITUTIONS + PARTIES)
_COUNTRIES = _gazetteer(COUNTRIES)
_ABROAD = _gazetteer(COUNTRIES + FOREIGN_CITIES)
DATELINE_WEIGHT = 3  # marker words a dateline is worth: outlets file stories by where they were written
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


@dataclass
class Tags:
    category: str | None = None
    category_from: str | None = None  # section | url | text
    places: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.lower()).strip("-")


def category_of_section(section: str | None, url: str | None = None) -> tuple[str | None, str | None]:
    """(category, "section" or "url") from the outlet's section, else the URL's kanal: the
    first of the first three path segments, then the subdomain, that names a desk
    ("photo.liputan6.com/musik/…" is music, "otomotif.antaranews.com/berita/…" motoring).
    "berita"/"news"/"read" name no desk: such a URL leaves the category to the text."""
    if section and (cat := SECTION_MAP.get(_slug(section))):
        return cat, "section"
    if url:
        parts = urlsplit(url)
        candidates = [p.lower() for p in parts.path.split("/") if p][:3] + (parts.hostname or "").split(".")[:1]
        specific = [c for c in candidates if c in SECTION_MAP and c not in GENERIC_KANAL]
        if specific:
            return SECTION_MAP[specific[0]], "url"
    return None, None


def category_of_dateline(dateline: str | None) -> str | None:
    """"internasional" for a dateline abroad ("ISTANBUL", "Kuala Lumpur (ANTARA)"),
    "daerah" for one in Indonesia outside Jakarta ("Mataram, NTB"), else None."""
    if not dateline:
        return None
    place = re.split(r"[(\-–—]", dateline)[0].title()  # "MATARAM, NTB (ANTARA) -" -> "Mataram, Ntb "
    if _ABROAD.search(place):
        return "internasional"
    found = [m.group(1) for m in _PLACES.finditer(place)]
    return "daerah" if found and not all("Jakarta" in p for p in found) else None


def category_of_text(title: str, body: str, dateline: str | None = None) -> str:
    """The category whose marker words occur most (title words count double, a dateline
    DATELINE_WEIGHT); general news with no marker is "nasional", as Indonesian outlets
    file it."""
    words = _WORD.findall(f"{title} {title} {body}".lower())
    scores = Counter()
    for word in words:
        for cat, markers in _CATEGORY_WORDS.items():
            if word in markers:
                scores[cat] += 1
    if desk := category_of_dateline(dateline):
        scores[desk] += DATELINE_WEIGHT
    if not scores:
        return "nasional"
    best, score = scores.most_common(1)[0]
    return best if score >= 2 else "nasional"


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _known_place_or_organisation(text: str) -> bool:
    return any(g.fullmatch(text) for g in (_PLACES, _ORGANIZATIONS, _ABROAD))


def persons_of(body: str) -> list[str]:
    """People named in the body (transforms/tagging/persons.py says how)."""
    return find_persons(body, _known_place_or_organisation)


def keywords_of(title: str, body: str, limit: int = 8) -> list[str]:
    """The most frequent content words (Indonesian stop words out; title words count double)."""
    words = [w for w in _WORD.findall(f"{title} {title} {body}".lower()) if len(w) > 3 and w not in STOPWORDS]
    return [w for w, _ in Counter(words).most_common(limit)]


def tag(title: str, body: str, section: str | None = None, url: str | None = None,
        dateline: str | None = None) -> Tags:
    text = f"{title}\n{body}"
    tags = Tags()
    tags.category, tags.category_from = category_of_section(section, url)
    if tags.category is None:
        tags.category, tags.category_from = category_of_text(title, body, dateline), "text"
    tags.places = _unique(m.group(1) for m in _PLACES.finditer(text))
    tags.organizations = _unique(m.group(1) for m in _ORGANIZATIONS.finditer(text))
    countries = _unique(m.group(1) for m in _COUNTRIES.finditer(text))
    tags.places += [c for c in countries if c not in tags.places]
    tags.persons = persons_of(body)
    tags.keywords = keywords_of(title, body)
    return tags
