"""Canonical URLs and the article id derived from them."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, quote, unquote, unquote_to_bytes, urlencode, urlsplit, urlunsplit

from courlan.clean import TRACKERS_RE as COURLAN_TRACKERS

# The version of canonical_url's rules: raise it whenever an address maps to another
# string than before, so that stored articles are looked up under the new rules too
# (storage rebuilds each source's index of URL ids when it was built under other rules).
CANONICAL_RULES = 2

# Query parameters that never change which article a URL names (lower case): tracking
# tags, and the pagination / single-page / AMP switches of article pages. Besides these,
# courlan's tracker pattern (the library trafilatura brings, which follows AdGuard's and
# ClearURLs' lists) is asked; KEPT_PARAMS are never taken for trackers.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "ysclid", "twclid", "ttclid", "gbraid", "wbraid", "gclsrc",
        "_ga", "_gl", "igshid", "igsh", "si", "mc_cid", "mc_eid", "mkt_tok", "s_cid", "xtor", "wt_mc", "wt_zmc",
        "ref", "src", "source", "from", "tag_from", "tracking", "rss", "cx_testid", "cx_testvariant", "cmpid", "icid",
        "ocid", "ncid", "spm", "scm", "trk", "usqp", "_openstat", "guccounter", "guce_referrer", "guce_referrer_sig",
        "li_fat_id", "oprtrack", "__s", "_hsenc", "_hsmi", "__hsfp", "__hssc", "__hstc", "hsctatracking",
        "amp", "outputtype", "single", "page", "showpage", "view", "_ga4",
        # affiliate and ad-network click ids and e-mail tags (AdGuard's and ClearURLs' lists)
        "user_email_address", "sscid", "rtkcid", "cuid", "asgtbndr", "ymid", "tduid", "gci", "erid", "_kx", "awc",
        "maf", "irgwc", "adfrom", "wickedid", "srsltid", "os_ehash", "__twitter_impression", "wtrid", "echobox",
        "ceneo_spo",
    }
)
# Name shapes of click and device ids: irclickid, unicorn_click_id, gps_adid, ebisAdID,
# famad_xuid, _zucks_suid; prefixes of Cheetah Mail, Mindbox, Iterable, Branch, otm, vn.
TRACKING_SHAPES = re.compile(r"click_?id$|adid$|_[xs]uid$|^_?_?io_|^cm_|^mindbox-|^_branch_|^vc_|^otm_|^vn_|^_clde")
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "itm_", "hsa_", "ga_", "mc_", "fb_", "cx_", "adjust_", "bsft_", "dpg_",
                     "_sgm_", "oly_", "vero_", "ir_", "ml_", "cm_mmc", "matomo_", "piwik_", "action_", "gs_")
KEPT_PARAMS = frozenset({"id", "p", "cid", "aid", "newsid", "news_id", "berita", "artikel", "article", "q"})
# Host prefixes of mobile and AMP editions that serve the same article path.
MIRROR_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


# Outlets' mobile and AMP editions under other addresses: (host, path pattern, the main
# edition's host, path). m.detik.com/news/berita/d-1/x is news.detik.com/berita/d-1/x;
# amp.kompas.com/nasional/read/… is nasional.kompas.com/read/… (kanals of www stay there);
# okezone's /amp/… is /read/…; a Liputan6 article is its number, whatever the kanal or slug.
_DETIK_KANALS = "news|finance|hot|inet|sport|oto|travel|food|health|wolipop|edu|haibunda|jatim|jateng|jabar|sumut|sulsel|bali|jogja|properti"
_KOMPAS_WWW_KANALS = frozenset("tren hype food sains skola edu global cekfakta homey parapuan kolom jeo".split())
_OUTLET_EDITIONS: tuple[tuple[re.Pattern, re.Pattern, str, str], ...] = (
    (re.compile(r"^m\.detik\.com$"), re.compile(rf"^/(?P<kanal>{_DETIK_KANALS})(?P<rest>/.*/d-\d+(?:/.*)?)$"),
     "{kanal}.detik.com", "{rest}"),
    (re.compile(r"^amp\.kompas\.com$"), re.compile(r"^/(?P<kanal>[a-z]+)(?P<rest>/read/.+)$"), "{kompas}", "{rest}"),
    (re.compile(r"(^|\.)okezone\.com$"), re.compile(r"^/amp(?P<rest>/\d{4}/.+)$"), "{host}", "/read{rest}"),
    (re.compile(r"(^|\.)liputan6\.com$"), re.compile(r"^(?:/amp|/[a-z0-9-]+/read)/(?P<id>\d+)(?:/.*)?$"),
     "liputan6.com", "/read/{id}"),
)


def _main_edition(host: str, path: str) -> tuple[str, str]:
    for host_re, path_re, new_host, new_path in _OUTLET_EDITIONS:
        m = path_re.match(path) if host_re.search(host) else None
        if m:
            fields = {**m.groupdict(), "host": host}
            if "{kompas}" in new_host:
                kanal = fields["kanal"]
                fields["kompas"] = "www.kompas.com" if kanal in _KOMPAS_WWW_KANALS else f"{kanal}.kompas.com"
                new_path = f"/{kanal}{{rest}}" if kanal in _KOMPAS_WWW_KANALS else new_path
            return new_host.format(**fields), new_path.format(**fields)
    return host, path


def _ascii_host(host: str) -> str:
    """The host in lower case and in its ASCII (punycode) form: bücher.id is xn--bcher-kva.id."""
    host = host.lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: /a/./b/../c is /a/c."""
    out: list[str] = []
    for segment in path.split("/")[1:]:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    tail = "/" if path.endswith(("/.", "/..")) else ""
    return "/" + "/".join(out) + tail


def _path_bytes(path: str) -> bytes:
    """Escapes decoded to bytes; text that is UTF-8 in Unicode's composed form (NFC)."""
    raw = unquote_to_bytes(path)
    try:
        return unicodedata.normalize("NFC", raw.decode("utf-8")).encode("utf-8")
    except UnicodeDecodeError:
        return raw


def canonical_url(url: str) -> str:
    """Normalise a URL so that every address of one article maps to one string.

    https; the host in lower case and punycode, an outlet's mobile or AMP edition taken to
    its main edition, without www./m./mobile./amp. and without a default port; no
    fragment (a #! one is its ?_escaped_fragment_=); no tracking, pagination,
    single-page or AMP parameters, the rest sorted and in Unicode's composed form;
    dot segments resolved, an /amp path prefix or suffix and a trailing index.html or
    slash removed; repeated slashes folded; percent-escapes of unreserved characters
    decoded and text in Unicode's composed form. The path's case is kept: article ids in
    paths can be case-sensitive.
    """
    url = url.strip().strip('"<>')  # a link cut out of HTML with its quote or bracket (never in the output)
    try:
        parts = urlsplit(url)
        host = _ascii_host(parts.hostname or "")
        port = parts.port
    except ValueError:  # not a URL (an unclosed IPv6 bracket, a bad port): itself, so one bad link fails only itself
        return url
    host, raw_path = _main_edition(host, parts.path)
    for prefix in MIRROR_HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    if port and port not in (_DEFAULT_PORTS.get(parts.scheme), _DEFAULT_PORTS["https"]):  # the output is https
        host = f"{host}:{port}"
    # Escapes decoded to bytes and written again: unreserved characters plain, the rest (an
    # escape that is no UTF-8, such as a%ff, included) escaped in upper case.
    path = quote(re.sub(rb"/{2,}", b"/", _path_bytes(raw_path)) or b"/", safe=_PATH_SAFE)
    path = _remove_dot_segments(path)
    path = re.sub(r"^/amp(?=/)", "", path)
    path = re.sub(r"/amp/?$", "", path) or "/"
    path = re.sub(r"/index\.(html?|php)$", "", path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if parts.fragment.startswith("!"):  # a #! address is the page ?_escaped_fragment_= names (AJAX crawling)
        pairs.append(("_escaped_fragment_", unquote(parts.fragment[1:])))
    query = sorted(
        (unicodedata.normalize("NFC", k), unicodedata.normalize("NFC", v)) for k, v in pairs if not is_tracking(k)
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
        if not is_tracking(k)
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


def is_tracking(param: str) -> bool:
    name = param.lower()
    if name in KEPT_PARAMS:
        return False
    return (name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES) or TRACKING_SHAPES.search(name) is not None
            or COURLAN_TRACKERS.search(name) is not None)


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
