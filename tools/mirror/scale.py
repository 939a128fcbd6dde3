"""A mirror of N articles for throughput benchmarks: the four outlets with dated index
pages (detik, Kompas, CNN Indonesia, Tribunnews), each in its real page, index, feed and
sitemap structure, their articles spread over `days` days and each text distinct (a
numbered paragraph of its own), plus `empty_days` earlier days whose index pages list
nothing (to time a source-day that holds no article). Built on demand, not committed:
`python -m tools.mirror.scale OUT --n 2000`."""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from tools.mirror import cases
from tools.mirror.build import DESKS, HTML, add_index_pages, add_robots
from tools.mirror.furniture import add_real_weight
from tools.mirror.html import ID_DAYS, Page
from tools.mirror.outlets import Feeds, outlets
from tools.mirror.site import Mirror
from tools.mirror.stories import CITIES, KINDS, PERSONS, make_story
from transforms.dates import WIB

LAST_DAY = date(2026, 11, 26)
_WORDS = ("warga", "pemerintah", "daerah", "anggaran", "program", "pasar", "sekolah", "jalan", "banjir", "panen",
          "nelayan", "rumah", "sakit", "bandara", "pelabuhan", "listrik", "air", "bersih", "pajak", "harga")


def _own_paragraph(n: int, rng: random.Random) -> str:
    """A sentence no other article has: its number and a draw of words."""
    words = " ".join(rng.choice(_WORDS) for _ in range(12))
    return f"Laporan ke-{n} ini mencatat {words}, menurut keterangan yang dihimpun redaksi pada hari yang sama."


INDEX_PER_PAGE = 20


# The same four outlets whatever the mirror carries, so that figures compare across changes.
SCALED_SOURCES = ("detik", "kompas", "cnnindonesia", "tribunnews")


def build_scaled(out: Path, n: int = 2000, days: int = 14, empty_days: int = 0, seed: int = 20261201,
                 real_weight: bool = True) -> dict:
    """Write the mirror under `out`; returns its manifest (every article with its source,
    day and URL, the days, the empty days). With `real_weight` each article page carries a
    real page's furniture around it (tools/mirror/furniture.py); without, the mirror's own
    light pages."""
    rng = random.Random(seed)
    mirror = Mirror(out)
    # every article reachable: without the mirror's CDN quirk that hides a day's page 2, and
    # with index pages of a size real ones have (the small mirror's 2-5 links a page would
    # need hundreds of pages for a day of hundreds of articles)
    indexed = [replace(o, index=replace(o.index, repeated_page_day=None, per_page=INDEX_PER_PAGE))
               for o in outlets() if o.id in SCALED_SOURCES]
    day_list = [LAST_DAY - timedelta(days=days - 1 - i) for i in range(days)]
    empty = [day_list[0] - timedelta(days=empty_days - i) for i in range(empty_days)]
    by_source: dict[str, list[Page]] = {o.id: [] for o in indexed}
    for k in range(n):
        outlet, day = indexed[k % len(indexed)], day_list[(k // len(indexed)) % days]
        published = datetime(day.year, day.month, day.day, tzinfo=WIB) + timedelta(
            minutes=rng.randint(5 * 60, 23 * 60), seconds=rng.randint(0, 59))
        story = make_story(rng.choice(KINDS), rng, (ID_DAYS[published.weekday()], published.day, published.month))
        authors = [rng.choice(PERSONS)]
        number = 10_000 + k
        city = rng.choice(["Jakarta", rng.choice(CITIES)])
        page = Page(
            url=outlet.url_for(story.title, story.section, published, number), source=outlet.id,
            title=f"{story.title} ({number})", published=published, section=story.section,
            paragraphs=[outlet.dateline.format(city=city, CITY=city.upper()) + story.paragraphs[0]]
            + story.paragraphs[1:] + [_own_paragraph(number, rng)],
            authors=authors, editor=rng.choice([p for p in PERSONS if p not in authors]), tags=[story.section],
            desk="/".join(rng.choice(DESKS) for _ in range(2)), image=f"https://cdn.example-img.id/{outlet.id}/{number}.jpg",
        )
        html = outlet.render(page)
        if real_weight:
            html = add_real_weight(html, page.url.split("/")[2], seed=number)
        mirror.add(page.url, html, HTML)
        by_source[outlet.id].append(page)
    entries = cases.reject_entries(cases.add_reject_cases(mirror), datetime(2026, 11, 26, 19, tzinfo=WIB))
    feeds = Feeds(mirror)
    for outlet in indexed:  # the feeds list the last day's articles
        latest = [p for p in by_source[outlet.id] if p.published.date() == LAST_DAY] or by_source[outlet.id][-3:]
        outlet.feeds(feeds, latest, entries)
    add_index_pages(mirror, indexed, by_source, [], days=empty + day_list)
    add_robots(mirror, indexed)
    manifest = {"days": [d.isoformat() for d in day_list], "empty_days": [d.isoformat() for d in empty],
                "sources": [o.id for o in indexed],
                "articles": [{"url": p.url, "source": p.source, "day": p.published.date().isoformat()}
                             for plist in by_source.values() for p in plist]}
    (out / "routes.json").write_text(json.dumps(dict(sorted(mirror.routes.items()))))
    (out / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--empty-days", type=int, default=0)
    parser.add_argument("--light", action="store_true", help="the mirror's own light pages, without a real page's weight")
    args = parser.parse_args()
    manifest = build_scaled(args.out, args.n, args.days, args.empty_days, real_weight=not args.light)
    print(f"{len(manifest['articles'])} articles over {len(manifest['days'])} days in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
