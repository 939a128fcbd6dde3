"""ingest -> compact -> reprocess, the whole path, on local disk and on the moto S3 server."""
import pyarrow as pa
import pytest

from lake_checks import assert_lake_matches_manifest
from conftest import open_lake
from storage.lake import Lake
from transforms.rows.schema import TABLES

pytestmark = pytest.mark.slow


def snapshot(lake: Lake) -> pa.Table:
    return lake.read("articles").sort_by("article_id")


def test_ingest_compact_reprocess(prefect_api, mirror, manifest, lake_root):
    from flows.ingest import ingest
    from flows.reprocess import reprocess

    ingest(lake=lake_root, replay=mirror.url)
    lake = open_lake(lake_root)
    assert_lake_matches_manifest(lake_root, manifest)
    before = snapshot(lake)

    for table in TABLES:
        lake.compact(table)
    assert all(len(files) == 1 for files in lake._files_by_partition(TABLES["articles"]).values())
    assert snapshot(lake).equals(before)

    reports = reprocess(lake=lake_root)
    assert sum(r["updated"] + r["written"] for r in reports) == 0
    assert sum(r["skipped_known"] for r in reports) == len(before)
    assert snapshot(lake).equals(before), "reprocessing with the same extractor changed rows"
    assert_lake_matches_manifest(lake_root, manifest)
