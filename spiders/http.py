"""Our own HTTP client for feeds, sitemaps and index pages: timeouts, size caps,
conditional GET, an honest User-Agent.

feedparser's built-in HTTP has no timeout, so it only ever sees bytes we fetched. With a
replay URL the client's transport sends every request to the offline mirror
(spiders/replay/); callers still see the outlet's URL.
"""
from __future__ import annotations

import functools
import ssl
import time
from dataclasses import dataclass, field

import httpx

from spiders.addresses import AddressPolicy, BlockedAddress, guard_transport
from spiders.replay.transport import ReplayTransport
from transforms.urls import redact

VERSION = "0.1"
MAX_FEED_BYTES = 10_000_000
DEADLINE_SECONDS = 60.0  # for a whole feed, sitemap or index page
BLOCKED = "blocked_address"
NO_CONTACT = "set KABAR_CONTACT to an operator e-mail or URL"


def user_agent(contact: str | None = None) -> str:
    """The User-Agent of every request: who we are and how to reach the operator."""
    return f"kabar/{VERSION} (Indonesian news archive crawler; {contact or NO_CONTACT})"


USER_AGENT = user_agent()


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context for every client, as httpx would build it (SSL_CERT_FILE and
    SSL_CERT_DIR honoured); building one loads the CA bundle, ~30 ms each time."""
    return httpx.create_ssl_context()


def make_client(replay: str | None = None, timeout: float = 20.0, agent: str = USER_AGENT,
                policy: AddressPolicy = AddressPolicy()) -> httpx.Client:
    """A client for outlet traffic that connects only where `policy` allows, every redirect
    hop included; `replay` (a mirror URL) routes it all to the mirror instead."""
    transport = (ReplayTransport(replay, policy, inner=httpx.HTTPTransport(verify=tls_context())) if replay
                 else guard_transport(httpx.HTTPTransport(verify=tls_context()), policy))
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
    def blocked(self) -> bool:
        return bool(self.error and self.error.startswith(BLOCKED))

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300 and self.error is None


def fetch(client: httpx.Client, url: str, etag: str | None = None, last_modified: str | None = None,
          max_bytes: int = MAX_FEED_BYTES, deadline: float = DEADLINE_SECONDS) -> FetchResult:
    """GET with validators, a size cap and an overall deadline (a server that drips a byte
    a second never trips a read timeout); failures become `error`, never raise. The
    result's URL and headers carry no user:password@."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    shown = redact(url)
    ends = time.monotonic() + deadline
    try:
        with client.stream("GET", url, headers=headers) as response:
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return FetchResult(shown, response.status_code, dict(response.headers), error=f"body over {max_bytes} bytes")
                if time.monotonic() > ends:
                    return FetchResult(shown, response.status_code, dict(response.headers),
                                       error=f"deadline: not complete after {deadline:.0f} s")
                chunks.append(chunk)
            return FetchResult(redact(str(response.url)), response.status_code,
                               {k.lower(): v for k, v in response.headers.items()}, b"".join(chunks))
    except BlockedAddress as exc:
        return FetchResult(shown, None, error=f"{BLOCKED}: {exc}")
    except httpx.HTTPError as exc:
        return FetchResult(shown, None, error=redact(f"{type(exc).__name__}: {exc}"))
