"""Person names in Indonesian news text, found by what journalists write around them.

No model: a run of capitalised words is a person when the text marks it as one —
- an office, rank or honorific before it: "Menteri PANRB Yuddy Chrisnandi", "Kapolres
  AKBP Ahmad Fauzi", "dr. Siti Nadia"; long office names are skipped to the name at their
  end ("Kepala Kantor Kementerian Agama Kota Banjarmasin H Sofrayani");
- a role noun in lower case before it: "aktor Fery Salim", "kata pengamat politik Ray
  Rangkuti", "pelatih Persib, Bojan Hodak,";
- an apposition: "Juru bicara KPK, Lina Marpaung, mengatakan";
- speech: "kata Yuddy", "ujar Budi Santoso", "Budi Santoso mengatakan"; a one-word name
  becomes the full name the text used before.
Runs made of office, institution or place words are not names. Only the body is read:
headlines are title-cased, so every word there looks like a name.
"""
from __future__ import annotations

import re
from collections.abc import Callable

# Capitalised words that name offices, institutions and things, not people.
NOT_NAME_WORDS = frozenset("""
Menteri Kementerian Presiden Wakil Gubernur Bupati Wali Kota Kabupaten Provinsi Dinas Badan Kantor Kepala Ketua
Sekretaris Direktur Direktorat Jenderal Utama Umum Komisi Dewan Majelis Mahkamah Agung Pengadilan Negeri Tinggi
Kejaksaan Kepolisian Polisi Polda Polres Polsek Daerah Negara Republik Indonesia Nasional Pusat Pendayagunaan Aparatur
Reformasi Birokrasi Kesehatan Pendidikan Agama Keuangan Luar Dalam Pertahanan Perhubungan Perdagangan Perindustrian
Pertanian Sosial Hukum Asasi Manusia Energi Sumber Daya Mineral Lingkungan Hidup Kehutanan Kelautan Perikanan
Pariwisata Ekonomi Kreatif Koperasi Usaha Pemuda Olahraga Riset Teknologi Informasi Komunikasi Ketenagakerjaan
Perumahan Rakyat Pekerjaan Umum Desa Agraria Tata Ruang Investasi Sekretariat Kabinet Staf Kepresidenan Bank
Partai Fraksi Universitas Institut Sekolah Rumah Sakit Balai Pemerintah Pemkot Pemkab Pemprov Perusahaan Persero
Tbk PT Grup Group Tim Klub Liga Piala Stadion Gedung Jalan Bandara Pelabuhan Masjid Gereja Pasar Kecamatan Kelurahan
Satuan Unit Bagian Biro Divisi Subdit Kasubdit Kasat Kanit Reserse Kriminal Khusus Umum Lalu Lintas Narkoba
Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus September Oktober
November Desember Baca Juga Simak Video Foto Editor Penulis Reporter Sumber Antara Kompas Tempo Detik
Walikota Kajari Kajati Kasi Seksi Kasasi Peninjauan Kembali Perdata Pidana Gunung Pulau Sungai Danau Teluk Selat
Utara Selatan Barat Timur Tengah Raya Baru Lama Academy Awards Limited Telecommunications Asia Internasional Festival
Bahkan Namun Menurut Selain Sementara Saat Ketika Setelah Sebelum Meski Meskipun Dalam Di Pada Untuk Dengan Oleh Kini
Sejak Hingga Adapun Sebelumnya Sedangkan Kemudian Lalu Jika Karena Sebab Tak Tidak Ini Itu Yang Para Sang Si
Humas Olah Raga Polresta Kapolresta Pemerintahan Haji Umrah Nomor
""".split())

# Offices written before a name.
_OFFICE = (r"Presiden|Wakil Presiden|Wapres|Menteri|Menko|Mendagri|Menkes|Menlu|Menkeu|Gubernur|Wakil Gubernur|"
           r"Bupati|Wakil Bupati|Wali Kota|Walikota|Wakil Wali Kota|Kajari|Kajati|Kapolri|Kapolda|Kapolres|Kapolresta|"
           r"Kapolsek|Kasatreskrim|Panglima|Ketua|Wakil Ketua|Sekretaris|Kepala|Direktur|Dirut|Jaksa Agung|Kasubdit|"
           r"Kabid|Kadis|Camat|Lurah|Kades")
# Ranks and honorifics: these, not offices, make a single word a name ("AKBP Yasir", "H Sofrayani").
_PERSONAL_TITLE = (r"AKBP|AKP|Kombes|Kompol|Brigjen|Irjen|Komjen|Jenderal|Iptu|Ipda|Aiptu|Bripka|Briptu|Kolonel|"
                   r"Letkol|Mayor|Kapten|Mayjen|Letjen|Marsekal|Laksamana|Datuk|Dato|Tan Sri|Haji|Hajjah|Kiai|KH|Ustaz|"
                   r"Ustazah|Habib|Syekh|Bapak|Ibu|Pak|Bu|Prof\.|Dr\.|dr\.|Drs\.|Ir\.|H\.?|Hj\.?|Sdr\.")
_TITLE = f"{_OFFICE}|{_PERSONAL_TITLE}"
# Role nouns written in lower case before a name.
_ROLE = (r"aktor|aktris|artis|penyanyi|musisi|komedian|presenter|sutradara|produser|pianis|rapper|model|pesinetron|"
         r"pelatih|pemain|penyerang|gelandang|bek|kiper|striker|pebulu tangkis|petenis|pebalap|atlet|petinju|"
         r"pengamat|analis|ekonom|peneliti|dosen|guru besar|pakar|ahli|pengacara|kuasa hukum|advokat|dokter|"
         r"politikus|politisi|anggota|juru bicara|jubir|tersangka|terdakwa|terpidana|saksi|korban|pelaku|warga|"
         r"pedagang|petani|nelayan|sopir|istri|suami|putra|putri|anak|ayah|ibunda|ayahanda|kakak|adik|pendiri|"
         r"bos|pemilik|pengusaha|CEO|founder|wartawan|jurnalis")
_SPEECH_BEFORE = r"(?:kata|ujar|ucap|ungkap|tutur|jelas|tegas|imbuh|tambah|papar|terang|sebut)(?:nya)?"
_SPEECH_AFTER = (r"(?:mengatakan|menyatakan|menjelaskan|mengungkapkan|menuturkan|menegaskan|menambahkan|berkata|"
                 r"menilai|menyebut|menyebutkan|mengaku|mengimbau|meminta|berharap|bertekad)")

_CAP = r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?|[A-Z]\.?)"  # a capitalised word or an initial ("H", "M.")
# "dan" joins office names ("Pendayagunaan Aparatur Negara dan Reformasi Birokrasi") and
# two people; _names_in splits the run there again.
_RUN = rf"{_CAP}(?:\s+(?:bin|binti|van|de|al|el|dan)?\s*{_CAP}){{0,9}}"


def _capital_or_not(alternatives: str) -> str:
    """Role nouns open sentences too: "Pendiri Facebook, ...", "Penyanyi Taylor Swift"."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in alternatives.split("|"))


# A run followed by ", Name" is the office's or role's organisation ("pelatih Madura United,
# Bambang Wijaya"): the *_OF patterns take the name; (?>...) keeps the run from shrinking.
_NOT_AN_ORGANISATION = r"(?!,\s+[A-Z])"
_AFTER_TITLE = re.compile(rf"\b(?:{_TITLE})\s+((?>(?:[A-Z]{{2,}}\s+)?{_RUN})){_NOT_AN_ORGANISATION}")
_AFTER_ROLE = re.compile(rf"\b(?:{_capital_or_not(_ROLE)})(?:\s+[a-z]+){{0,2}}\s+((?>{_RUN})){_NOT_AN_ORGANISATION}")
# "Pendiri Facebook, Mark Zuckerberg", "Bupati Banjarmasin, Sri Wahyuni"
_ROLE_OF = re.compile(rf"\b(?:{_capital_or_not(_ROLE)}|{_TITLE})\s+[A-Z][^,.;\n]{{0,60}},\s+({_RUN})")
_APPOSITION = re.compile(rf"\b[a-z]+[^,.;\n]{{0,60}},\s+({_RUN}),")
_SPEECH = re.compile(rf"\b{_SPEECH_BEFORE}\s+({_RUN})|({_RUN}),?\s+{_SPEECH_AFTER}\b")


def _names_in(run: str, places_and_orgs: Callable[[str], bool]) -> list[str]:
    """The names a run holds: one at the end of each part between its "dan"s."""
    return [name for part in re.split(r"\s+dan\s+", run) if (name := _name_at_end(part, places_and_orgs))]


def _name_at_end(run: str, places_and_orgs: Callable[[str], bool]) -> str | None:
    """The name a run of capitalised words ends with: the words after the last office,
    institution or place word, without leading initials of titles ("H", "M.")."""
    words = run.split()
    start = 0
    for i, word in enumerate(words):
        if word.strip(".") in NOT_NAME_WORDS or places_and_orgs(word):
            start = i + 1
    name = words[start:]
    while name and re.fullmatch(r"[A-Z]\.?", name[0]) and len(name) > 1:  # "H Sofrayani" -> "Sofrayani"
        name = name[1:]
    if not name or any(w.strip(".") in NOT_NAME_WORDS for w in name) or re.fullmatch(r"[A-Z]\.?", name[-1]):
        return None
    text = " ".join(name)
    return None if places_and_orgs(text) or len(text) < 3 else text


def persons_of(body: str, places_and_orgs: Callable[[str], bool]) -> list[str]:
    """Names of people in the body, in order of first mention, each once (full form).
    `places_and_orgs(text)` says whether a text is a known place or organisation."""
    found: list[tuple[int, str]] = []
    for pattern in (_AFTER_TITLE, _AFTER_ROLE, _ROLE_OF, _APPOSITION, _SPEECH):
        for m in pattern.finditer(body):
            run = next(g for g in m.groups() if g)
            found += [(m.start(), name) for name in _names_in(run, places_and_orgs)]
    names = {name for _, name in found}
    result: list[str] = []
    for _, name in sorted(found):
        if len(name.split()) == 1:
            longer = [other for other in names if other != name and name in other.split()]
            if longer:
                name = min(longer, key=len)  # "kata Yuddy" -> "Yuddy Chrisnandi"
            elif not re.search(rf"\b(?:{_PERSONAL_TITLE})\s+{re.escape(name)}\b", body):
                continue  # many Indonesians have one name, but only a rank or honorific says it is one
        if any(name.endswith(" " + other) and len(other.split()) > 1 for other in names):
            continue  # "Lhoksukon Teuku Rahmatsyah" (an unknown place first) when "Teuku Rahmatsyah" is found too
        if name not in result:
            result.append(name)
    return result
