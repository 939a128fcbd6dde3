"""Article rows as kabar writes them, with realistic bodies (Indonesian words, 250–700 of
them, each body distinct), for the writer and lake figures of bench/throughput.py."""
from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta, timezone

from transforms.urls import article_id

WORDS = ("pemerintah presiden menteri rakyat jakarta provinsi kabupaten kota warga polisi kejaksaan pengadilan "
         "ekonomi harga beras cabai rupiah inflasi bank indonesia bursa saham investor pasar tradisional "
         "banjir gempa bumi magnitudo bmkg hujan deras longsor evakuasi korban bantuan sosial sekolah guru "
         "siswa universitas mahasiswa rumah sakit dokter pasien vaksin kesehatan jalan tol kereta bandara "
         "pesawat kapal pelabuhan nelayan petani panen pupuk desa kepala daerah gubernur bupati wali dewan "
         "perwakilan partai pemilu suara calon kampanye debat tim sepak bola liga pertandingan gol pelatih "
         "pemain juara turnamen festival budaya musik film pariwisata hotel wisatawan pantai gunung hutan "
         "lingkungan sampah sungai air bersih listrik energi minyak gas tambang batu bara nikel ekspor impor "
         "yang dan di ke dari untuk dengan pada dalam itu ini tersebut akan telah sudah belum masih juga "
         "mengatakan menjelaskan menurut kata ujar tegas saat kepada para sejumlah beberapa seluruh").split()
SOURCES = ("detik", "kompas", "cnnindonesia", "tempo", "antaranews", "tribunnews", "liputan6", "okezone")
WIB = timezone(timedelta(hours=7))


class Bodies:
    """Distinct bodies from a pool of generated sentences (fast enough for a million rows)."""

    def __init__(self, seed: int = 7, pool: int = 5000):
        self.rng = random.Random(seed)
        self.sentences = [" ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(8, 20))).capitalize() + "."
                          for _ in range(pool)]

    def __call__(self, serial: int) -> str:
        picked = self.rng.choices(self.sentences, k=self.rng.randint(12, 36))
        paragraphs = [" ".join(picked[i:i + 3]) for i in range(0, len(picked), 3)]
        return "\n".join(paragraphs + [f"Laporan nomor {serial}."])  # every body distinct


def day_rows(source: str, day: date, count: int, serial: int, bodies: Bodies) -> list[dict]:
    """`count` articles of one source published on one day, numbered from `serial`."""
    rng, rows = bodies.rng, []
    fetched = datetime(2026, 12, 1, tzinfo=timezone.utc)
    for i in range(serial, serial + count):
        published = datetime(day.year, day.month, day.day, 6, tzinfo=WIB) + timedelta(seconds=rng.randint(0, 60_000))
        url = f"https://www.{source}.example.id/berita/{day:%Y/%m/%d}/{i}/judul-berita-{i}"
        body = bodies(i)  # content_hash below has the real one's shape, hashed without folding (faster)
        rows.append({
            "article_id": article_id(url), "url": url, "source": source, "title": f"Judul berita nomor {i}",
            "authors": ["Penulis Satu"], "editor": None, "published_at": published.astimezone(timezone.utc),
            "published_from": "json-ld", "updated_at": None, "fetched_at": fetched, "section": "nasional",
            "category": "politics", "tags": ["berita"], "language": "id", "body": body,
            "word_count": len(body.split()), "dateline": "Jakarta", "desk_codes": [], "attribution": None,
            "image_url": None, "content_hash": hashlib.sha256(body.encode()).hexdigest(), "duplicate_of": None,
            "simhash": int(hashlib.sha256(body.encode()).hexdigest()[:16], 16), "discovered_via": "index:bench",
            "extractor_version": "bench", "category_from": "section", "places": ["Jakarta"], "organizations": [],
            "persons": [], "keywords": [], "run_id": "bench", "published_date": day,
        })
    return rows


def article_rows(n: int, sources: int = 4, days: int = 1, first_day: date = date(2025, 1, 1),
                 seed: int = 7) -> list[dict]:
    """`n` rows spread evenly over `sources` sources and `days` days, source by source and
    day by day (the order a backfill writes them in)."""
    bodies, rows = Bodies(seed), []
    parts = [(SOURCES[s % len(SOURCES)], first_day + timedelta(days=d)) for s in range(sources) for d in range(days)]
    for k, (source, day) in enumerate(parts):
        count = n * (k + 1) // len(parts) - n * k // len(parts)
        rows += day_rows(source, day, count, len(rows), bodies)
    return rows
