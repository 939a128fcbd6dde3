"""Near-duplicate fingerprints and clusters on real-shaped Indonesian texts."""
import json
import subprocess
import sys
from datetime import datetime, timezone

import numpy as np

from conftest import REPO
from transforms.dedup import candidates, neardup
from transforms.dedup.fingerprint import PAD, anchors_of, fingerprints

STORY = ("Komisi Pemberantasan Korupsi (KPK) memeriksa Wali Kota Balikpapan sebagai saksi dalam perkara dugaan suap "
         "proyek irigasi pada Rabu (25/11). Pemeriksaan berlangsung di Gedung Merah Putih KPK, Jakarta.\n"
         "Juru bicara KPK, Lina Marpaung, mengatakan penyidik mendalami penganggaran proyek senilai Rp138 miliar. "
         "\"Saksi hadir dan dimintai keterangan soal mekanisme lelang,\" ujar Lina.\n"
         "Dalam perkara ini KPK telah menetapkan 4 tersangka, termasuk pihak swasta yang diduga memberikan uang "
         "kepada penyelenggara negara sebanyak 12 kali sepanjang 2025.")
OTHER = (STORY.replace("Balikpapan", "Kupang").replace("irigasi", "pasar").replace("Rp138", "Rp240")
         .replace("Lina Marpaung", "Budi Santoso").replace("Lina.", "Budi.").replace("4 tersangka", "6 tersangka")
         .replace("12 kali", "7 kali"))


def test_a_syndicated_copy_clusters_and_a_same_template_story_does_not():
    copy = "TRIBUNNEWS.COM, JAKARTA - " + STORY + "\nArtikel ini telah tayang di Antaranews.com"
    labels = neardup.cluster(fingerprints([("KPK Periksa Wali Kota", STORY), ("KPK Periksa Wali Kota - Tribunnews.com", copy),
                                           ("KPK Periksa Wali Kota", OTHER)]))
    assert labels.tolist() == [0, 0, 2]


def test_story_numbers_are_kept_whole_and_common_ones_dropped():
    names, numbers = anchors_of("Pada Selasa (24/11/2026) KPK menyita Rp2,5 miliar dari 3 lokasi sejak 2025, "
                                        "skor akhir 3-2, 18.000 orang.")
    # the year and a single digit are shared by too many stories; the day is kept
    assert numbers == ["24/11/2026", "2,5", "3-2", "18.000"] and "kpk" in names and "selasa" not in names


def test_earliest_member_represents_the_cluster():
    t = [datetime(2026, 11, 25, h, tzinfo=timezone.utc) for h in (9, 7)]
    labels = neardup.cluster(fingerprints([("a", STORY), ("b", STORY)]), t)
    assert labels.tolist() == [1, 1]


def test_empty_texts_never_merge():
    labels = neardup.cluster(fingerprints([("", ""), ("", ""), ("x", STORY)]))
    assert len(set(labels.tolist())) == 3


def test_candidate_search_is_linear_in_a_big_bucket():
    same = np.tile(fingerprints([("a", STORY)]).signatures[0], (500, 1))
    assert len(candidates.band_pairs(same)) <= candidates.NEIGHBOURS * 500


def test_cluster_texts_command(tmp_path):
    lines = [{"id": "x", "title": "KPK", "text": STORY, "published_at": "2026-11-25T10:00:00+07:00", "source": "a"},
             {"id": "y", "title": "KPK", "text": OTHER, "published_at": "2026-11-25T11:00:00+07:00", "source": "b"},
             {"id": "z", "title": "KPK", "text": STORY, "published_at": "2026-11-25T09:00:00+07:00", "source": "c"}]
    path = tmp_path / "texts.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    out = subprocess.run([sys.executable, "-m", "flows.cli", "cluster-texts", str(path)], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    assert [json.loads(line) for line in out.splitlines()] == [
        {"id": "x", "cluster_id": "z"}, {"id": "y", "cluster_id": "y"}, {"id": "z", "cluster_id": "z"}]


def test_a_text_fingerprints_alike_alone_and_in_any_batch():
    texts = [("KPK Periksa Wali Kota", STORY), ("", ""), ("Judul", "dua kata"), ("Banjir", OTHER), ("x", "“Kami siap,” kata Budi.")]
    together = fingerprints(texts)
    for i, text in enumerate(texts):
        alone = fingerprints([text])
        for part in ("signatures", "names", "numbers", "counts"):
            assert (getattr(alone, part)[0] == getattr(together, part)[i]).all(), (i, part)


def test_word_and_number_rules():
    text = ("“Kami siap,” kata Budi Santoso di Jakarta. DPR menyetujui anggaran Rp1,5 triliun—naik 12%. "
            "Menurut BI, inflasi 2,5 persen pada 2025; skor 3 - 2 dan 3-2 (24/11).\nPresiden Prabowo hadir.")
    names, numbers = anchors_of(text)
    # "Kami", "Menurut", "Presiden" open sentences; "DPR" does but is an acronym; Jakarta is too common
    assert names == ["budi", "santoso", "dpr", "bi", "prabowo"]
    # whole numbers as written, days as "24/11"; single digits and years are out
    assert numbers == ["1,5", "12", "2,5", "3-2", "24/11"]


def test_numbers_match_across_separator_conventions():
    one, two = fingerprints([("", "Selasa (24/11/2026) nilainya Rp18.000 atau 2,5 persen."),
                             ("", "Selasa (24/11) nilainya Rp18,000 atau 2.5 persen.")]).numbers
    assert (one == two).all() and (one != PAD).sum() == 3  # a day is its day and month, the year aside


CALL = ("Menteri Luar Negeri Rusia Sergei Lavrov dan Menteri Luar Negeri Amerika Serikat Marco Rubio sepakat menghapus "
        "hambatan hubungan kedua negara dalam percakapan telepon pada Sabtu (15/2). Lavrov dan Rubio juga membahas "
        "situasi di Ukraina, Palestina dan Timur Tengah.\nSebelumnya Presiden AS Donald Trump menelepon Presiden Rusia "
        "Vladimir Putin pada Rabu (12/2). Kremlin menyebut pembicaraan itu langkah awal. Uni Eropa, NATO dan Kyiv "
        "menunggu hasilnya, sementara Beijing dan Ankara menyatakan siap membantu.")
CALL_TRANSLATED = ("Menlu Rusia Sergei Lavrov dan Menlu Amerika Serikat Marco Rubio mengatakan ingin memberantas rintangan "
                   "antara dua negara itu, dalam panggilan telepon hari Sabtu (15/2). Dalam komunikasi ini Lavrov dan Rubio "
                   "turut membicarakan keadaan di Ukraina, Palestina serta Timur Tengah.\nPada hari Rabu (12/2), presiden AS "
                   "Donald Trump memanggil presiden Rusia Vladimir Putin. Menurut Kremlin percakapan tersebut merupakan "
                   "langkah pertama. Uni Eropa, NATO serta Kyiv menanti hasilnya, dan Beijing serta Ankara mengaku siap "
                   "menolong.")
CALL_NEXT_WEEK = CALL.replace("(15/2)", "(22/2)").replace("(12/2)", "(19/2)")
# the same event the same day, written by another outlet: all the names, its own words
CALL_OWN_WORDS = ("Rusia dan Amerika Serikat membuka jalan bagi normalisasi hubungan. Sergei Lavrov, yang memimpin "
                  "diplomasi Rusia, berbicara dengan Marco Rubio lewat telepon pada Sabtu (15/2) untuk membahas Ukraina. "
                  "Menurut Kremlin, Donald Trump dan Vladimir Putin telah berbicara pada Rabu (12/2) dan sepakat memulai "
                  "perundingan.\nDi Kyiv, pemerintah Ukraina meminta dilibatkan. Uni Eropa dan NATO mengingatkan agar "
                  "Palestina dan Timur Tengah tidak dilupakan, sementara Beijing dan Ankara menawarkan diri sebagai "
                  "penengah. Amerika Serikat belum menjelaskan jadwal perundingan.")


def test_a_translated_story_without_figures_clusters_and_another_week_or_writer_does_not():
    labels = neardup.cluster(fingerprints([("Lavrov dan Rubio", CALL), ("Lavrov dan Rubio", CALL_TRANSLATED),
                                           ("Lavrov dan Rubio", CALL_NEXT_WEEK), ("Rusia dan AS", CALL_OWN_WORDS)]))
    assert labels.tolist() == [0, 0, 2, 3]


def test_a_day_is_one_number_however_it_is_written():
    one, two = fingerprints([("", "Selasa (24/11/2026) nilainya Rp18.000."), ("", "Selasa, 24 November 2026, nilainya Rp18.000.")]).numbers
    assert (one == two).all() and (one != PAD).sum() == 2
