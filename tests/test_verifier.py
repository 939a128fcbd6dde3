"""The learned near-duplicate verifier and what it stands on: Indonesian stems, canonical
numbers, days that a sketch full of figures keeps, rare-anchor candidates, stored weights
that training reproduces, and the evidence `--explain` gives.

The texts here are written for these tests (regression cases of each kind the
hand-written set in bench/syndication/ taught): a wire version, a machine translation
without figures, the next edition of a template story, one seller's prices against
another's on the same day."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from transforms.dedup import candidates, neardup, verifier, verifier_model
from transforms.dedup.features import FEATURES, pair_features
from transforms.dedup.fingerprint import DAYS_BELOW, PAD, fingerprints, fingerprints_raw
from transforms.dedup.stems import table
from transforms.dedup.tokens import numbers_of

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

QUAKE = ("Gempa M 5,4 Guncang Sumba Barat, Warga Panik",
         "Kupang - Gempa bumi bermagnitudo 5,4 mengguncang Kabupaten Sumba Barat, Nusa Tenggara Timur, pada Senin "
         "(9/11/2026) pukul 14.26 WITA. BMKG mencatat pusat gempa berada di laut 43 kilometer barat daya Waikabubak "
         "dengan kedalaman 17 kilometer.\nKepala Stasiun Geofisika Kupang, Margiono, mengatakan gempa dipicu aktivitas "
         "sesar naik di dasar laut. \"Gempa ini tidak berpotensi tsunami,\" kata Margiono.\nWarga di Waikabubak dan "
         "Lamboya sempat berhamburan keluar rumah. BPBD Sumba Barat mencatat 12 rumah rusak ringan dan satu sekolah "
         "retak pada dinding. Hingga pukul 15.30 WITA terjadi tiga gempa susulan.")
QUAKE_WIRE = ("Gempa M5,4 rusak 12 rumah di Sumba Barat",
              "Kupang (ANTARA) - Gempa magnitudo 5,4 yang mengguncang Sumba Barat, NTT, Senin pukul 14.26 WITA "
              "merusak 12 rumah dan satu sekolah, kata Kepala Stasiun Geofisika Kupang Margiono. Gempa tidak "
              "berpotensi tsunami.")
QUAKE_NEXT = ("Gempa M 4,1 Kembali Guncang Sumba Barat",
              "Kupang - Gempa bumi bermagnitudo 4,1 kembali mengguncang Kabupaten Sumba Barat, Nusa Tenggara Timur, "
              "pada Rabu (18/11/2026) pukul 09.12 WITA. BMKG mencatat pusat gempa berada di darat 8 kilometer timur "
              "Waikabubak dengan kedalaman 11 kilometer.\nKepala Stasiun Geofisika Kupang, Margiono, mengatakan gempa "
              "dipicu aktivitas sesar lokal. \"Gempa ini tidak berpotensi tsunami,\" kata Margiono.\nBPBD Sumba Barat "
              "belum menerima laporan kerusakan.")
APPEAL = ("Gubernur Minta Warga Jaga Kebersihan Sungai Jelang Musim Hujan",
          "Semarang - Gubernur Jawa Tengah Ahmad Luthfi meminta warga di bantaran sungai tidak membuang sampah ke "
          "aliran sungai menjelang puncak musim hujan. Ia juga meminta para bupati dan wali kota menggerakkan kerja "
          "bakti membersihkan saluran air di setiap kampung.\n\"Sampah yang menyumbat gorong-gorong membuat air "
          "meluap ke permukiman. Mari mulai dari lingkungan sendiri,\" kata Luthfi saat meninjau Kali Banjir Kanal "
          "Timur.\nLuthfi menambahkan, dinas lingkungan hidup akan menyediakan tempat sampah dan truk pengangkut di "
          "titik-titik rawan.")
APPEAL_TRANSLATED = ("Gubernur Meminta Masyarakat Menjaga Kebersihan dari Sungai Menjelang Musim Hujan",
                     "Pahami.id – Masyarakat yang tinggal di bantaran sungai diminta oleh Gubernur Jawa Tengah Ahmad "
                     "Luthfi supaya tidak membuang sampah mereka ke aliran dari sungai menjelang puncak dari musim "
                     "hujan.\n\"Sampah yang menyumbat gorong-gorong menyebabkan air meluap ke area permukiman. Mari "
                     "kita mulai dari lingkungan kita sendiri,\" ujar Luthfi ketika dia meninjau Kali Banjir Kanal "
                     "Timur.\nPara bupati serta wali kota juga diminta olehnya untuk menggerakkan kerja bakti guna "
                     "membersihkan saluran air pada setiap kampung, dan dinas lingkungan hidup akan menyediakan tempat "
                     "sampah serta truk pengangkut di titik-titik yang rawan.")
APPEAL_OTHER = ("Gubernur Minta Warga Waspadai Demam Berdarah Saat Musim Hujan",
                "Semarang - Gubernur Jawa Tengah Ahmad Luthfi meminta warga mewaspadai demam berdarah selama musim "
                "hujan. Ia meminta para bupati dan wali kota menggerakkan pemberantasan sarang nyamuk di setiap "
                "kampung.\n\"Jangan tunggu ada korban. Mari mulai dari rumah sendiri,\" kata Luthfi saat meninjau "
                "puskesmas di Kendal.")
PRICES = ("Harga Emas di Pegadaian Hari Ini, Kamis 26 November 2026",
          "Jakarta - Harga emas di Pegadaian pada Kamis (26/11/2026) terpantau naik. Emas Antam ukuran 1 gram dijual "
          "Rp 2.391.000 dan emas UBS Rp 2.301.000. Ukuran 5 gram dijual Rp 11.735.000 untuk Antam dan Rp 11.330.000 "
          "untuk UBS. Harga dapat berubah sewaktu-waktu.")
PRICES_OTHER_SELLER = ("Harga Emas di Galeri24 Hari Ini, Kamis 26 November 2026",
                       "Jakarta - Harga emas di Galeri24 pada Kamis (26/11/2026) terpantau naik. Emas Galeri24 ukuran "
                       "1 gram dijual Rp 2.256.000 dan emas Lotus Archi Rp 2.322.000. Ukuran 5 gram dijual "
                       "Rp 11.102.000 untuk Galeri24 dan Rp 11.430.000 untuk Lotus Archi. Harga dapat berubah "
                       "sewaktu-waktu.")


def clustered(*texts) -> list[int]:
    return neardup.cluster(fingerprints_raw(texts)).tolist()


def test_affixes_and_rewriters_synonyms_share_a_stem_and_function_words_have_none():
    stems = table()
    assert stems.stem("mengguncang") == stems.stem("guncangan") == stems.stem("diguncang")
    assert stems.stem("meningkat") == stems.stem("melonjak") == stems.stem("naik") is not None
    assert stems.stem("dibekuk") == stems.stem("menangkap") == "tangkap"
    for function_word in ("yang", "telah", "mengatakan", "ujarnya", "menuturkan", "12"):
        assert stems.stem(function_word) is None, function_word


def test_amounts_times_and_scores_canonical():
    numbers = numbers_of(["Rp 95.000 dan Rp95 ribu, pukul 07.42 dan 7.42, 2,41 dan 2.41, skor 2-0 dan 2-1"])
    h = numbers.hashes.tolist()
    assert h[0] == h[1] and h[2] == h[3] and h[4] == h[5]  # "95.000" = "95 ribu"; "07.42" = "7.42"; "2,41" = "2.41"
    assert h[6] != h[7]  # a score keeps its zero


def test_a_text_full_of_figures_keeps_its_days():
    figures = " ".join(f"Rp {k}.{k:03d}" for k in range(11, 60))
    prints = fingerprints([("IHSG", f"Pada Selasa (17/11/2026) harga: {figures}.")])
    row = prints.numbers[0]
    assert ((row < DAYS_BELOW) & (row != PAD)).sum() == 1  # the day, though 49 figures compete for 16 slots


def test_a_wire_version_is_a_candidate_through_its_rare_anchors_and_a_duplicate():
    prints = fingerprints_raw([QUAKE, QUAKE_WIRE])
    assert [0, 1] in candidates.anchor_pairs(prints).tolist()
    assert clustered(QUAKE, QUAKE_WIRE) == [0, 0]


def test_a_machine_translation_without_figures_clusters_and_the_same_governor_on_another_subject_does_not():
    assert clustered(APPEAL, APPEAL_TRANSLATED, APPEAL_OTHER) == [0, 0, 2]


def test_the_next_quake_in_one_regency_and_another_sellers_prices_of_the_day_stay_apart():
    assert clustered(QUAKE, QUAKE_NEXT) == [0, 1]
    assert clustered(PRICES, PRICES_OTHER_SELLER) == [0, 1]


def test_agreement_never_counts_against_a_pair_nor_disagreement_for_it():
    from train_verifier import SIGNS

    for name, sign in SIGNS.items():
        assert sign * verifier_model.WEIGHTS[name] >= 0, name
    assert set(verifier_model.WEIGHTS) == set(FEATURES) and tuple(verifier_model.FEATURES) == FEATURES


def test_stored_weights_are_what_training_gives():
    run = subprocess.run([sys.executable, "bench/train_verifier.py", "--check"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_test_split_of_the_hand_written_set():
    """The stories the verifier never saw, as a regression guard on what it scored when it
    was trained: precision 1.0, 16 of 17 duplicates (a commentary rewrite without figures
    is missed; the issue's bar, recall 0.95, is not met: see bench/dedupe.py)."""
    import dedupe
    import syndication_set

    pairs = syndication_set.pairs("test")
    precision, recall = dedupe.pairwise(pairs, quiet=True)
    assert precision == 1.0 and recall * sum(p["label"] for p in pairs) >= 16 - 1e-9
    assert {s["split"] for s in syndication_set.stories()} == {"train", "test"}
    train, test = ({s["story"] for s in syndication_set.stories(split)} for split in ("train", "test"))
    assert not train & test


def test_explain_gives_each_features_value_and_contribution():
    prints = fingerprints_raw([APPEAL, APPEAL_TRANSLATED])
    evidence = verifier.explain(prints, 1, 0)
    assert evidence.duplicate and evidence.probability >= verifier_model.THRESHOLD
    assert set(evidence.features) == set(FEATURES) == set(evidence.contributions)
    assert abs(sum(evidence.contributions.values()) + verifier_model.BIAS
               - np.log(evidence.probability / (1 - evidence.probability))) < 1e-6
    assert evidence.features == dict(zip(FEATURES, pair_features(prints, np.array([[1, 0]]))[0]))


def test_cluster_texts_explain(tmp_path):
    items = [{"id": "asal", "title": APPEAL[0], "text": APPEAL[1], "published_at": "2026-11-25T10:00:00+07:00"},
             {"id": "terjemahan", "title": APPEAL_TRANSLATED[0], "text": APPEAL_TRANSLATED[1],
              "published_at": "2026-11-25T14:00:00+07:00"},
             {"id": "lain", "title": APPEAL_OTHER[0], "text": APPEAL_OTHER[1], "published_at": "2026-11-27T10:00:00+07:00"}]
    path = tmp_path / "texts.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in items) + "\n")
    run = subprocess.run([sys.executable, "-m", "flows.cli", "cluster-texts", str(path), "--explain", "terjemahan"],
                         cwd=REPO, capture_output=True, text=True, check=True)
    [member] = [json.loads(line) for line in run.stdout.splitlines()]
    assert member["id"] == "terjemahan" and member["joined"] == "asal" and member["duplicate"]
    assert [e["feature"] for e in member["evidence"]][0] in FEATURES
    missing = subprocess.run([sys.executable, "-m", "flows.cli", "cluster-texts", str(path), "--explain", "nope"],
                             cwd=REPO, capture_output=True, text=True)
    assert missing.returncode == 2 and "no item has id 'nope'" in missing.stderr


@pytest.mark.parametrize("field", ["signatures", "names", "numbers", "stems", "title", "counts"])
def test_every_fingerprint_part_is_the_same_alone_and_in_a_batch(field):
    texts = [QUAKE, ("", ""), APPEAL, PRICES]
    together = fingerprints(texts)
    for i, text in enumerate(texts):
        assert (getattr(fingerprints([text]), field)[0] == getattr(together, field)[i]).all(), i


def test_the_two_stage_verifier_decides_as_the_model_does_on_all_features():
    import syndication_set

    texts = [(t["title"], t["text"]) for s in syndication_set.stories() for t in s["texts"].values()]
    prints = fingerprints_raw(texts + [QUAKE, QUAKE_WIRE, QUAKE_NEXT, APPEAL, APPEAL_TRANSLATED, PRICES])
    pairs = np.array([(i, j) for i in range(len(prints)) for j in range(i + 1, len(prints))])
    one_stage = verifier.probability(pair_features(prints, pairs)) >= verifier_model.THRESHOLD
    assert (verifier.is_duplicate(prints, pairs) == one_stage).all() and one_stage.sum() >= 20
