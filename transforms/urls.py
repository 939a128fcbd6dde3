"""Canonical URLs and the article id derived from them."""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote_to_bytes, urlencode, urlsplit, urlunsplit

# Query parameters that never change which article a URL names (lower case): tracking
# tags, and the pagination / single-page / AMP switches of article pages.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "_ga", "_gl", "igshid", "mc_cid", "mc_eid",
        "ref", "src", "source", "from", "tag_from", "tracking", "rss", "cx_testid", "cx_testvariant",
        "amp", "outputtype", "single", "page", "showpage", "view", "_ga4",
    }
)
# Host prefixes of mobile and AMP editions that serve the same article path.
MIRROR_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def canonical_url(url: str) -> str:
    """Normalise a URL so that every address of one article maps to one string.

    https; lower-case host without www./m./mobile./amp. and without a default port; no
    fragment; no tracking, pagination, single-page or AMP parameters, the rest sorted;
    an /amp path prefix or suffix and a trailing index.html or slash removed; repeated
    slashes folded; percent-escapes of unreserved characters decoded. The path's case
    is kept: article ids in paths can be case-sensitive.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
        port = parts.port
    except ValueError:  # not a URL (an unclosed IPv6 bracket, a bad port): itself, so one bad link fails only itself
        return url.strip()
    for prefix in MIRROR_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    if port and port not in (_DEFAULT_PORTS.get(parts.scheme), _DEFAULT_PORTS["https"]):  # the output is https
        host = f"{host}:{port}"
    # Escapes decoded to bytes and written again: unreserved characters plain, the rest (an
    # escape that is no UTF-8, such as a%ff, included) escaped in upper case.
    path = quote(re.sub(rb"/{2,}", b"/", unquote_to_bytes(parts.path)) or b"/", safe=_PATH_SAFE)
    path = re.sub(r"^/amp(?=/)", "", path)
    path = re.sub(r"/amp/?$", "", path) or "/"
    path = re.sub(r"/index\.(html?|php)$", "", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    return urlunsplit(("https", host, path, urlencode(query), ""))


def clean_url(url: str) -> str:
    """The URL to fetch and store: tracking parameters, fragment and any user:password@
    gone, the rest as the outlet wrote it (unlike `canonical_url`, it still answers on
    the outlet)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1].lower(), parts.path or "/", urlencode(query), ""))


def redact(url: str) -> str:
    """The URL without user:password@, for logs, rows and state (credentials in a feed's
    address are for fetching it, not for keeping)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^/@]*@", "//", url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[1], parts.path, parts.query, parts.fragment))


def invalid_url(url: str) -> str | None:
    """Why a listed link cannot be an article's address, or None when it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises for a port that is no number
    except ValueError as exc:
        return f"not a URL: {exc}"
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r}"
    if not parts.hostname:
        return "no host"
    return None


def _is_tracking(param: str) -> bool:
    return param.lower() in TRACKING_PARAMS or param.lower().startswith("utm_")


def article_id(url: str) -> str:
    """Deterministic id: the first 128 bits of SHA-256 over the canonical URL, in hex."""
    return hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:32]


def with_query_param(url: str, param: str) -> str:
    """Append a `k=v` (or bare `k`) parameter, e.g. a single-page switch like `page=all`."""
    if not param:
        return url
    parts = urlsplit(url)
    query = f"{parts.query}&{param}" if parts.query else param
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def same_site(a: str, b: str) -> bool:
    """Do two URLs belong to one site (equal hosts once www./m./amp. are set aside, or
    one a subdomain of the other's registrable part)?"""
    ha, hb = (host_of(canonical_url(u)) for u in (a, b))
    if not ha or not hb:
        return False
    base = lambda h: ".".join(h.split(".")[-3:]) if re.search(r"\.(co|or|go|ac|web|my)\.id$", h) else ".".join(h.split(".")[-2:])  # noqa: E731
    return base(ha) == base(hb)


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
