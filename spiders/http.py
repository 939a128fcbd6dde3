"""Our own HTTP client for feeds and sitemaps: timeouts, size caps, conditional GET.

feedparser's built-in HTTP has no timeout, so it only ever sees bytes we fetched.
In replay mode (`KABAR_REPLAY=http://127.0.0.1:PORT`) the transport sends every request
to the offline mirror with the outlet's host in the Host header; callers still see the
outlet's URL, so the same code runs against the mirror and the real sites.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx


VERSION = "0.1"
CONTACT = os.environ.get("KABAR_CONTACT", "set KABAR_CONTACT to an operator e-mail or URL")
USER_AGENT = f"kabar/{VERSION} (Indonesian news archive crawler; {CONTACT})"
REPLAY_ENV = "KABAR_REPLAY"
REPLAY_SCHEME_HEADER = "X-Kabar-Replay-Scheme"
MAX_FEED_BYTES = 10_000_000


class ReplayTransport(httpx.BaseTransport):
    """Route each request to the mirror server, keeping the outlet host in `Host`."""

    def __init__(self, mirror_url: str):
        parts = urlsplit(mirror_url)
        self.mirror_host, self.mirror_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        original = request.url
        headers = httpx.Headers(request.headers)
        headers["Host"] = original.netloc.decode("ascii")
        headers[REPLAY_SCHEME_HEADER] = original.scheme
        routed = httpx.Request(
            request.method, original.copy_with(scheme="http", host=self.mirror_host, port=self.mirror_port),
            headers=headers, content=request.content, extensions=request.extensions,
        )
        return self.inner.handle_request(routed)

    def close(self) -> None:
        self.inner.close()


def make_client(replay: str | None = None, timeout: float = 20.0) -> httpx.Client:
    replay = replay if replay is not None else os.environ.get(REPLAY_ENV)
    transport = ReplayTransport(replay) if replay else None
    return httpx.Client(
        transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=True,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}, max_redirects=5,
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

