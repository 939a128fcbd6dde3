"""Source registry: one TOML file per outlet in spiders/sources/, validated on load.

An unknown key, a missing key or a value of the wrong kind is a `SourceConfigError`
naming the file and the key, so a typo never silently disables a feed.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SOURCES_DIR = Path(__file__).parent / "sources"
_ID = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


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
    "single_page_param": (str,), "politeness": (dict,), "extract": (dict,), "notes": (str,),
    "article_pattern": (str,),
}
_REQUIRED = ("id", "name", "homepage", "timezone", "language", "hosts")
_ENDPOINT_KEYS: dict[str, tuple[type, ...]] = {"url": (str,), "template": (str,), "verified": (bool,), "note": (str,)}
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
    if not hosts or not all(isinstance(h, str) and h and "/" not in h for h in hosts):
        raise SourceConfigError(f"{where}: key 'hosts' must be a non-empty list of host names")
    politeness = data.get("politeness", {})
    _check_keys(f"{where}: politeness", politeness, _POLITENESS_KEYS)
    for key, value in politeness.items():
        if value < 0 or (key in ("concurrent_requests", "max_page_bytes", "timeout_seconds") and value <= 0):
            raise SourceConfigError(f"{where}: politeness: key '{key}' must be positive, got {value!r}")
    extract = data.get("extract", {})
    _check_keys(f"{where}: extract", extract, _EXTRACT_KEYS)
    selectors = extract.get("drop_selectors", [])
    if not all(isinstance(s, str) and s for s in selectors):
        raise SourceConfigError(f"{where}: extract: key 'drop_selectors' must be a list of CSS selectors")
    pattern = data.get("article_pattern", "")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise SourceConfigError(f"{where}: key 'article_pattern' is not a valid regular expression: {exc}") from None
    return Source(
        article_pattern=pattern,
        id=data["id"], name=data["name"], homepage=data["homepage"], timezone=data["timezone"],
        language=data["language"], hosts=tuple(h.lower() for h in hosts),
        feeds=_endpoints(where, "feeds", data.get("feeds", []), "url"),
        sitemaps=_endpoints(where, "sitemaps", data.get("sitemaps", []), "url"),
        index_pages=_endpoints(where, "index_pages", data.get("index_pages", []), "template"),
        single_page_param=data.get("single_page_param", ""),
        politeness=Politeness(**politeness), drop_selectors=tuple(selectors),
        notes=data.get("notes", ""), path=path,
    )


def load_source_file(path: Path) -> Source:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourceConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_source(data, str(path))


def load_sources(directory: Path = SOURCES_DIR, only: list[str] | None = None) -> dict[str, Source]:
    sources = {}
    for path in sorted(directory.glob("*.toml")):
        source = load_source_file(path)
        sources[source.id] = source
    if only:
        unknown = sorted(set(only) - set(sources))
        if unknown:
            raise SourceConfigError(f"unknown source(s): {', '.join(unknown)} (known: {', '.join(sources)})")
        sources = {k: v for k, v in sources.items() if k in only}
    return sources
