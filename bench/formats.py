"""How well kabar reads real feeds, sitemaps, robots.txt, URLs and dates: agreement with
our own tables (tests/formats/, always) and with the test suites of the libraries that
specialise in each step, when their checkouts are in a folder outside the repo.

    python bench/formats.py --own                 # our tables only
    python bench/formats.py --peers /work/peers   # our tables, then every peer suite found

The peer folder holds one checkout per library, named as the project is:
ultimate-sitemap-parser, scrapy, feedparser, reader, w3lib, url-normalize, courlan,
dateparser; plus adguard/names.txt (AdGuard's tracking-parameter names, blank-separated)
and clearurls/data.min.json (ClearURLs' rules). The sitemap recorders run the library's
own tests in a subprocess: ultimate-sitemap-parser's need `requests` and `requests-mock`
installed. Nothing of theirs is copied; `-v` lists every miss.

Each block ends with one line of name=A/B figures (A agreeing cases of B; for
feed_crashes and feed_empty_errors, A is how many of B crashed or were taken for errors).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.format_checks import Tally, own_checks, peer_checks  # noqa: E402

# Names of the summary line, as the issue asks them, from the peer tallies.
SUMMARY = ("sitemap_docs", "sitemap_sets", "scrapy_sitemap_docs", "robots_sitemaps", "feed_crashes",
           "feed_empty_errors", "feed_rel_links", "feed_dates", "feed_links", "reader_links", "url_pairs", "trackers",
           "rel_dates")


def show(title: str, tallies: dict[str, Tally], verbose: bool) -> None:
    print(f"== {title}")
    for name, tally in tallies.items():
        print(f"  {name:26} {str(tally):>10}")
        for miss in tally.misses if verbose else tally.misses[:3]:
            print(f"      miss: {miss}")
        if not verbose and len(tally.misses) > 3:
            print(f"      … {len(tally.misses) - 3} more (-v)")


def summary(tallies: dict[str, Tally]) -> str:
    """One line: each summary name, pooling tallies whose name starts with it
    (url_pairs_w3lib, url_pairs_courlan … are url_pairs)."""
    parts = []
    for name in SUMMARY:
        pooled = [t for key, t in tallies.items() if key == name or key.startswith(name + "_")]
        if pooled:
            parts.append(f"{name}={sum(t.hits for t in pooled)}/{sum(t.total for t in pooled)}")
    return " ".join(parts)


def relative_dates_side_by_side() -> str | None:
    """dateparser against our relative-date reader on our table, side by side in one
    process: agreement (within 3 days) and median microseconds per phrase over 5 rounds."""
    try:
        import dateparser
    except ImportError:
        return None
    import json
    import statistics
    import time
    from datetime import datetime, timedelta

    from tools.format_checks import OWN_TABLES
    from transforms.dates import parse_relative

    table = json.loads((OWN_TABLES / "relative.json").read_text())
    now = datetime.fromisoformat(table["now"])
    settings = {"RELATIVE_BASE": now.replace(tzinfo=None), "RETURN_AS_TIMEZONE_AWARE": False}
    readers = {"dateparser": lambda p: dateparser.parse(p, languages=["id"], settings=settings),
               "kabar": lambda p: (d.astimezone(now.tzinfo).replace(tzinfo=None) if (d := parse_relative(p, now)) else None)}
    out = []
    for name, read in readers.items():
        agreed = 0
        for text, seconds in table["cases"]:
            got, want = read(text), None if seconds is None else now.replace(tzinfo=None) - timedelta(seconds=seconds)
            agreed += (got is None) == (want is None) and (got is None or abs(got - want) <= timedelta(days=3))
        rounds = []
        for _ in range(5):
            start = time.perf_counter()
            for text, _ in table["cases"]:
                read(text)
            rounds.append((time.perf_counter() - start) / len(table["cases"]) * 1e6)
        out.append(f"{name} {agreed}/{len(table['cases'])} {statistics.median(rounds):.1f} us/phrase")
    return "relative dates on our table: " + ", ".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--own", action="store_true", help="our own tables only (the default without --peers)")
    parser.add_argument("--peers", type=Path, help="folder with the peer libraries' checkouts")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    own = own_checks()
    show("own tables (tests/formats)", own, args.verbose)
    if args.own or args.peers is None:
        print(summary(own))
        return 0
    peers, problems = peer_checks(args.peers)
    show(f"peer suites in {args.peers}", peers, args.verbose)
    for name, problem in problems.items():
        print(f"  {name}: not run ({problem})")
    if side_by_side := relative_dates_side_by_side():
        print("  " + side_by_side)
    for name in ("sitemap", "scrapy", "feed", "reader", "url_pairs", "trackers", "rel_dates", "heldout"):
        per_peer = [f"{key}={tally}" for key, tally in peers.items() if key.startswith(name)]
        if per_peer:
            print("  " + " ".join(per_peer))
    print("own:   " + summary(own))
    print(summary(peers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
