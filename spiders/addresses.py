"""Where kabar may connect: public unicast addresses over http(s), nothing else.

Every request and every redirect hop is checked — by the httpx client's network backend
(`guard_transport`) and by the crawler's downloader middleware and DNS resolver — against
the address it will actually connect to, not only the host name: loopback, private,
link-local (cloud metadata at 169.254.169.254), shared, multicast, reserved and
unspecified addresses are refused, and so are names such as `localhost` and non-http(s)
schemes. A refused hop is a `blocked_address`. Networks the operator names
(KABAR_ALLOW_ADDRESSES, e.g. an internal proxy, or 127.0.0.1 for tests) are let through.
In replay, traffic goes to the mirror by design; the outlet URL itself is still checked.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore

BLOCKED_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback", "metadata.google.internal")
BLOCKED_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".localdomain")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedAddress(ConnectionError):
    """A request kabar refuses to make; the message says why."""


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return ip.ipv4_mapped
        if ip in NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


@dataclass(frozen=True)
class AddressPolicy:
    allowed: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def allowing(cls, networks: Iterable[str]) -> "AddressPolicy":
        return cls(tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks if n.strip()))

    def is_allowed(self, ip: IPAddress) -> bool:
        if any(ip in n for n in self.allowed):
            return True
        inner = _embedded_v4(ip)
        if inner is not None:
            return self.is_allowed(inner)
        return ip.is_global and not ip.is_multicast

    def check_ip(self, address: str) -> None:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not self.is_allowed(ip):
            raise BlockedAddress(f"{ip} is not a public address")

    def check_url(self, url: str) -> None:
        """Scheme and host of a URL, without resolving it: refuse non-http(s), blocked names
        and addresses written as literals."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").rstrip(".").lower()
        except ValueError as exc:
            raise BlockedAddress(f"not a valid URL: {exc}") from None
        if parts.scheme not in ("http", "https"):
            raise BlockedAddress(f"scheme {parts.scheme or '(none)'!r} is not http or https")
        if not host:
            raise BlockedAddress("no host")
        self.check_host(host)

    def check_host(self, host: str) -> None:
        host = host.strip("[]").rstrip(".").lower()
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:
            if host in BLOCKED_NAMES or host.endswith(BLOCKED_SUFFIXES):
                if not self.allowed or not any(self._resolves_into_allowed(host)):
                    raise BlockedAddress(f"{host} names this machine or its private network") from None
            return
        self.check_ip(host)

    def _resolves_into_allowed(self, host: str) -> list[bool]:
        try:
            return [any(ipaddress.ip_address(a) in n for n in self.allowed) for a in _addresses(host, 80)]
        except OSError:
            return []

    def resolve(self, host: str, port: int) -> list[str]:
        """The host's addresses, all of them allowed, or BlockedAddress."""
        self.check_host(host)
        found = _addresses(host.strip("[]"), port)
        for address in found:
            self.check_ip(address)
        return found


def _addresses(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend that resolves the host itself, checks every address,
    and connects to the checked one (so a second lookup cannot swap in another)."""

    def __init__(self, policy: AddressPolicy, inner: httpcore.NetworkBackend):
        self.policy, self.inner = policy, inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        try:
            addresses = self.policy.resolve(host, port)
        except socket.gaierror as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        return self.inner.connect_tcp(addresses[0], port, timeout=timeout, local_address=local_address,
                                      socket_options=socket_options)

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise BlockedAddress("unix sockets are not outlets")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def guard_transport(transport, policy: AddressPolicy):
    """Put the address check into an httpx.HTTPTransport's connection pool."""
    pool = transport._pool  # httpx builds it; its network backend is the one seam for connects
    pool._network_backend = _GuardedBackend(policy, pool._network_backend)
    return transport


def source_problem(source, policy: AddressPolicy) -> str | None:
    """Why a source file points where kabar may not go (its hosts, homepage, feeds,
    sitemaps, index templates), or None. No name is resolved here: the fetches check
    what each name resolves to."""
    urls = [source.homepage] + [e.url for e in source.feeds + source.sitemaps]
    urls += [e.url.replace("{", "").replace("}", "") for e in source.index_pages]
    try:
        for host in source.hosts:
            policy.check_host(host)
        for url in urls:
            policy.check_url(url)
    except BlockedAddress as exc:
        return f"{source.path}: {exc}"
    return None
