"""Stories of real-looking variety for the wide mirror: not one template per kind.

`make_story` (stories.py) gives one fixed four-paragraph shape per kind. Here a story is
drawn from more kinds and then reshaped the ways real desks differ: a lead in one of
several wordings, background and reaction paragraphs drawn from the section's pool, the
body paragraphs reordered, a paragraph split or two merged, a short brief of two
paragraphs or a long piece of nine, and the quote verb varied. Nothing here is a real
event. The committed mirror keeps `make_story` (its pages are fixtures byte for byte).
"""
from __future__ import annotations

import random

from tools.mirror.stories import CITIES, KINDS, PERSONS, REGENCIES, Story, headline, make_story

QUOTE_VERBS = ["kata", "ujar", "ungkap", "jelas", "tutur", "tambah", "tegas", "sebut"]
PROVINCES = ["Jawa Barat", "Jawa Tengah", "Sulawesi Selatan", "Sumatera Utara", "Kalimantan Timur",
             "Nusa Tenggara Timur", "Papua", "Bali", "Riau", "Lampung"]


def _quoted(rng: random.Random, text: str, who: str) -> str:
    return f"\"{text},\" {rng.choice(QUOTE_VERBS)} {who.split()[0]}."


def _gempa(rng: random.Random, d: str) -> Story:
    area, mag, depth = rng.choice(REGENCIES), rng.randint(41, 68) / 10, rng.randint(8, 120)
    p1 = rng.choice(PERSONS)
    title = f"Gempa Magnitudo {mag:.1f} Guncang {area}, Warga Berhamburan Keluar Rumah".replace(".", ",", 1)
    lead = rng.choice([
        f"Gempa bermagnitudo {mag:.1f} mengguncang {area} pada {d} dini hari dengan kedalaman {depth} kilometer.",
        f"Warga {area} dikejutkan gempa berkekuatan {mag:.1f} pada {d}. Pusat gempa berada di kedalaman {depth} kilometer.",
    ]).replace(".", ",", 1)
    paras = [lead,
             f"Kepala Stasiun Geofisika BMKG setempat, {p1}, menyebut gempa tidak berpotensi tsunami. "
             + _quoted(rng, "Masyarakat diimbau tetap tenang dan tidak terpancing isu yang tidak dapat dipertanggungjawabkan", p1),
             f"Hingga sore hari tercatat {rng.randint(2, 14)} gempa susulan dengan magnitudo lebih kecil.",
             f"BPBD masih mendata kerusakan. Sedikitnya {rng.randint(3, 60)} rumah dilaporkan retak di bagian dinding."]
    return Story("gempa", title, "Daerah", paras, [p1])


def _pilkada(rng: random.Random, d: str) -> Story:
    prov, p1, p2 = rng.choice(PROVINCES), *rng.sample(PERSONS, 2)
    voters = rng.randint(2, 38) * 100_000 + rng.randint(1, 99_999)
    title = f"KPU {prov} Tetapkan {voters:,} Pemilih untuk Pemungutan Suara Ulang".replace(",", ".")
    paras = [f"Komisi Pemilihan Umum (KPU) {prov} menetapkan daftar pemilih tetap sebanyak {voters:,} orang dalam rapat pleno "
             f"terbuka pada {d}.".replace(",", "."),
             f"Ketua KPU {prov}, {p1}, mengatakan jumlah itu sudah melalui pencocokan dan penelitian di seluruh kabupaten. "
             + _quoted(rng, "Kami membuka ruang bagi warga yang belum terdaftar untuk melapor", p1),
             f"Badan Pengawas Pemilu mencatat {rng.randint(3, 40)} catatan perbaikan data, sebagian besar terkait pemilih ganda.",
             f"Anggota Bawaslu, {p2}, meminta partai politik ikut memantau proses rekapitulasi di tingkat kecamatan."]
    return Story("pilkada", title, "Nasional", paras, [p1, p2])


def _kebakaran(rng: random.Random, d: str) -> Story:
    city, houses, units = rng.choice(CITIES), rng.randint(4, 45), rng.randint(6, 30)
    p1 = rng.choice(PERSONS)
    title = f"{houses} Rumah Hangus Terbakar di Permukiman Padat {city}"
    paras = [f"Sebanyak {houses} rumah di permukiman padat penduduk di {city} hangus terbakar pada {d} sekitar pukul "
             f"{rng.randint(1, 4):02d}.{rng.randint(0, 59):02d} WIB.",
             f"Sebanyak {units} unit mobil pemadam dikerahkan untuk memadamkan api yang merembet cepat karena angin kencang.",
             f"Kepala Dinas Pemadam Kebakaran {city}, {p1}, menduga api berasal dari korsleting listrik. "
             + _quoted(rng, "Tidak ada korban jiwa, tetapi kerugian ditaksir ratusan juta rupiah", p1),
             "Para korban untuk sementara menumpang di rumah kerabat dan balai warga terdekat."]
    return Story("kebakaran", title, "Daerah", paras, [p1])


def _panen(rng: random.Random, d: str) -> Story:
    area, tons, ha = rng.choice(REGENCIES), rng.randint(4, 9) + rng.randint(1, 9) / 10, rng.randint(800, 9000)
    p1, p2 = rng.sample(PERSONS, 2)
    title = f"Panen Raya Padi di {area}, Produktivitas Capai {tons:.1f} Ton per Hektare".replace(".", ",", 1)
    paras = [f"Petani di {area} memulai panen raya padi di lahan seluas {ha:,} hektare pada {d}.".replace(",", "."),
             f"Kepala Dinas Pertanian setempat, {p1}, menyebut produktivitas tahun ini mencapai {tons:.1f} ton gabah kering "
             f"panen per hektare.".replace(".", ",", 1),
             f"Seorang petani, {p2}, berharap harga gabah tidak anjlok saat panen. "
             + _quoted(rng, "Kalau harga turun terus, biaya pupuk saja tidak tertutup", p2),
             "Perum Bulog menyatakan siap menyerap gabah petani sesuai harga pembelian pemerintah."]
    return Story("panen", title, "Ekonomi", paras, [p1, p2])


def _narkoba(rng: random.Random, d: str) -> Story:
    city, grams, suspects = rng.choice(CITIES), rng.randint(12, 980), rng.randint(2, 7)
    p1 = rng.choice(PERSONS)
    title = f"Polisi Bongkar Peredaran Sabu {grams} Gram di {city}, {suspects} Tersangka Ditangkap"
    paras = [f"Satuan Reserse Narkoba Polres {city} membongkar jaringan peredaran sabu seberat {grams} gram dan menangkap "
             f"{suspects} tersangka pada {d}.",
             f"Kasat Resnarkoba, {p1}, menjelaskan pengungkapan berawal dari laporan warga tentang transaksi di sebuah rumah kos. "
             + _quoted(rng, "Barang diduga dikirim dari luar daerah melalui jasa ekspedisi", p1),
             f"Para tersangka dijerat pasal dalam Undang-Undang Narkotika dengan ancaman hukuman maksimal {rng.choice([12, 15, 20])} tahun penjara."]
    return Story("narkoba", title, "Hukum", paras, [p1])


def _cuaca(rng: random.Random, d: str) -> Story:
    prov, p1 = rng.choice(PROVINCES), rng.choice(PERSONS)
    title = f"BMKG Peringatkan Cuaca Ekstrem di {prov} Sepekan ke Depan"
    paras = [f"Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) mengeluarkan peringatan dini cuaca ekstrem untuk wilayah "
             f"{prov} mulai {d}.",
             f"Prakirawan BMKG, {p1}, mengatakan hujan lebat disertai angin kencang berpotensi terjadi pada sore hingga malam hari. "
             + _quoted(rng, "Warga di daerah rawan longsor sebaiknya meningkatkan kewaspadaan", p1),
             f"Gelombang laut setinggi {rng.randint(2, 4)} hingga {rng.randint(5, 6)} meter juga diperkirakan terjadi di perairan selatan."]
    return Story("cuaca", title, "Nasional", paras, [p1])


def _mudik(rng: random.Random, d: str) -> Story:
    city, trips, p1 = rng.choice(CITIES), rng.randint(12, 96), rng.choice(PERSONS)
    title = f"PT KAI Tambah {trips} Perjalanan Kereta dari {city} Selama Libur Akhir Tahun"
    paras = [f"PT Kereta Api Indonesia (Persero) menambah {trips} perjalanan kereta dari {city} untuk mengantisipasi lonjakan "
             f"penumpang libur akhir tahun, seperti diumumkan pada {d}.",
             f"Manajer Humas KAI setempat, {p1}, menyebut tiket untuk tanggal favorit sudah terjual lebih dari "
             f"{rng.randint(60, 95)} persen. " + _quoted(rng, "Kami sarankan penumpang memesan jauh hari", p1),
             "Penumpang diminta datang ke stasiun paling lambat satu jam sebelum keberangkatan.",
             f"Selain kereta reguler, KAI juga menyiapkan {rng.randint(2, 8)} kereta tambahan kelas ekonomi."]
    return Story("mudik", title, "Nasional", paras, [p1])


def _wisata(rng: random.Random, d: str) -> Story:
    city, visitors, p1 = rng.choice(CITIES), rng.randint(8, 90) * 1000, rng.choice(PERSONS)
    title = f"Kunjungan Wisatawan ke {city} Naik, Hotel Penuh Jelang Akhir Pekan"
    paras = [f"Jumlah wisatawan yang berkunjung ke {city} meningkat tajam menjelang akhir pekan. Dinas Pariwisata mencatat "
             f"{visitors:,} kunjungan hingga {d}.".replace(",", "."),
             f"Ketua Perhimpunan Hotel dan Restoran setempat, {p1}, mengatakan tingkat hunian hotel rata-rata sudah di atas "
             f"{rng.randint(70, 98)} persen. " + _quoted(rng, "Kamar untuk malam Minggu hampir habis di semua kelas", p1),
             "Pemerintah daerah menyiapkan kantong parkir tambahan dan petugas di kawasan wisata utama."]
    return Story("wisata", title, "Daerah", paras, [p1])


EXTRA_KINDS = {"gempa": _gempa, "pilkada": _pilkada, "kebakaran": _kebakaran, "panen": _panen, "narkoba": _narkoba,
               "cuaca": _cuaca, "mudik": _mudik, "wisata": _wisata}
ALL_KINDS = KINDS + list(EXTRA_KINDS)

# Paragraphs a desk adds around the core of a story: background, reaction, what comes next.
POOL = [
    "Persoalan serupa pernah terjadi pada tahun lalu dan sempat menjadi perhatian pemerintah pusat.",
    "Sejumlah warga yang ditemui mengaku belum mendapat informasi resmi mengenai langkah lanjutan.",
    "Pemerintah daerah berjanji menyampaikan perkembangan terbaru secara berkala melalui kanal resmi.",
    "Pengamat kebijakan publik dari sebuah universitas negeri menilai koordinasi antarlembaga perlu diperbaiki.",
    "Anggota DPRD setempat meminta eksekutif memaparkan rencana penanganan dalam rapat kerja pekan depan.",
    "Data tersebut akan diperbarui setelah seluruh laporan dari kecamatan diterima.",
    "Di media sosial, topik ini ramai dibicarakan warganet sejak pagi.",
    "Langkah itu disebut sebagai bagian dari program prioritas tahun anggaran berjalan.",
    "Hingga berita ini diturunkan, pihak terkait belum memberikan tanggapan resmi.",
    "Kegiatan serupa direncanakan digelar di {n} kabupaten dan kota lain hingga akhir tahun.",
    "Menurut catatan redaksi, angka itu merupakan yang tertinggi dalam {n} tahun terakhir.",
    "Warga berharap persoalan ini tidak terulang pada musim berikutnya.",
]


def make_varied_story(rng: random.Random, when: tuple[str, int, int]) -> Story:
    """One story of any kind, reshaped: its length, order, paragraphing and wording drawn."""
    kind = rng.choice(ALL_KINDS)
    if kind in EXTRA_KINDS:
        day_name, day, month = when
        story = EXTRA_KINDS[kind](rng, f"{day_name} ({day}/{month})")
        story.title = headline(story.title)
    else:
        story = make_story(kind, rng, when)
    lead, rest = story.paragraphs[0], story.paragraphs[1:]
    shape = rng.choice(["brief", "plain", "plain", "long"])
    if shape == "brief":
        rest = rest[:1]
    else:
        extra = [s.format(n=rng.randint(3, 12)) for s in rng.sample(POOL, 2 if shape == "plain" else 5)]
        rest = rest + extra
        rng.shuffle(rest)
    rest = _reparagraph(rest, rng)
    story.paragraphs = [_vary_verbs(p, rng) for p in [lead] + rest]
    return story


def _reparagraph(paras: list[str], rng: random.Random) -> list[str]:
    """Split one paragraph at a sentence end, or merge two, as desks do."""
    if len(paras) >= 3 and rng.random() < 0.4:
        i = rng.randrange(len(paras) - 1)
        return paras[:i] + [paras[i] + " " + paras[i + 1]] + paras[i + 2:]
    for i, p in enumerate(paras):
        cut = p.find(". ", len(p) // 3)
        if cut > 0 and rng.random() < 0.4 and '"' not in p[:cut]:
            return paras[:i] + [p[:cut + 1], p[cut + 2:]] + paras[i + 1:]
    return paras


def _vary_verbs(paragraph: str, rng: random.Random) -> str:
    for verb in ("kata", "ujar", "ungkap"):
        needle = f",\" {verb} "
        if needle in paragraph:
            return paragraph.replace(needle, f",\" {rng.choice(QUOTE_VERBS)} ", 1)
    return paragraph
