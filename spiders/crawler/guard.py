"""The address policy (spiders/addresses.py) inside Scrapy. A downloader middleware sees
every request and redirect hop, robots.txt included: it refuses a URL that is not http(s)
or names a blocked host or address, and (live) resolves the host in a thread and refuses
it when an address is blocked — reported as `blocked_address`. Live, the resolver Scrapy
connects with refuses blocked addresses too, so a name that resolves differently a second
time still cannot reach one. In replay every connection goes to the mirror by design and
no outlet name is resolved; the outlet URLs are still checked."""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.resolver import CachingThreadedResolver
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from spiders.addresses import AddressPolicy, BlockedAddress

BLOCKED = "blocked_address"


def policy_of(settings) -> AddressPolicy:
    return AddressPolicy.allowing(settings.getlist("KABAR_ALLOW_ADDRESSES"))


class AddressGuardMiddleware:
    def __init__(self, policy: AddressPolicy, resolve: bool):
        self.policy, self.resolve = policy, resolve

    @classmethod
    def from_crawler(cls, crawler) -> "AddressGuardMiddleware":
        return cls(policy_of(crawler.settings), resolve=not crawler.settings.get("KABAR_REPLAY"))

    async def process_request(self, request, spider=None):
        try:
            self.policy.check_url(request.url)
            if self.resolve:
                parts = urlsplit(request.url)
                await maybe_deferred_to_future(deferToThread(self.policy.resolve, parts.hostname, parts.port or 443))
        except BlockedAddress as exc:
            raise IgnoreRequest(f"{BLOCKED}: {request.url}: {exc}") from None
        except OSError:
            pass  # cannot resolve: the download reports the DNS error itself
        return None


class GuardedResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, refusing names that resolve to a blocked address."""

    @classmethod
    def from_crawler(cls, crawler, reactor):
        resolver = super().from_crawler(crawler, reactor)
        resolver.policy = policy_of(crawler.settings)
        return resolver

    def getHostByName(self, name: str, timeout=()):
        return super().getHostByName(name, timeout).addCallback(self._checked, name)

    def _checked(self, address: str, name: str) -> str:
        self.policy.check_ip(address)  # raises BlockedAddress
        return address
