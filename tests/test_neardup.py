"""Near-duplicate fingerprints and clusters on real-shaped Indonesian texts."""
import json
import subprocess
import sys
from datetime import datetime, timezone

import numpy as np

from conftest import REPO
from transforms import neardup
from transforms.fingerprint import PAD, anchors_of, fingerprints

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
    # the report date, the year and a single digit are shared by too many stories
    assert numbers == ["2,5", "3-2", "18.000"] and "kpk" in names and "selasa" not in names


def test_earliest_member_represents_the_cluster():
    t = [datetime(2026, 11, 25, h, tzinfo=timezone.utc) for h in (9, 7)]
    labels = neardup.cluster(fingerprints([("a", STORY), ("b", STORY)]), t)
    assert labels.tolist() == [1, 1]


def test_empty_texts_never_merge():
    labels = neardup.cluster(fingerprints([("", ""), ("", ""), ("x", STORY)]))
    assert len(set(labels.tolist())) == 3


def test_candidate_search_is_linear_in_a_big_bucket():
    same = np.tile(fingerprints([("a", STORY)]).signatures[0], (500, 1))
    assert len(neardup.candidate_pairs(same)) <= neardup.NEIGHBOURS * 500


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
    # whole numbers as written; single digits, years and the report date "(24/11)" are out
    assert numbers == ["1,5", "12", "2,5", "3-2"]


def test_numbers_match_across_separator_conventions():
    one, two = fingerprints([("", "Nilainya Rp18.000 atau 2,5 persen."), ("", "Nilainya Rp18,000 atau 2.5 persen.")]).numbers
    assert (one == two).all() and (one != PAD).sum() == 2
