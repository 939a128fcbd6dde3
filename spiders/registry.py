"""Source registry: one TOML file per outlet in spiders/sources/ (and in the operator's
directories of the sources path), validated on load.

An unknown key, a missing key or a value of the wrong kind is a `SourceConfigError`
naming the file and the key, so a typo never silently disables a feed.
"""
from __future__ import annotations

import ipaddress
import os
import re
import re._constants as _re_constants
import re._parser as _re_parser
import tomllib
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SOURCES_DIR = Path(__file__).parent / "sources"
_ID = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# Public suffixes of two labels that outlets here sit under: a site's domain has one more.
SECOND_LEVEL_SUFFIXES = frozenset({"co.id", "or.id", "go.id", "ac.id", "sch.id", "web.id", "my.id", "biz.id", "net.id",
                                   "mil.id", "ponpes.id", "desa.id", "co.uk", "org.uk", "com.au", "net.au", "com.my",
                                   "com.sg", "com.br", "co.jp", "co.kr", "com.cn"})


class SourceConfigError(ValueError):
    pass


@dataclass(frozen=True)
class Endpoint:
    """A feed, sitemap or dated index-page template, and whether it was seen live."""
    url: str
    verified: bool = False
    note: str = ""


@dataclass(frozen=True)
class Politeness:
    delay_seconds: float = 2.0
    concurrent_requests: int = 2
    timeout_seconds: float = 30.0
    max_page_bytes: int = 5_000_000
    retries: int = 2


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    homepage: str
    timezone: str
    language: str
    hosts: tuple[str, ...]
    feeds: tuple[Endpoint, ...] = ()
    sitemaps: tuple[Endpoint, ...] = ()
    index_pages: tuple[Endpoint, ...] = ()
    single_page_param: str = ""
    split_page_param: str = ""  # a split article's later pages, ?{param}=N, where no single-page variant exists
    politeness: Politeness = field(default_factory=Politeness)
    drop_selectors: tuple[str, ...] = ()
    notes: str = ""
    path: str = ""
    article_pattern: str = ""

    @property
    def article_re(self) -> re.Pattern:
        """Article URLs of this source; without a pattern, any URL on its hosts."""
        return re.compile(self.article_pattern or "|".join(re.escape(h) for h in self.hosts))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def owns(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)


_TOP_KEYS: dict[str, tuple[type, ...]] = {
    "id": (str,), "name": (str,), "homepage": (str,), "timezone": (str,), "language": (str,),
    "hosts": (list,), "feeds": (list,), "sitemaps": (list,), "index_pages": (list,),
    "single_page_param": (str,), "split_page_param": (str,), "politeness": (dict,), "extract": (dict,), "notes": (str,),
    "article_pattern": (str,),
}
_REQUIRED = ("id", "name", "homepage", "timezone", "language", "hosts")
_ENDPOINT_KEYS: dict[str, tuple[type, ...]] = {"url": (str,), "template": (str,), "verified": (bool,), "note": (str,)}
MAX_PATTERN_CHARS = 500
# What a source file may ask: enough for any real outlet, never a flood or a hang.
POLITENESS_RANGES = {"delay_seconds": (0, 600), "concurrent_requests": (1, 16), "timeout_seconds": (1, 300),
                     "max_page_bytes": (1_000, 100_000_000), "retries": (0, 10)}
_POLITENESS_KEYS: dict[str, tuple[type, ...]] = {
    "delay_seconds": (int, float), "concurrent_requests": (int,), "timeout_seconds": (int, float),
    "max_page_bytes": (int,), "retries": (int,),
}
_EXTRACT_KEYS: dict[str, tuple[type, ...]] = {"drop_selectors": (list,)}


def _check_keys(where: str, data: dict, allowed: dict[str, tuple[type, ...]]) -> None:
    for key, value in data.items():
        if key not in allowed:
            raise SourceConfigError(f"{where}: unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        if isinstance(value, bool) and bool not in allowed[key]:
            raise SourceConfigError(f"{where}: key '{key}' must be {allowed[key][0].__name__}, got bool")
        if not isinstance(value, allowed[key]):
            raise SourceConfigError(f"{where}: key '{key}' must be {allowed[key][0].__name__}, got {type(value).__name__}")


def _url(where: str, key: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceConfigError(f"{where}: key '{key}' is not an http(s) URL: {value!r}")
    return value


def unsafe_pattern(pattern: str) -> str | None:
    """Why a regular expression must not be run on outlets' pages, or None: invalid, too
    long, or with a repeat inside a repeat (`(a+)+`, `(x*)*`), which can take exponential
    time on a hostile page (ReDoS)."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"is longer than {MAX_PATTERN_CHARS} characters"
    try:
        parsed = _re_parser.parse(pattern)
    except re.error as exc:
        return f"is not a valid regular expression: {exc}"
    return "repeats a repeat (it can take exponential time)" if _nested_repeat(parsed, inside=False) else None


_REPEATS = {_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT, getattr(_re_constants, "POSSESSIVE_REPEAT", None)}


def _nested_repeat(items, inside: bool) -> bool:
    for op, arg in items:
        if op in _REPEATS:
            low, high, body = arg
            if high > 1 and (inside or _nested_repeat(body, inside=True)):
                return True
            if _nested_repeat(body, inside=inside):
                return True
        elif op == _re_constants.SUBPATTERN and _nested_repeat(arg[-1], inside):
            return True
        elif op == _re_constants.BRANCH and any(_nested_repeat(branch, inside) for branch in arg[1]):
            return True
        elif op in (_re_constants.ASSERT, _re_constants.ASSERT_NOT) and _nested_repeat(arg[1], inside):
            return True
    return False


def _check_host(where: str, host: str) -> None:
    """A registrable domain (news.detik.com, detik.com; not "com" or "co.id"), or an
    address written out (which the address policy then has to allow)."""
    name = host.lower().strip()
    try:
        ipaddress.ip_address(name)
        return
    except ValueError:
        pass
    labels = name.split(".")
    if not all(_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
        raise SourceConfigError(f"{where}: key 'hosts': {host!r} is not a host name")
    needed = 3 if ".".join(labels[-2:]) in SECOND_LEVEL_SUFFIXES else 2
    if len(labels) < needed:
        raise SourceConfigError(f"{where}: key 'hosts': {host!r} is a public suffix, not one site's domain")


def _endpoints(where: str, key: str, items: list, url_key: str) -> tuple[Endpoint, ...]:
    out = []
    for i, item in enumerate(items):
        here = f"{where}: {key}[{i}]"
        if not isinstance(item, dict):
            raise SourceConfigError(f"{here}: must be a table")
        _check_keys(here, item, _ENDPOINT_KEYS)
        if url_key not in item:
            raise SourceConfigError(f"{here}: missing key '{url_key}'")
        other = "template" if url_key == "url" else "url"
        if other in item:
            raise SourceConfigError(f"{here}: unknown key '{other}' (use '{url_key}')")
        url = item[url_key]
        _url(here, url_key, url.replace("{", "").replace("}", ""))
        out.append(Endpoint(url=url, verified=item.get("verified", False), note=item.get("note", "")))
    return tuple(out)


def parse_source(data: dict, path: str) -> Source:
    where = path
    _check_keys(where, data, _TOP_KEYS)
    for key in _REQUIRED:
        if key not in data:
            raise SourceConfigError(f"{where}: missing key '{key}'")
    if not _ID.match(data["id"]):
        raise SourceConfigError(f"{where}: key 'id' must match {_ID.pattern}, got {data['id']!r}")
    if Path(path).stem != data["id"] and path.endswith(".toml"):
        raise SourceConfigError(f"{where}: key 'id' ({data['id']!r}) must equal the file name")
    try:
        ZoneInfo(data["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise SourceConfigError(f"{where}: key 'timezone' is not a known time zone: {data['timezone']!r}") from None
    _url(where, "homepage", data["homepage"])
    hosts = data["hosts"]
    if not hosts or not all(isinstance(h, str) and h for h in hosts):
        raise SourceConfigError(f"{where}: key 'hosts' must be a non-empty list of host names")
    for h in hosts:
        _check_host(where, h)
    politeness = data.get("politeness", {})
    _check_keys(f"{where}: politeness", politeness, _POLITENESS_KEYS)
    for key, value in politeness.items():
        low, high = POLITENESS_RANGES[key]
        if not low <= value <= high:
            raise SourceConfigError(f"{where}: politeness: key '{key}' must be between {low} and {high}, got {value!r}")
    extract = data.get("extract", {})
    _check_keys(f"{where}: extract", extract, _EXTRACT_KEYS)
    selectors = extract.get("drop_selectors", [])
    if not all(isinstance(s, str) and s for s in selectors):
        raise SourceConfigError(f"{where}: extract: key 'drop_selectors' must be a list of CSS selectors")
    pattern = data.get("article_pattern", "")
    if problem := unsafe_pattern(pattern):
        raise SourceConfigError(f"{where}: key 'article_pattern' {problem}")
    return Source(
        article_pattern=pattern,
        id=data["id"], name=data["name"], homepage=data["homepage"], timezone=data["timezone"],
        language=data["language"], hosts=tuple(h.lower() for h in hosts),
        feeds=_endpoints(where, "feeds", data.get("feeds", []), "url"),
        sitemaps=_endpoints(where, "sitemaps", data.get("sitemaps", []), "url"),
        index_pages=_endpoints(where, "index_pages", data.get("index_pages", []), "template"),
        single_page_param=data.get("single_page_param", ""), split_page_param=data.get("split_page_param", ""),
        politeness=Politeness(**politeness), drop_selectors=tuple(selectors),
        notes=data.get("notes", ""), path=path,
    )


def load_source_file(path: Path) -> Source:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceConfigError(f"{path}: not UTF-8 text: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise SourceConfigError(f"{path}: cannot be read: {exc}") from None
    return parse_source(data, str(path))


@dataclass
class Registry:
    """The source files of a sources path: the valid ones by id, and the broken ones (by
    the id their file name gives) with what is wrong; one broken file stops only itself."""
    sources: dict[str, Source]
    broken: dict[str, str]


SourcesPath = str | Path  # directories of source files, os.pathsep-separated like PATH


def source_dirs(path: SourcesPath) -> list[Path]:
    return [Path(part) for part in str(path).split(os.pathsep) if part]


def hosts_overlap(a: str, b: str) -> bool:
    """Whether two host claims own a common URL: the same host, or one inside the other."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def load_registry(path: SourcesPath = SOURCES_DIR) -> Registry:
    """Every `*.toml` of the path's directories, in order. An id defined twice, or a host
    two sources claim, breaks both sources with an error naming both files: either one
    would ingest the same articles (under one article_id, or twice over)."""
    files: dict[str, list[Path]] = {}
    for directory in source_dirs(path):
        if not directory.is_dir():
            raise SourceConfigError(f"{directory}: no such directory of source files")
        for file in sorted(directory.glob("*.toml")):
            files.setdefault(file.stem, []).append(file)
    sources, broken = {}, {}
    for stem, paths in files.items():
        if len(paths) > 1:
            broken[stem] = f"source id {stem!r} is defined twice: {paths[0]} and {paths[1]}"
            continue
        try:
            source = load_source_file(paths[0])
        except SourceConfigError as exc:
            broken[stem] = str(exc)
            continue
        sources[source.id] = source
    for a, b in combinations(list(sources.values()), 2):
        clash = next(((x, y) for x in a.hosts for y in b.hosts if hosts_overlap(x, y)), None)
        if clash:
            why = f"sources {a.id!r} ({a.path}) and {b.id!r} ({b.path}) both claim host {clash[0]}" + (
                "" if clash[0] == clash[1] else f" / {clash[1]}")
            broken[a.id] = broken[b.id] = why
    return Registry({k: v for k, v in sources.items() if k not in broken}, broken)


def load_sources(path: SourcesPath = SOURCES_DIR, only: list[str] | None = None) -> dict[str, Source]:
    """The valid sources (of `only`, when given); a selected source whose file is broken,
    or an id that names no file, is a SourceConfigError. Other broken files are left out:
    `load_registry` says which."""
    registry = load_registry(path)
    if only:
        unknown = sorted(set(only) - set(registry.sources) - set(registry.broken))
        if unknown:
            known = sorted(set(registry.sources) | set(registry.broken))
            raise SourceConfigError(f"unknown source(s): {', '.join(unknown)} (known: {', '.join(known)})")
        broken = [registry.broken[s] for s in only if s in registry.broken]
        if broken:
            raise SourceConfigError("; ".join(broken))
        return {k: v for k, v in registry.sources.items() if k in only}
    return registry.sources
