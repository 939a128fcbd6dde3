"""A wide mirror: every outlet in its own page structure, `per_day` articles a day of
varied texts (tools/mirror/variety.py), with its feeds, index pages and robots.txt, and a
manifest in the committed mirror's format (the truth for each article). Built on demand,
not committed, so the test suite keeps the small mirror's speed:
`python -m tools.mirror.wide OUT --per-day 25 --days 3`."""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from tools.mirror import cases
from tools.mirror.build import DESKS, WITHOUT, add_article, add_index_pages, add_robots, link_related, manifest_entry
from tools.mirror.html import ID_DAYS, Page
from tools.mirror.outlets import Feeds, outlets
from tools.mirror.site import Mirror
from tools.mirror.stories import CITIES, PERSONS
from tools.mirror.variety import make_varied_story
from transforms.dates import WIB

LAST_DAY = date(2026, 11, 26)


def build_wide(out: Path, per_day: int = 25, days: int = 3, seed: int = 20261202) -> dict:
    """Write the mirror under `out`; returns its manifest."""
    rng = random.Random(seed)
    mirror = Mirror(out)
    registry = outlets()
    day_list = [LAST_DAY - timedelta(days=days - 1 - i) for i in range(days)]
    by_source: dict[str, list[Page]] = {o.id: [] for o in registry}
    number, seen = 20_000, set()
    for outlet in registry:
        for day in day_list:
            for _ in range(per_day):
                number += 1
                published = datetime(day.year, day.month, day.day, tzinfo=WIB) + timedelta(
                    minutes=rng.randint(5 * 60, 23 * 60 + 30), seconds=rng.randint(0, 59))
                if not outlet.shows_seconds:
                    published = published.replace(second=0)
                when = (ID_DAYS[published.weekday()], published.day, published.month)
                story = make_varied_story(rng, when)
                url = outlet.url_for(story.title, story.section, published, number)
                while url in seen:  # two outlets' addresses are the title alone
                    story = make_varied_story(rng, when)
                    url = outlet.url_for(story.title, story.section, published, number)
                seen.add(url)
                city = rng.choice(["Jakarta", rng.choice(CITIES)])
                authors = [rng.choice(PERSONS)]  # eight outlets' structures show one writer
                by_source[outlet.id].append(Page(
                    url=url, source=outlet.id,
                    title=story.title, published=published, section=story.section,
                    paragraphs=[outlet.dateline.format(city=city, CITY=city.upper()) + story.paragraphs[0]]
                    + story.paragraphs[1:],
                    authors=authors, editor=rng.choice([p for p in PERSONS if p not in authors]),
                    tags=[story.section, story.kind.upper()], desk="/".join(rng.choice(DESKS) for _ in range(2)),
                    image=f"https://cdn.example-img.id/{outlet.id}/{number}.jpg"))
    articles = []
    for outlet in registry:
        pages = by_source[outlet.id]
        link_related(pages)
        for p in pages:
            add_article(mirror, outlet, p)
            articles.append(manifest_entry(p, outlet, syndicated_from=None, multipage=False))
    entries = cases.reject_entries(cases.add_reject_cases(mirror), datetime(2026, 11, 26, 19, tzinfo=WIB))
    feeds = Feeds(mirror)
    for outlet in registry:
        outlet.feeds(feeds, [p for p in by_source[outlet.id] if p.published.date() == LAST_DAY], entries)
    add_index_pages(mirror, [o for o in registry if o.index], by_source, [], days=day_list)
    add_robots(mirror, registry)
    manifest = {"description": "The wide mirror's articles with their true values.",
                "days": [d.isoformat() for d in day_list], "without": WITHOUT,
                "articles": sorted(articles, key=lambda a: a["url"])}
    (out / "routes.json").write_text(json.dumps(dict(sorted(mirror.routes.items()))))
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    return manifest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-day", type=int, default=25, help="articles per outlet and day (default 25)")
    parser.add_argument("--days", type=int, default=3, help="days ending 2026-11-26 (default 3)")
    args = parser.parse_args()
    manifest = build_wide(args.out, args.per_day, args.days)
    print(f"{len(manifest['articles'])} articles over {len(manifest['days'])} days in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
