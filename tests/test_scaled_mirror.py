"""The throughput benchmark's mirror: pages of a real page's weight, from which kabar
extracts exactly what it extracts from the mirror's light pages (the furniture leaks
nothing into an article)."""
import json
from pathlib import Path

from tools.mirror.scale import build_scaled
from transforms.extraction.extract import extract_article


def pages(root: Path) -> list[tuple[str, bytes]]:
    manifest = json.loads((root / "manifest.json").read_text())
    routes = json.loads((root / "routes.json").read_text())
    return [(a["url"], (root / "sites" / routes[a["url"].split("://", 1)[1]]["file"]).read_bytes())
            for a in manifest["articles"]]


def test_real_weight_pages_are_heavy_and_extract_as_the_light_ones(tmp_path):
    build_scaled(tmp_path / "real", n=40, days=2)
    build_scaled(tmp_path / "light", n=40, days=2, real_weight=False)
    real, light = pages(tmp_path / "real"), pages(tmp_path / "light")
    assert [u for u, _ in real] == [u for u, _ in light]
    assert min(len(h) for _, h in real) > 30_000 > max(len(h) for _, h in light)
    for (url, heavy), (_, small) in zip(real, light):
        a, b = extract_article(heavy, url), extract_article(small, url)
        assert (a.body, a.title, a.authors, a.editor, a.published_at) == (b.body, b.title, b.authors, b.editor,
                                                                          b.published_at), url
