"""Canonical URLs and the article id derived from them."""
from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that never change which article a URL names (lower case): tracking
# tags, and the pagination / single-page switches of multi-page articles.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "_ga", "ref", "src", "source", "from",
        "tag_from", "tracking", "rss", "cx_testid",
        "amp", "single", "page", "showpage",
    }
)


def canonical_url(url: str) -> str:
    """Normalise a URL so that every address of one article maps to one string.

    https, lower-case host without "m."/"amp." prefixes, no fragment, no tracking or
    pagination parameters, remaining parameters sorted, no trailing slash on paths.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in ("m.", "amp."):
        if host.startswith(prefix):
            host = "www." + host[len(prefix):] if host.count(".") >= 2 else host[len(prefix):]
    path = parts.path or "/"
    if path.endswith("/amp"):
        path = path[: -len("/amp")] or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    return urlunsplit(("https", host, path, urlencode(query), ""))


def clean_url(url: str) -> str:
    """The URL to fetch and store: tracking parameters and fragment gone, the rest as
    the outlet wrote it (unlike `canonical_url`, it still answers on the outlet)."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


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


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
