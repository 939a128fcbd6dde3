"""Near-duplicate fingerprints and clusters on real-shaped Indonesian texts."""
import json
import subprocess
import sys
from datetime import datetime, timezone

import numpy as np

from conftest import REPO
from transforms import neardup

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
    labels = neardup.cluster([neardup.fingerprint("KPK Periksa Wali Kota", STORY),
                              neardup.fingerprint("KPK Periksa Wali Kota - Tribunnews.com", copy),
                              neardup.fingerprint("KPK Periksa Wali Kota", OTHER)])
    assert labels.tolist() == [0, 0, 2]


def test_story_numbers_are_kept_whole_and_common_ones_dropped():
    names, numbers = neardup.anchors_of("Pada Selasa (24/11/2026) KPK menyita Rp2,5 miliar dari 3 lokasi sejak 2025, "
                                        "skor akhir 3-2, 18.000 orang.")
    # the report date, the year and a single digit are shared by too many stories
    assert numbers == ["2,5", "3-2", "18.000"] and "kpk" in names and "selasa" not in names


def test_earliest_member_represents_the_cluster():
    t = [datetime(2026, 11, 25, h, tzinfo=timezone.utc) for h in (9, 7)]
    labels = neardup.cluster([neardup.fingerprint("a", STORY), neardup.fingerprint("b", STORY)], t)
    assert labels.tolist() == [1, 1]


def test_empty_texts_never_merge():
    labels = neardup.cluster([neardup.fingerprint("", ""), neardup.fingerprint("", ""), neardup.fingerprint("x", STORY)])
    assert len(set(labels.tolist())) == 3


def test_candidate_search_is_linear_in_a_big_bucket():
    same = np.tile(neardup.fingerprint("a", STORY).signature, (500, 1))
    assert len(neardup.candidate_pairs(same)) <= 2 * 500


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
