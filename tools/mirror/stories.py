"""Story material for the offline mirror: templates of Indonesian news stories with slots.

Each template yields a headline, a section and paragraphs; different slot values give
distinct articles. The wording follows the registers of Indonesian outlets (quotes with
"kata", "ujar", "ungkap"; dates as "Selasa (25/11)"), so extraction and cleaning meet
realistic text. Nothing here is a real event.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

CITIES = ["Surabaya", "Medan", "Makassar", "Semarang", "Palembang", "Bandung", "Denpasar", "Pontianak",
          "Manado", "Padang", "Balikpapan", "Kupang", "Jayapura", "Yogyakarta", "Malang", "Banjarmasin"]
REGENCIES = ["Kabupaten Bogor", "Kabupaten Garut", "Kabupaten Bekasi", "Kabupaten Cilacap", "Kabupaten Bojonegoro",
             "Kabupaten Luwu", "Kabupaten Aceh Utara", "Kabupaten Kampar", "Kabupaten Sambas", "Kabupaten Lebak"]
COMMODITIES = ["cabai rawit", "bawang merah", "beras medium", "minyak goreng", "telur ayam", "daging sapi",
               "gula pasir", "bawang putih"]
MOMENTS = ["Natal dan Tahun Baru", "musim hujan", "akhir tahun", "libur sekolah"]
OFFICIALS = ["Kepala Dinas Perdagangan", "Sekretaris Daerah", "Kepala Dinas Pekerjaan Umum", "Bupati", "Wali Kota"]
PERSONS = ["Ahmad Fauzi", "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Rudi Hartono", "Maria Ulfa",
           "Hendra Gunawan", "Yulia Anggraini", "Agus Setiawan", "Rina Marlina", "Dedi Kurniawan", "Lina Marpaung",
           "Bambang Wijaya", "Nur Aini", "Joko Prasetyo", "Fitri Handayani", "Irfan Hakim", "Sri Wahyuni"]
CLUBS = ["Persib Bandung", "Persija Jakarta", "PSM Makassar", "Arema FC", "Bali United", "Persebaya Surabaya",
         "PSIS Semarang", "Borneo FC", "Madura United", "Persita Tangerang"]
COUNTRIES = ["Jepang", "Australia", "Korea Selatan", "Brasil", "Turki", "Vietnam", "Mesir", "Kanada", "Norwegia"]
ISSUES = ["ketahanan pangan", "transisi energi", "perdagangan digital", "perlindungan pekerja migran",
          "keamanan maritim", "pendidikan vokasi"]
PROJECTS = ["pembangunan jalan kabupaten", "pengadaan alat kesehatan", "renovasi pasar tradisional",
            "proyek irigasi", "pengadaan seragam sekolah", "pembangunan gedung olahraga"]
COMPANIES = ["PT Nusantara Digital", "PT Karya Data Indonesia", "PT Sinar Teknologi", "PT Garuda Awan"]
SERVICES = ["pembayaran digital", "internet satelit", "telemedisin", "logistik berbasis aplikasi"]
TOLLS = ["Tol Cipularang", "Tol Jagorawi", "Tol Cikampek", "Tol Semarang-Solo", "Tol Palembang-Lampung"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


@dataclass
class Story:
    kind: str
    title: str
    section: str
    paragraphs: list[str]
    persons: list[str]


_SMALL_WORDS = {"dan", "di", "ke", "dari", "untuk", "yang", "atas", "dengan"}


def headline(text: str) -> str:
    """Indonesian headline case: capitalised words, small connectives kept lower."""
    words = text.split()
    return " ".join(w if i and w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _day(day_name: str, day: int, month: int) -> str:
    return f"{day_name} ({day}/{month})"


def make_story(kind: str, rng: random.Random, when: tuple[str, int, int]) -> Story:
    """One story of the given kind; `when` is (day name, day, month) for "Selasa (25/11)"."""
    story = _make_story(kind, rng, when)
    story.title = headline(story.title)
    return story


def _make_story(kind: str, rng: random.Random, when: tuple[str, int, int]) -> Story:
    d = _day(*when)
    p1, p2 = rng.sample(PERSONS, 2)
    if kind == "harga":
        item, city, moment = rng.choice(COMMODITIES), rng.choice(CITIES), rng.choice(MOMENTS)
        pct, price = rng.randint(6, 35), rng.randint(18, 95) * 1000
        title = f"Harga {item.title()} di {city} Naik {pct} Persen Jelang {moment}"
        paras = [
            f"Harga {item} di sejumlah pasar tradisional {city} naik sekitar {pct} persen dalam sepekan terakhir. "
            f"Pantauan di Pasar Induk {city} pada {d} menunjukkan harga {item} mencapai Rp{price:,} per kilogram.".replace(",", "."),
            f"{rng.choice(OFFICIALS)} {city}, {p1}, mengatakan kenaikan dipicu pasokan yang berkurang akibat cuaca. "
            f"\"Pasokan dari daerah sentra turun karena hujan deras, sementara permintaan menjelang {moment} meningkat,\" kata {p1.split()[0]}.",
            f"Pemerintah kota berencana menggelar operasi pasar di {rng.randint(4, 12)} titik untuk menahan laju harga. "
            f"Operasi pasar akan dimulai pekan depan bekerja sama dengan Perum Bulog dan badan usaha milik daerah.",
            f"Seorang pedagang, {p2}, mengaku omzetnya turun karena pembeli mengurangi belanja. "
            f"\"Biasanya pembeli ambil dua kilo, sekarang setengah kilo saja,\" ujarnya.",
        ]
        return Story(kind, title, "Ekonomi", paras, [p1, p2])
    if kind == "banjir":
        area, villages, people = rng.choice(REGENCIES), rng.randint(3, 19), rng.randint(120, 2400)
        title = f"Banjir Rendam {villages} Desa di {area}, {people} Warga Mengungsi"
        paras = [
            f"Banjir merendam {villages} desa di {area} setelah hujan deras mengguyur wilayah itu sejak {d} sore. "
            f"Ketinggian air di permukiman warga mencapai {rng.randint(40, 150)} sentimeter.",
            f"Kepala Pelaksana Badan Penanggulangan Bencana Daerah (BPBD) setempat, {p1}, menyebut {people} warga telah dievakuasi ke posko pengungsian. "
            f"\"Kami fokus pada keselamatan warga, terutama lansia dan anak-anak,\" kata {p1.split()[0]}.",
            f"Tim gabungan dari TNI, Polri, dan relawan mendirikan dapur umum serta menyalurkan bantuan logistik. "
            f"Sejumlah ruas jalan kabupaten tidak dapat dilalui kendaraan roda dua.",
            f"BMKG memperkirakan hujan dengan intensitas sedang hingga lebat masih akan terjadi dalam tiga hari ke depan, "
            f"sehingga warga di bantaran sungai diminta tetap waspada.",
        ]
        return Story(kind, title, "Daerah", paras, [p1])
    if kind == "kpk":
        official, region, project = rng.choice(OFFICIALS), rng.choice(CITIES), rng.choice(PROJECTS)
        title = f"KPK Periksa {official} {region} Terkait Dugaan Suap {project.title()}"
        paras = [
            f"Komisi Pemberantasan Korupsi (KPK) memeriksa {official} {region} sebagai saksi dalam perkara dugaan suap {project} pada {d}. "
            f"Pemeriksaan berlangsung di Gedung Merah Putih KPK, Jakarta.",
            f"Juru bicara KPK, {p1}, mengatakan penyidik mendalami proses penganggaran proyek senilai Rp{rng.randint(12, 240)} miliar tersebut. "
            f"\"Saksi hadir dan dimintai keterangan soal mekanisme lelang,\" ujar {p1.split()[0]}.",
            f"Dalam perkara ini KPK telah menetapkan {rng.randint(2, 6)} tersangka, termasuk pihak swasta yang diduga memberikan uang kepada penyelenggara negara.",
            f"Usai diperiksa, {official.lower()} tersebut enggan berkomentar banyak kepada wartawan dan menyerahkan sepenuhnya proses hukum kepada penyidik.",
        ]
        return Story(kind, title, "Hukum", paras, [p1])
    if kind == "bola":
        c1, c2 = rng.sample(CLUBS, 2)
        s1, s2 = rng.randint(1, 4), rng.randint(0, 2)
        title = f"{c1} Tundukkan {c2} {s1}-{s2} di Lanjutan Liga 1"
        paras = [
            f"{c1} meraih kemenangan {s1}-{s2} atas {c2} pada lanjutan Liga 1 yang digelar {d} malam. "
            f"Hasil ini membuat {c1} naik ke peringkat {rng.randint(2, 9)} klasemen sementara.",
            f"Gol pembuka dicetak pada menit ke-{rng.randint(5, 40)} lewat sundulan memanfaatkan umpan silang dari sisi kanan. "
            f"{c2} sempat menekan pada babak kedua, tetapi penyelesaian akhir mereka belum efektif.",
            f"Pelatih {c1}, {p1}, memuji disiplin para pemainnya. \"Anak-anak bermain sesuai rencana dan tidak mudah terpancing,\" katanya dalam jumpa pers seusai laga.",
            f"Sementara itu, pelatih {c2}, {p2}, mengakui timnya kurang beruntung dan berjanji melakukan evaluasi sebelum pertandingan berikutnya.",
        ]
        return Story(kind, title, "Olahraga", paras, [p1, p2])
    if kind == "ihsg":
        up = rng.random() < 0.5
        pct, level = rng.randint(11, 189) / 100, rng.randint(6900, 7900) + rng.randint(1, 99) / 100
        verb = "menguat" if up else "melemah"
        title = f"IHSG Ditutup {'Menguat' if up else 'Melemah'} {pct:.2f} Persen ke Level {level:.2f}".replace(".", ",")
        paras = [
            f"Indeks Harga Saham Gabungan (IHSG) ditutup {verb} {pct:.2f} persen ke level {level:.2f} pada perdagangan {d}.".replace(".", ",", 2),
            f"Sebanyak {rng.randint(210, 330)} saham naik, {rng.randint(190, 310)} saham turun, dan {rng.randint(150, 240)} saham stagnan. "
            f"Nilai transaksi mencapai Rp{rng.randint(8, 16)} triliun.",
            f"Analis pasar modal, {p1}, menilai pergerakan indeks dipengaruhi sentimen suku bunga global dan rilis data inflasi domestik. "
            f"\"Investor cenderung menunggu arah kebijakan Bank Indonesia,\" ujarnya.",
            f"Investor asing mencatat {'beli' if up else 'jual'} bersih sekitar Rp{rng.randint(100, 900)} miliar di seluruh pasar.",
        ]
        return Story(kind, title, "Ekonomi", paras, [p1])
    if kind == "diplomasi":
        country, issue = rng.choice(COUNTRIES), rng.choice(ISSUES)
        title = f"Indonesia dan {country} Sepakati Kerja Sama {issue.title()}"
        paras = [
            f"Pemerintah Indonesia dan {country} menandatangani nota kesepahaman kerja sama {issue} di Jakarta pada {d}. "
            f"Penandatanganan dilakukan usai pertemuan bilateral kedua menteri luar negeri.",
            f"Juru bicara Kementerian Luar Negeri, {p1}, mengatakan kesepakatan itu mencakup pertukaran tenaga ahli dan pendanaan bersama. "
            f"\"Ini tindak lanjut konkret dari pertemuan kepala negara awal tahun ini,\" kata {p1.split()[0]}.",
            f"Kedua negara juga membahas peningkatan nilai perdagangan yang tahun lalu mencapai {rng.randint(3, 19)} miliar dolar AS.",
            f"Kerja sama tersebut akan dievaluasi setiap tahun oleh kelompok kerja bersama yang dipimpin pejabat setingkat direktur jenderal.",
        ]
        return Story(kind, title, "Internasional", paras, [p1])
    if kind == "tol":
        toll, cars = rng.choice(TOLLS), rng.randint(3, 9)
        title = f"Kecelakaan Beruntun di {toll}, {cars} Kendaraan Terlibat"
        paras = [
            f"Kecelakaan beruntun melibatkan {cars} kendaraan terjadi di {toll} kilometer {rng.randint(12, 180)} pada {d} pagi. "
            f"Arus lalu lintas sempat tersendat hingga lima kilometer.",
            f"Kepala Satuan Lalu Lintas setempat, {p1}, menyebut kecelakaan diduga bermula dari truk yang mengalami rem blong. "
            f"\"Tidak ada korban jiwa, tiga orang luka ringan dan sudah dibawa ke rumah sakit,\" ujar {p1.split()[0]}.",
            f"Petugas melakukan rekayasa lalu lintas dengan sistem contraflow selama proses evakuasi kendaraan.",
            f"Pengelola jalan tol mengimbau pengemudi memastikan kondisi kendaraan prima dan beristirahat di rest area bila lelah.",
        ]
        return Story(kind, title, "Nasional", paras, [p1])
    if kind == "tekno":
        company, service, city = rng.choice(COMPANIES), rng.choice(SERVICES), rng.choice(CITIES)
        title = f"{company} Luncurkan Layanan {service.title()} di {city}"
        paras = [
            f"{company} meluncurkan layanan {service} di {city} pada {d}. "
            f"Layanan ini ditargetkan menjangkau {rng.randint(20, 300)} ribu pengguna pada tahun pertama.",
            f"Direktur Utama {company}, {p1}, mengatakan {city} dipilih karena pertumbuhan pengguna internet yang tinggi. "
            f"\"Kami melihat kebutuhan besar dari pelaku UMKM,\" ungkap {p1.split()[0]}.",
            f"Perusahaan menyiapkan investasi sekitar Rp{rng.randint(50, 900)} miliar untuk infrastruktur dan pelatihan talenta digital lokal.",
            f"Kementerian Komunikasi dan Digital menyambut baik peluncuran tersebut dan meminta perusahaan menjaga perlindungan data pribadi pengguna.",
        ]
        return Story(kind, title, "Teknologi", paras, [p1])
    if kind == "dbd":
        city, cases = rng.choice(CITIES), rng.randint(140, 980)
        title = f"Kasus DBD di {city} Capai {cases}, Dinkes Imbau Warga Lakukan 3M"
        paras = [
            f"Dinas Kesehatan {city} mencatat {cases} kasus demam berdarah dengue (DBD) sejak awal tahun hingga {d}. "
            f"Jumlah itu meningkat dibandingkan periode yang sama tahun lalu.",
            f"Kepala Dinas Kesehatan {city}, {p1}, meminta warga rutin menguras, menutup, dan mendaur ulang barang bekas. "
            f"\"Pencegahan paling efektif ada di rumah masing-masing,\" kata {p1.split()[0]}.",
            f"Petugas puskesmas juga melakukan pengasapan di {rng.randint(5, 30)} kelurahan dengan kasus tertinggi.",
            f"Warga yang mengalami demam tinggi lebih dari dua hari diminta segera memeriksakan diri ke fasilitas kesehatan terdekat.",
        ]
        return Story(kind, title, "Kesehatan", paras, [p1])
    if kind == "sekolah":
        n, city = rng.randint(120, 900), rng.choice(CITIES)
        title = f"Pemerintah Perbaiki {n} Gedung Sekolah Rusak di {city} dan Sekitarnya"
        paras = [
            f"Pemerintah memulai perbaikan {n} gedung sekolah rusak di {city} dan daerah sekitarnya pada {d}. "
            f"Program ini menyasar sekolah dasar dan menengah yang ruang kelasnya tidak layak pakai.",
            f"Pejabat kementerian, {p1}, mengatakan anggaran perbaikan berasal dari APBN dan dana alokasi khusus. "
            f"\"Targetnya selesai sebelum tahun ajaran baru,\" ujarnya.",
            f"Kepala sekolah setempat, {p2}, berharap perbaikan dilakukan tanpa mengganggu kegiatan belajar mengajar.",
            f"Selama perbaikan, sebagian siswa akan belajar di ruang kelas sementara yang disediakan pemerintah daerah.",
        ]
        return Story(kind, title, "Pendidikan", paras, [p1, p2])
    raise ValueError(f"unknown story kind {kind!r}")


KINDS = ["harga", "banjir", "kpk", "bola", "ihsg", "diplomasi", "tol", "tekno", "dbd", "sekolah"]
