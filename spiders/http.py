"""Our own HTTP client for feeds, sitemaps and index pages: timeouts, size caps,
conditional GET, an honest User-Agent.

feedparser's built-in HTTP has no timeout, so it only ever sees bytes we fetched. With a
replay URL the client's transport sends every request to the offline mirror
(spiders/replay/); callers still see the outlet's URL.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from spiders.replay.transport import ReplayTransport

VERSION = "0.1"
MAX_FEED_BYTES = 10_000_000
NO_CONTACT = "set KABAR_CONTACT to an operator e-mail or URL"


def user_agent(contact: str | None = None) -> str:
    """The User-Agent of every request: who we are and how to reach the operator."""
    return f"kabar/{VERSION} (Indonesian news archive crawler; {contact or NO_CONTACT})"


USER_AGENT = user_agent()


def make_client(replay: str | None = None, timeout: float = 20.0, agent: str = USER_AGENT) -> httpx.Client:
    """A client for outlet traffic; `replay` (a mirror URL) routes it to the mirror."""
    transport = ReplayTransport(replay) if replay else None
    return httpx.Client(
        transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=True,
        headers={"User-Agent": agent, "Accept-Encoding": "gzip, deflate"}, max_redirects=5,
    )


@dataclass
class FetchResult:
    url: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and self.error is None


def fetch(client: httpx.Client, url: str, etag: str | None = None, last_modified: str | None = None,
          max_bytes: int = MAX_FEED_BYTES) -> FetchResult:
    """GET with validators and a size cap; network failures become `error`, never raise."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with client.stream("GET", url, headers=headers) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return FetchResult(url, response.status_code, dict(response.headers), error=f"body over {max_bytes} bytes")
                chunks.append(chunk)
            return FetchResult(str(response.url), response.status_code,
                               {k.lower(): v for k, v in response.headers.items()}, b"".join(chunks))
    except httpx.HTTPError as exc:
        return FetchResult(url, None, error=f"{type(exc).__name__}: {exc}")
