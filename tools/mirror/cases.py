"""The mirror's cross-outlet cases: a story syndicated from ANTARA onto Tribunnews, the
Pahami.id sample article (shared reference), a Tribun article over two pages, and the
URLs that must be rejected (robots-disallowed, 404, a video page with no text, an
off-site link in a feed)."""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from tools.mirror.html import Page
from tools.mirror.outlets import tribunnews
from tools.mirror.site import Mirror, slugify
from tools.mirror.stories import PERSONS, make_story
from transforms.dates import WIB

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "reference" / "pahami-sample-article.txt"
SAMPLE_FIRST_LINE = "Jakarta, Pahami.id \u2013"


def syndicated_copy(original: Page, tribun_related: list[tuple[str, str]], rng: random.Random) -> Page:
    """ANTARA's story as Tribunnews republished it: Tribun's own dateline, the attribution line."""
    return Page(
        url=f"https://www.tribunnews.com/nasional/9199001/{slugify(original.title)}", source="tribunnews",
        title=original.title, published=original.published + timedelta(minutes=47), section=original.section,
        paragraphs=["TRIBUNNEWS.COM, JAKARTA - " + original.paragraphs[0].split(" - ", 1)[1]] + original.paragraphs[1:],
        authors=["Tim Tribunnews"], editor=rng.choice(PERSONS), tags=original.tags,
        related=tribun_related, attribution="Antaranews.com", image=original.image,
    )


def pahami_sample() -> Page:
    """The Pahami.id sample article of the shared reference, in the outlet's WordPress theme."""
    lines = [ln.strip() for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return Page(
        url="https://pahami.id/lavrov-dan-rubio-sepakat-singkirkan-hambatan-hubungan-rusia-as/", source="pahami",
        title="Lavrov dan Rubio Sepakat Singkirkan Hambatan Hubungan Rusia-AS",
        published=datetime(2025, 2, 16, 8, 5, tzinfo=WIB), section="Internasional",
        paragraphs=lines, authors=["Redaksi Pahami"], editor="", tags=["Rusia", "Amerika Serikat", "Ukraina"],
        image="https://pahami.id/wp-content/uploads/2025/02/lavrov-rubio.jpg",
    )


def is_pahami_sample(p: Page) -> bool:
    return p.source == "pahami" and p.paragraphs[0] == SAMPLE_FIRST_LINE


def make_multipage(p: Page, rng: random.Random) -> list[list[str]]:
    """Lengthen a Tribun article and split it over two pages; returns the pages' paragraphs."""
    extra = make_story("banjir", rng, ("Rabu", 25, 11)).paragraphs
    p.paragraphs = p.paragraphs + extra[1:]
    return [p.paragraphs[:4], p.paragraphs[4:]]


def add_multipage(mirror: Mirror, p: Page, split: list[list[str]]) -> None:
    mirror.add(p.url, tribunnews.render(p, 1, split), "text/html; charset=utf-8")
    mirror.add(p.url + "?page=2", tribunnews.render(p, 2, split), "text/html; charset=utf-8")
    mirror.add(p.url + "?page=all", tribunnews.render(p), "text/html; charset=utf-8")


def add_reject_cases(mirror: Mirror) -> list[dict]:
    """URLs the feeds list that must end as rejects, with the reason; the video page is served."""
    rejects = [
        {"url": "https://news.detik.com/preview/d-7099999/draf-berita-belum-terbit", "source": "detik",
         "reason": "robots_disallowed", "via": "https://news.detik.com/rss"},
        {"url": "https://www.antaranews.com/berita/4899999/berita-yang-sudah-dihapus", "source": "antaranews",
         "reason": "http_404", "via": "https://www.antaranews.com/rss/terkini.xml"},
        {"url": "https://www.cnnindonesia.com/nasional/20261125190000-20-1299999/video-suasana-sidang-paripurna-dpr",
         "source": "cnnindonesia", "reason": "empty_body", "via": "https://www.cnnindonesia.com/nasional/rss"},
        {"url": "https://www.cnnindonesia.com/internasional/20261125080000-106-1299998/artikel-dikutip-pahami",
         "source": "pahami", "reason": "off_site", "via": "https://pahami.id/feed/"},
    ]
    video = rejects[2]["url"]
    mirror.add(video, f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>VIDEO: Suasana Sidang Paripurna DPR</title>
<link rel="canonical" href="{video}">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"VideoObject","name":"VIDEO: Suasana Sidang Paripurna DPR","uploadDate":"2026-11-25T19:00:00+07:00"}}</script>
</head><body><h1>VIDEO: Suasana Sidang Paripurna DPR</h1><div class="detail-text"><p>[Gambas:Video CNN]</p></div></body></html>""",
               "text/html; charset=utf-8")
    return rejects


def reject_entries(rejects: list[dict], when: datetime) -> dict[str, dict]:
    """The feed entries that list the reject cases, by reason."""
    return {r["reason"]: {"title": "Berita", "link": r["url"], "published": when, "section": "Nasional"} for r in rejects}
