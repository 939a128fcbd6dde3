"""What a source published on one past day, for backfills: its dated index pages walked
page by page, plus the news-sitemap entries of that day."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urljoin

import httpx

from spiders.discovery import index_pages
from spiders.discovery.poll import EndpointOutcome, Outcome, merge_candidates, read_sitemaps
from spiders.discovery.polite import PoliteFetcher
from spiders.discovery.sitemaps import sitemaps_from_robots
from spiders.registry import Source
from transforms.records import Candidate


def dated_templates(source: Source) -> list[str]:
    """Index templates that take a date; undated ones (ANTARA's /terkini) cannot bound a day."""
    return [e.url for e in source.index_pages if "{date" in e.url]


@dataclass
class SitemapDays:
    """A source's news-sitemap entries by day in its zone, and the sitemaps that failed."""
    by_day: dict[str, list[Candidate]] = field(default_factory=dict)
    failed: list[EndpointOutcome] = field(default_factory=list)


# Where sites keep a sitemap they do not name in robots.txt; asked only for a source with
# no sitemaps configured (an operator who listed them knows better than a guess).
WELL_KNOWN_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml")


def site_sitemaps(source: Source, client: httpx.Client,
                  fetcher: PoliteFetcher) -> tuple[list[Candidate], list[EndpointOutcome]]:
    """Every entry of a source's sitemaps: configured ones, those its robots.txt names and,
    when none is configured, the well-known addresses that answer (gzipped ones and
    indexes followed, each sitemap polled once)."""
    named = fetcher.robots.sitemaps(client, source.homepage) if fetcher.robots else sitemaps_from_robots(client, source.homepage)
    urls = list(dict.fromkeys([e.url for e in source.sitemaps] + named))
    guesses = () if source.sitemaps else tuple(urljoin(source.homepage, p) for p in WELL_KNOWN_SITEMAPS)
    return read_sitemaps(client, source, urls, fetcher, probes=guesses)


def sitemap_days(source: Source, client: httpx.Client, fetcher: PoliteFetcher) -> SitemapDays:
    """All news-sitemap entries of a source (see site_sitemaps), by their day in the
    source's zone."""
    entries, outcomes = site_sitemaps(source, client, fetcher)
    by_day: dict[str, list[Candidate]] = defaultdict(list)
    for c in entries:
        if c.published_at and source.owns(c.url):
            by_day[datetime.fromisoformat(c.published_at).astimezone(source.tz).date().isoformat()].append(c)
    return SitemapDays(dict(by_day), [o for o in outcomes if o.outcome == Outcome.ERROR])


class IndexFailed(RuntimeError):
    """A day's index could not be read: the day must be retried, not recorded as short."""


class IndexBlocked(IndexFailed):
    """A day's index was refused (403/429, a challenge page, robots.txt): the day stays
    open for a later run, and coverage shows it."""


@dataclass
class Listing:
    candidates: list[Candidate]
    index_pages: int  # fetched
    cut: list[str] = field(default_factory=list)  # templates whose walk stopped at its page cap, not at the day's end


def list_day(source: Source, fetcher: PoliteFetcher, day: date, from_sitemaps: list[Candidate]) -> Listing:
    """The day's candidates from every dated index template plus the sitemap entries of
    that day, the index pages fetched, and the templates cut short by the page cap. An
    index that fails raises IndexFailed (IndexBlocked when the site refused us)."""
    candidates = list(from_sitemaps)
    pages, cut = 0, []
    for template in dated_templates(source):
        walked = index_pages.walk(template, day, fetcher.get, source.article_re)
        pages += walked.pages_fetched
        if walked.blocked:
            raise IndexBlocked(f"index {template} for {day}: {'; '.join(walked.errors)}")
        if walked.errors:
            raise IndexFailed(f"index {template} for {day}: {'; '.join(walked.errors)}")
        candidates += [Candidate(url=u, source=source.id, via=f"index:{template}") for u in walked.urls]
        if walked.cut:
            cut.append(f"index {template} for {day}: {walked.stopped_because}")
    return Listing([c for c in merge_candidates(candidates) if source.owns(c.url)], pages, cut)
