"""The httpx seam of replay: every request goes to the mirror, the outlet host in `Host`."""
from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from spiders.replay import SCHEME_HEADER


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
        headers[SCHEME_HEADER] = original.scheme
        routed = httpx.Request(
            request.method, original.copy_with(scheme="http", host=self.mirror_host, port=self.mirror_port),
            headers=headers, content=request.content, extensions=request.extensions,
        )
        return self.inner.handle_request(routed)

    def close(self) -> None:
        self.inner.close()
