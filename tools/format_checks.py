"""How kabar's feed, sitemap, robots.txt, URL and date readers agree with a table of
expected answers: our own tables under tests/formats/ (always), and the test suites of
the libraries that specialise in each step when their checkouts are in a peer folder
(read where they lie; nothing of theirs is kept). bench/formats.py prints the tallies;
tests/test_formats.py asserts the own tables in full."""
from __future__ import annotations

import ast
import base64
import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import httpx
from protego import Protego

from spiders.discovery.days import site_sitemaps
from spiders.discovery.feeds import read_feed
from spiders.discovery.parsing import ParseError, entry_time
from spiders.discovery.polite import PoliteFetcher
from spiders.discovery.sitemaps import parse_sitemap
from spiders.registry import Source
from spiders.robots import Robots, named_sitemaps
from transforms import dates
from transforms.urls import article_id, canonical_url, is_tracking

REPO = Path(__file__).resolve().parents[1]
OWN_TABLES = REPO / "tests" / "formats"
_ZONED = re.compile(r"(\dZ|[+-]\d{2}:?\d{2}|\b[A-Z]{1,5}|GMT[+-]\d+)\s*$")


@dataclass
class Tally:
    """`hits` of `total` cases (agreements, or for a crash count the crashes), and the
    cases that missed."""
    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, hit: bool, case: str) -> None:
        self.total += 1
        self.hits += hit
        if not hit:
            self.misses.append(case[:300])

    def __str__(self) -> str:
        return f"{self.hits}/{self.total}"


class Events(Tally):
    """How many of `total` cases had an event to avoid (a crash, a valid feed taken for an
    error): the lower the better; the cases that had it are the misses."""

    def add(self, event: bool, case: str) -> None:
        self.total += 1
        self.hits += event
        if event:
            self.misses.append(case[:300])


def source_for(homepage: str) -> Source:
    host = httpx.URL(homepage).host
    return Source(id="uji", name="Uji", homepage=homepage, timezone="Asia/Jakarta", language="id", hosts=(host,))


def _mock_client(responses: dict[str, dict]) -> httpx.Client:
    """A client answering from `responses` (url → status, headers, body bytes); 404 else."""
    def answer(request: httpx.Request) -> httpx.Response:
        hit = responses.get(str(request.url))
        if hit is None:
            return httpx.Response(404, content=b"not found")
        return httpx.Response(hit.get("status", 200), headers=hit.get("headers", {}), content=hit["body"])
    return httpx.Client(transport=httpx.MockTransport(answer), follow_redirects=True)


def site_pages(homepage: str, responses: dict[str, dict]) -> set[str]:
    """Every page kabar finds in a site's sitemaps, starting from its homepage."""
    with _mock_client(responses) as client:
        entries, _ = site_sitemaps(source_for(homepage), client, PoliteFetcher(client, 0, robots=Robots()))
    return {c.url for c in entries}


def sitemap_pages(body: bytes, url: str = "https://www.contoh.id/sitemap.xml") -> tuple[list, list[str]]:
    """(entries, children) of one sitemap document, or a ParseError's ([], [])."""
    try:
        return parse_sitemap(body, source_for(url), "sitemap:" + url, base_url=url)
    except ParseError:
        return [], []


# --- our own tables --------------------------------------------------------------------

def own_sitemaps(tables: Path = OWN_TABLES) -> dict[str, Tally]:
    table = json.loads((tables / "sitemaps.json").read_text())
    docs, robots, sites = Tally(), Tally(), Tally()
    for name, want in table["documents"].items():
        entries, children = sitemap_pages((tables / "sitemaps" / name).read_bytes())
        got = {c.url: c for c in entries}
        ok = sorted(got) == sorted(want["pages"]) and children == want.get("children", [])
        ok &= all(got[u].title == t for u, t in want.get("titles", {}).items() if u in got)
        ok &= all(got[u].published_at == t for u, t in want.get("published", {}).items() if u in got)
        docs.add(ok, f"{name}: {sorted(got)} {children}")
    for case in table["robots"]:
        found = named_sitemaps(Protego.parse(case["text"]), "https://www.contoh.id")
        robots.add(found == case["sitemaps"], f"{case['text']!r}: {found}")
    for case in table["sites"]:
        responses = {url: {**r, "body": (tables / "sitemaps" / r["file"]).read_bytes() if "file" in r
                           else r.get("text", "").encode()} for url, r in case["responses"].items()}
        found = site_pages(case["homepage"], responses)
        sites.add(found == set(case["pages"]), f"{case['name']}: {sorted(found)}")
    return {"sitemap_docs": docs, "robots_sitemaps": robots, "sitemap_sets": sites}


def feed_outcome(body: bytes, headers: dict[str, str], base_url: str | None) -> tuple[str, list]:
    """('ok' | 'error' | 'crash: …', candidates) of one feed read by kabar."""
    try:
        return "ok", read_feed(body, headers, source_for(base_url or "https://www.contoh.id/"), "feed:t",
                               base_url=base_url)[0]
    except ParseError:
        return "error", []
    except Exception as exc:  # noqa: BLE001 -- a crash is what is being counted
        return f"crash: {type(exc).__name__}: {exc}", []


def own_feeds(tables: Path = OWN_TABLES) -> dict[str, Tally]:
    crashes, empty_errors, links, relative, times = Events(), Events(), Tally(), Tally(), Tally()
    for case in json.loads((tables / "feeds.json").read_text())["cases"]:
        outcome, found = feed_outcome(case["body"].encode(), case.get("headers", {}), case.get("base_url"))
        crashes.add(outcome.startswith("crash"), f"{case['name']}: {outcome}")
        if case.get("error"):
            links.add(outcome == "error", f"{case['name']}: {outcome}")
            continue
        if not case["links"]:
            empty_errors.add(outcome == "error", f"{case['name']}: {outcome}")
        got = {c.url: c.published_at for c in found}
        (relative if case.get("base_url") else links).add(list(got) == case["links"], f"{case['name']}: {list(got)}")
        for url, want in case.get("dates", {}).items():
            times.add(got.get(url) == want, f"{case['name']} {url}: {got.get(url)} != {want}")
    return {"feed_crashes": crashes, "feed_empty_errors": empty_errors, "feed_links": links,
            "feed_rel_links": relative, "feed_dates": times}


def own_urls(tables: Path = OWN_TABLES) -> dict[str, Tally]:
    table = json.loads((tables / "urls.json").read_text())
    pairs, trackers = Tally(), Tally()
    for a, b in table["same"]:
        pairs.add(article_id(a) == article_id(b), f"same: {canonical_url(a)} vs {canonical_url(b)}")
    for a, b in table["different"]:
        pairs.add(article_id(a) != article_id(b), f"different: {canonical_url(a)}")
    for name in table["trackers"]:
        trackers.add(is_tracking(name), f"kept tracker {name}")
    for name in table["kept"]:
        trackers.add(not is_tracking(name), f"dropped {name}")
    return {"url_pairs": pairs, "trackers": trackers}


def own_dates(tables: Path = OWN_TABLES) -> dict[str, Tally]:
    absolute, relative = Tally(), Tally()
    source = source_for("https://www.contoh.id/")
    for text, want in json.loads((tables / "dates.json").read_text())["cases"]:
        got = entry_time(text, source)
        absolute.add(got == want, f"{text!r}: {got} != {want}")
    table = json.loads((tables / "relative.json").read_text())
    now = datetime.fromisoformat(table["now"])
    for text, seconds in table["cases"]:
        got = dates.parse_relative(text, now)
        want = None if seconds is None else now - timedelta(seconds=seconds)
        relative.add(got == want, f"{text!r}: {got} != {want}")
    return {"feed_dates_table": absolute, "rel_dates": relative}


def own_checks(tables: Path = OWN_TABLES) -> dict[str, Tally]:
    return {**own_sitemaps(tables), **own_feeds(tables), **own_urls(tables), **own_dates(tables)}


# --- the peers' suites -----------------------------------------------------------------

def _json_lines(module: str, checkout: Path) -> list[dict]:
    """Run one of bench/peers' recorders inside a peer's checkout; its JSON lines."""
    done = subprocess.run([sys.executable, "-m", module], cwd=checkout, capture_output=True, text=True, timeout=600,
                          env={"PYTHONPATH": f"{checkout}:{REPO}", "PATH": "/usr/bin:/bin"})
    if done.returncode != 0:
        raise RuntimeError(f"{module} failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def peer_usp(checkout: Path) -> dict[str, Tally]:
    """ultimate-sitemap-parser's tree tests: each sitemap document's pages, and each
    site's whole page set from its homepage."""
    docs, sets = Tally(), Tally()
    for case in _json_lines("bench.peers.usp_cases", checkout):
        if "library_error" in case:
            continue  # the library fails its own test here: no answer to agree with
        responses = {url: {**r, "body": base64.b64decode(r["body"])} for url, r in case["responses"].items()}
        for doc in case["documents"]:
            body = responses.get(doc["url"], {}).get("body", b"")
            entries, _ = sitemap_pages(body, doc["url"])
            docs.add(sorted({c.url for c in entries}) == doc["pages"], f"{case['test']} {doc['url']}")
        found = site_pages(case["homepage"], responses)
        sets.add(found == set(case["pages"]), f"{case['test']}: {len(found)} vs {len(case['pages'])}")
    return {"sitemap_docs": docs, "sitemap_sets": sets}


def peer_scrapy(checkout: Path) -> dict[str, Tally]:
    """Scrapy's sitemap tests: the locs of each document, the sitemaps of each robots.txt."""
    docs, robots = Tally(), Tally()
    for case in _json_lines("bench.peers.scrapy_sitemap_cases", checkout):
        if case["kind"] == "robots":
            found = named_sitemaps(Protego.parse(case["text"]), case["base_url"])
            robots.add(found == case["sitemaps"], f"{case['test']}: {found}")
            continue
        entries, children = sitemap_pages(base64.b64decode(case["body"]))
        got = children if case["type"] == "sitemapindex" else [c.url for c in entries]
        docs.add(sorted(got) == sorted(case["locs"] or []), f"{case['test']}: {got} vs {case['locs']}")
    return {"scrapy_sitemap_docs": docs, "robots_sitemaps": robots}


_HEADER = re.compile(r"^Header:\s+([^:]+):(.*)$", re.MULTILINE)


def _feedparser_cases(checkout: Path):
    """(name, body, headers, url) of every document of feedparser's wellformed, illformed
    and encoding suites, with the headers and address its own runner would serve."""
    for suite in ("wellformed", "illformed", "encoding"):
        for path in sorted((checkout / "tests" / suite).rglob("*.xml")):
            body = path.read_bytes()
            text = body.decode("utf-8", errors="ignore")
            headers = {k.strip().lower(): v.strip() for k, v in _HEADER.findall(text)}
            headers.setdefault("content-type", "text/xml")
            rel = path.relative_to(checkout).as_posix()
            url = f"http://127.0.0.1:8097/{rel}" if "http" in rel else None
            yield rel, body, headers, url


def peer_feedparser(checkout: Path) -> dict[str, Tally]:
    """feedparser's own suites: no crash; a feed it reads as valid but empty is ok for us;
    the links it resolves from the feed's address are ours too; its date table."""
    crashes, empty, links = Events(), Events(), Tally()
    for name, body, headers, url in _feedparser_cases(checkout):
        outcome, found = feed_outcome(body, headers, url)
        crashes.add(outcome.startswith("crash"), f"{name}: {outcome}")
        served = dict(headers)
        if url:  # as feedparser's own runner serves it: a Content-Location header is relative to the address
            served["content-location"] = urljoin(url, headers.get("content-location", ""))
        theirs = feedparser.parse(body, response_headers=served)
        if theirs.get("version") and not theirs.entries:
            empty.add(outcome == "error", f"{name}: {outcome}")
        # links that depend on the document's address: feedparser's with and without it differ
        bare = feedparser.parse(body, response_headers={k: v for k, v in headers.items() if k != "content-location"})
        with_base = [e.get("link", "") for e in theirs.entries]
        if url and with_base != [e.get("link", "") for e in bare.entries]:
            links.add([c.url for c in found] == [u for u in with_base if u], f"{name}: {[c.url for c in found]} vs {with_base}")
    return {"feed_crashes": crashes, "feed_empty_errors": empty, "feed_rel_links": links,
            "feed_dates": _feedparser_dates(checkout)}


def _feedparser_dates(checkout: Path) -> Tally:
    """feedparser's date table (tests/test_date_parsers.py: parser, text, UTC tuple).
    Agreement is the same instant; a stamp without a zone, which feedparser takes as UTC
    and kabar as the outlet's WIB, agrees when the wall-clock time is the same."""
    tree = ast.parse((checkout / "tests" / "test_date_parsers.py").read_text())
    tally = Tally()
    source = source_for("https://www.contoh.id/")
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Tuple) and len(node.elts) == 3 and isinstance(node.elts[0], ast.Name)):
            continue
        try:
            text, want = ast.literal_eval(node.elts[1]), ast.literal_eval(node.elts[2])
        except ValueError:
            continue
        if not isinstance(text, str):
            continue
        got = entry_time(text, source)
        if want is None:
            tally.add(got is None, f"{text!r}: {got} (no date expected)")
            continue
        wall = datetime(*want[:6])
        if got is None:
            tally.add(False, f"{text!r}: None != {wall}")
            continue
        ours = datetime.fromisoformat(got)
        same = ours.astimezone(timezone.utc).replace(tzinfo=None) == wall
        wib_kept = not _ZONED.search(text) and ours.replace(tzinfo=None) == wall and ours.utcoffset() == timedelta(hours=7)
        tally.add(same or wib_kept, f"{text!r}: {got} != {wall} UTC")
    return tally


def peer_reader(checkout: Path) -> dict[str, Tally]:
    """reader's test feeds (RSS and Atom; kabar reads no JSON Feed): entry links, with the
    feed's address its tests use."""
    links = Tally()
    base = "http://example.com/"
    for path in sorted((checkout / "tests" / "data").glob("*.*")):
        if path.suffix not in (".rss", ".atom"):
            continue
        want = _reader_links(path.with_name(path.name + ".py"), f"{base}{path.name}")
        if want is None:
            continue
        outcome, found = feed_outcome(path.read_bytes(), {}, f"{base}{path.name}")
        links.add(outcome == "ok" and [c.url for c in found if c.url] == want, f"{path.name}: {outcome} {[c.url for c in found]}")
    return {"reader_links": links}


def _reader_links(expected: Path, url: str) -> list[str] | None:
    """The entry links an expected-result file of reader names, its f-strings filled."""
    if not expected.exists():
        return None
    names = {"url_base": url.rsplit("/", 1)[0] + "/", "rel_base": url.rsplit("/", 1)[0] + "/"}
    out = []
    for node in ast.walk(ast.parse(expected.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "EntryData":
            for kw in node.keywords:
                if kw.arg == "link" and isinstance(kw.value, ast.JoinedStr):
                    out.append("".join(names.get(getattr(v.value, "id", ""), "") if isinstance(v, ast.FormattedValue)
                                       else v.value for v in kw.value.values))
                elif kw.arg == "link" and isinstance(kw.value, ast.Constant) and kw.value.value:
                    out.append(kw.value.value)
    return out


def _asserted_pairs(path: Path, function: str) -> list[tuple[str, str]]:
    """(input, expected) of every `function(<str>) == <str>` / assertEqual in a test file."""
    pairs = []
    for node in ast.walk(ast.parse(path.read_text())):
        left = right = None
        if isinstance(node, ast.Compare) and len(node.comparators) == 1 and isinstance(node.ops[0], ast.Eq):
            left, right = node.left, node.comparators[0]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "assertEqual" and len(node.args) >= 2:
            left, right = node.args[0], node.args[1]
        if (isinstance(left, ast.Call) and getattr(left.func, "id", getattr(left.func, "attr", "")) == function
                and len(left.args) == 1 and not left.keywords and isinstance(left.args[0], ast.Constant)
                and isinstance(right, ast.Constant) and isinstance(left.args[0].value, str)
                and isinstance(right.value, str)):
            pairs.append((left.args[0].value, right.value))
    return pairs


def _pair_tally(pairs: list[tuple[str, str]]) -> Tally:
    """Both addresses of a pair the library calls one resource get one article id."""
    tally = Tally()
    for a, b in dict.fromkeys(pairs):
        if a != b:
            tally.add(article_id(a) == article_id(b), f"{a} -> {canonical_url(a)} vs {b} -> {canonical_url(b)}")
    return tally


def peer_w3lib(checkout: Path) -> dict[str, Tally]:
    return {"url_pairs_w3lib": _pair_tally(_asserted_pairs(checkout / "tests" / "test_url.py", "canonicalize_url"))}


def _parametrized_pairs(path: Path) -> list[tuple[str, str]]:
    """(value, expected) rows of every pytest table named ("value", "expected")."""
    pairs = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "parametrize" and len(node.args) == 2:
            names = ast.literal_eval(node.args[0])
            if tuple(names) == ("value", "expected") if not isinstance(names, str) else names == "value, expected":
                pairs += [tuple(row) for row in ast.literal_eval(node.args[1])]
    return pairs


def peer_url_normalize(checkout: Path) -> dict[str, Tally]:
    """url-normalize's expected changes between two absolute web addresses (its tables
    also normalise bare paths, other schemes and addresses without a scheme)."""
    pairs = _parametrized_pairs(checkout / "tests" / "test_url_normalize.py")
    web = ("http://", "https://")
    return {"url_pairs_url_normalize": _pair_tally([(a, b) for a, b in pairs if a.startswith(web) and b.startswith(web)])}


def peer_courlan(checkout: Path) -> dict[str, Tally]:
    tests = checkout / "tests" / "unit_tests.py"
    pairs = _asserted_pairs(tests, "normalize_url") + _asserted_pairs(tests, "clean_url")
    # courlan also writes to http:// and keeps fragments in some asserts: pairs whose
    # expected answer is not an address are no pair
    return {"url_pairs_courlan": _pair_tally([(a, b) for a, b in pairs if b.startswith(("http://", "https://"))])}


def peer_trackers(folder: Path) -> dict[str, Tally]:
    """AdGuard's tracking-parameter names (adguard/names.txt, blank-separated) and ClearURLs'
    global rules (clearurls/data.min.json; a name each rule is written for)."""
    out = {}
    names = folder / "adguard" / "names.txt"
    if names.exists():
        tally = Tally()
        for name in dict.fromkeys(n.strip() for n in names.read_text().split()):
            tally.add(is_tracking(name), name)
        out["trackers_adguard"] = tally
    rules = folder / "clearurls" / "data.min.json"
    if rules.exists():
        tally = Tally()
        for rule in json.loads(rules.read_text())["providers"]["globalRules"]["rules"]:
            name = _example_name(rule)
            tally.add(name is not None and is_tracking(name), f"{rule} ({name})")
        out["trackers_clearurls"] = tally
    return out


def _example_name(rule: str) -> str | None:
    """A parameter name a ClearURLs rule is written for: optional parts taken, the first
    alternative of each group, one character for each class (utm(?:_[a-z_]*)? is utm_a)."""
    text = re.sub(r"^\(\?:%3F\)\?", "", rule)
    for _ in range(3):  # innermost groups first
        text = re.sub(r"\((?:\?:)?([^()|]*)(?:\|[^()]*)?\)[?*]?", r"\1", text)
    text = re.sub(r"\[\^?\\?(.)[^\]]*\][*+?]?", r"\1", text)
    text = re.sub(r"\\(.)", r"\1", text).replace("?", "").replace("+", "").replace("*", "")
    return text if re.fullmatch(rule, text) else None


_DATEPARSER_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2592000,
                     "year": 31536000}


def peer_dateparser(checkout: Path) -> dict[str, Tally]:
    """dateparser's Indonesian relative phrases (its id locale data): each past or present
    phrase, a number filled in where it takes one, read as the time it names (months and
    years within 3 days: calendars differ). Phrases of the future are left out: no news
    is published tomorrow."""
    tree = ast.parse((checkout / "dateparser" / "data" / "date_translation_data" / "id.py").read_text())
    info = next(ast.literal_eval(n.value) for n in ast.walk(tree)
                if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "info")
    now = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    tally = Tally()
    phrases = [(meaning, p) for meaning, ps in info.get("relative-type", {}).items() for p in ps]
    phrases += [(meaning.replace("\\1", "3"), re.sub(r"\(\\d\+[^)]*\)", "3", p))
                for meaning, ps in info.get("relative-type-regex", {}).items() for p in ps]
    for meaning, phrase in phrases:
        m = re.fullmatch(r"(?:in )?(\d+) (\w+?)s? ?(ago)?", meaning) or re.fullmatch(r"(\d+) (\w+?)s? (ago)", meaning)
        if not m or m.group(2) not in _DATEPARSER_UNITS or (not m.group(3) and int(m.group(1))):
            continue  # the future, or a meaning not of the form "N unit ago"
        want = now - timedelta(seconds=int(m.group(1)) * _DATEPARSER_UNITS[m.group(2)])
        got = dates.parse_relative(phrase, now)
        slack = timedelta(days=3) if m.group(2) in ("month", "year") else timedelta(seconds=1)
        if int(m.group(1)) == 0:  # "hari ini", "minggu ini": some time within this day or week
            slack = timedelta(seconds=_DATEPARSER_UNITS[m.group(2)])
        tally.add(got is not None and abs(got - want) <= slack, f"{phrase!r} ({meaning}): {got}")
    return {"rel_dates": tally}


def peer_dateparser_tests(checkout: Path) -> dict[str, Tally]:
    """Held out (never tuned on): the Indonesian cases of dateparser's own tests, relative
    phrases ("N unit ago" translations, freshness cases) and absolute stamps."""
    now = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    relative, absolute = Tally(), Tally()
    tests = checkout / "tests"

    def check_relative(phrase: str, ago: dict[str, int]) -> None:
        back = sum(n * _DATEPARSER_UNITS[unit.rstrip("s")] for unit, n in ago.items())
        got = dates.parse_relative(phrase, now)
        slack = timedelta(days=3) if any(u.startswith(("month", "year")) for u in ago) else timedelta(seconds=1)
        if back == 0:
            slack = timedelta(days=1)
        relative.add(got is not None and abs(got - (now - timedelta(seconds=back))) <= slack, f"{phrase!r}: {got}")

    for node in ast.walk(ast.parse((tests / "test_languages.py").read_text())):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "param" and len(node.args) == 3
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
                and node.args[0].value == "id"):
            continue
        text, meaning = node.args[1].value, node.args[2].value
        if m := re.fullmatch(r"(\d+) (\w+) ago", meaning):
            check_relative(text, {m.group(2): int(m.group(1))})
            continue
        for form in ("%A %d %B %Y %H:%M", "%d %B %Y %H:%M", "%d %B %Y"):
            try:
                want = datetime.strptime(meaning, form)
            except ValueError:
                continue
            got = dates.parse_indonesian(text)
            absolute.add(got is not None and got.replace(tzinfo=None) == want, f"{text!r}: {got} != {want}")
            break
    in_id = False
    for line in (tests / "test_freshness_date_parser.py").read_text().splitlines():
        if re.fullmatch(r"\s*# [a-z-]+", line):
            in_id = line.strip() == "# id"
        elif in_id and (m := re.search(r'param\("([^"]+)", ago=(\{[^}]*\})', line)):
            check_relative(m.group(1), ast.literal_eval(m.group(2)))
    return {"heldout_rel_dates": relative, "heldout_abs_dates": absolute}


PEERS = {
    "ultimate-sitemap-parser": peer_usp,
    "scrapy": peer_scrapy,
    "feedparser": peer_feedparser,
    "reader": peer_reader,
    "w3lib": peer_w3lib,
    "url-normalize": peer_url_normalize,
    "courlan": peer_courlan,
    "dateparser": peer_dateparser,
}
HELD_OUT = {"dateparser": peer_dateparser_tests}


def peer_checks(folder: Path) -> tuple[dict[str, Tally], dict[str, str]]:
    """Every peer suite found in `folder` (a checkout per library, named as in PEERS, plus
    adguard/names.txt and clearurls/data.min.json); and why any present one did not run."""
    tallies, problems = {}, {}
    for name, check in PEERS.items():
        if (folder / name).is_dir():
            try:
                tallies.update(check(folder / name))
            except Exception as exc:  # noqa: BLE001 -- one peer that will not run does not stop the others
                problems[name] = f"{type(exc).__name__}: {exc}"[:300]
    for name, check in HELD_OUT.items():
        if (folder / name).is_dir():
            tallies.update(check(folder / name))
    tallies.update(peer_trackers(folder))
    return tallies, problems

