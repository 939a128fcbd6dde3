"""The httpx seam of replay: every request goes to the mirror, the outlet host in `Host`.
The outlet URL of each request and redirect hop is still held against the address policy
(a hostile page that redirects to 169.254.169.254 is refused here as it would be live)."""
from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from spiders.addresses import AddressPolicy
from spiders.replay import SCHEME_HEADER


class ReplayTransport(httpx.BaseTransport):
    """Route each request to the mirror server, keeping the outlet host in `Host`."""

    def __init__(self, mirror_url: str, policy: AddressPolicy = AddressPolicy(), inner: httpx.HTTPTransport | None = None):
        self.policy = policy
        parts = urlsplit(mirror_url)
        self.mirror_host, self.mirror_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        original = request.url
        self.policy.check_url(str(original))  # raises BlockedAddress
        headers = httpx.Headers(request.headers)
        headers["Host"] = original.netloc.decode("ascii")
        headers[SCHEME_HEADER] = original.scheme
        routed = httpx.Request(
            request.method, original.copy_with(scheme="http", host=self.mirror_host, port=self.mirror_port),
            headers=headers, stream=request.stream, extensions=request.extensions,  # a redirect's body is unread
        )
        return self.inner.handle_request(routed)

    def close(self) -> None:
        self.inner.close()
