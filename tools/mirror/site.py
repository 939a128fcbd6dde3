"""The mirror on disk: files under sites/ by outlet host and path, and the routes that map
each outlet URL to its file and headers."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path

SECTION_SLUGS = {"Ekonomi": "ekonomi", "Daerah": "daerah", "Hukum": "hukum", "Olahraga": "olahraga",
                 "Internasional": "internasional", "Nasional": "nasional", "Teknologi": "teknologi",
                 "Kesehatan": "kesehatan", "Pendidikan": "pendidikan"}


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80]


def route_key(url: str) -> str:
    """`host/path?query` without the scheme: the mirror answers http and https alike."""
    return url.split("://", 1)[1]


def file_for(key: str, content_type: str) -> str:
    ext = {"text/html": ".html", "application/rss+xml": ".xml", "application/xml": ".xml", "text/plain": ".txt",
           "application/x-gzip": ".gz"}[content_type.split(";")[0]]
    path, _, query = key.partition("?")
    path = path.rstrip("/") + ("/index" if path.endswith("/") else "")
    if query:
        path += "__" + re.sub(r"[^A-Za-z0-9=_-]+", "_", query)
    return path if path.endswith(ext) else path + ext


class Mirror:
    def __init__(self, out: Path) -> None:
        self.sites = out / "sites"
        self.routes: dict[str, dict] = {}

    def add(self, url: str, content: str | bytes, content_type: str, last_modified: datetime | None = None,
            status: int = 200) -> None:
        key = route_key(url)
        rel = file_for(key, content_type)
        path = self.sites / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        route = {"file": rel, "type": content_type, "status": status}
        if last_modified:
            route["last_modified"] = format_datetime(last_modified.astimezone(timezone.utc), usegmt=True)
        self.routes[key] = route

    def hosts(self) -> list[str]:
        return sorted({key.split("/", 1)[0] for key in self.routes})
